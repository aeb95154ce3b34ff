// Offline A/B replay of a candidate model over a real SQLite store with hand-made traffic whose
// tier changes, prices and labels are known in advance.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run as runReplay } from '../../src/cli/commands/ab-replay.ts';
import type { ReplayReport } from '../../src/learning/ab-replay.ts';
import { appendOutcomes, collector, openStore, syntheticExamples, tempDir, trainModel, type OutcomeSpec } from './helpers.ts';

const folder = tempDir();
const modelDir = join(folder, 'candidate');
const db = join(folder, 'rung.db');

beforeAll(async () => {
  trainModel(modelDir, syntheticExamples(120, 7));
  const pool = syntheticExamples(60, 71);
  const easy = pool.filter((e) => e.target === 0).map((e) => e.prompt);
  const hard = pool.filter((e) => e.target === 1).map((e) => e.prompt);
  const at = (list: string[], i: number): string => list[i] ?? '';
  const specs: OutcomeSpec[] = [
    // Easy prompts the log sent to premium: the candidate sends them cheap (down), priced at the cheap $/token.
    ...[0, 1, 2].map((i) => ({ id: `easy-premium-${i}`, prompt: at(easy, i), tier: 'premium' })),
    // Hard prompts answered cheap and thumbed down (label 1): the candidate sends them strong (up).
    ...[0, 1].map((i) => ({ id: `hard-light-${i}`, prompt: at(hard, i), tier: 'light', feedback: 0 })),
    // Hard prompts answered strong and liked: unchanged, unlabelled by default.
    ...[2, 3].map((i) => ({ id: `hard-premium-${i}`, prompt: at(hard, i), tier: 'premium', feedback: 1 })),
    // Easy prompts the cheap tier passed (label 0): unchanged.
    ...[3, 4].map((i) => ({ id: `easy-light-${i}`, prompt: at(easy, i), tier: 'light', cascade: 'passed' as const })),
    // An easy prompt that was escalated (label 1): the candidate would send it cheap, a new risk.
    { id: 'easy-escalated', prompt: at(easy, 5), tier: 'premium', cascade: 'escalated' },
    { id: 'no-prompt', prompt: null, tier: 'light', feedback: 1 },
    { id: 'failed', prompt: at(easy, 6), tier: null },
  ];
  const store = await openStore(db);
  await appendOutcomes(store, specs);
  await store.close();
});

afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('rung ab replay', () => {
  it('counts tier changes, prices moved requests at the logged $/token and counts quality risk', async () => {
    const output = collector();
    expect(await runReplay(['replay', '--from-store', db, '--candidate', modelDir, '--json'], output)).toBe(0);
    const report = JSON.parse(output.stdout.text) as ReplayReport;
    expect(report.policy).toBe('cost_optimized');
    expect(report.requests).toEqual({ read: 12, replayed: 10, skippedNoPrompt: 1, skippedUnserved: 1 });
    expect(report.tiers).toEqual({ loggedStrong: 6, candidateStrong: 4, up: 2, down: 4, unchanged: 4 });
    // Cheap: 1e-6 $/token, strong: 1e-5 $/token (ok, non-cascade requests); 1,000 tokens each.
    expect(report.cost.pricePerToken.cheap).toBeCloseTo(1e-6, 12);
    expect(report.cost.pricePerToken.strong).toBeCloseTo(1e-5, 12);
    expect(report.cost.loggedUsd).toBeCloseTo(0.064, 9);
    expect(report.cost.estimatedUsd).toBeCloseTo(0.046, 9);
    expect(report.cost.deltaUsd).toBeCloseTo(-0.018, 9);
    expect(report.cost.unpriced).toBe(0);
    expect(report.quality).toEqual({ labelled: 5, loggedRisk: 2, candidateRisk: 1, newRisk: 1, avoidedRisk: 2 });
  });

  it('prints a table followed by the JSON report, and refuses bad arguments', async () => {
    const output = collector();
    expect(await runReplay(['--from-store', db, '--candidate', modelDir, '--policy', 'cost_optimized'], output)).toBe(0);
    expect(output.stdout.text).toMatch(/tier changes\s+2 up, 4 down, 4 unchanged/);
    expect(output.stdout.text).toMatch(/needed strong, sent cheap\s+logged 2, candidate 1 \(new 1, avoided 2\)/);
    const json = output.stdout.text.slice(output.stdout.text.indexOf('\n{') + 1);
    expect((JSON.parse(json) as ReplayReport).tiers.up).toBe(2);

    const bad = collector();
    expect(await runReplay(['--from-store', db, '--candidate', modelDir, '--policy', 'cheapest'], bad)).toBe(2);
    expect(bad.stderr.text).toMatch(/--policy must be one of cost_optimized, balanced, quality_first/);
    expect(await runReplay(['--candidate', modelDir], collector())).toBe(2);
    expect(await runReplay(['--from-store', join(folder, 'none.db'), '--candidate', modelDir], collector())).toBe(2);
  });
});
