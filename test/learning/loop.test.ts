// The learning loop end to end on small synthetic models: the eval gate, retraining from a real
// SQLite store with registration and eval history, the `rung models` registry commands and the
// drift alarm of `rung drift`.
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run as runDrift } from '../../src/cli/commands/drift.ts';
import { run as runModels } from '../../src/cli/commands/models.ts';
import { evaluateCandidate, gateDecision } from '../../src/learning/eval-gate.ts';
import { retrainFromStore } from '../../src/learning/retrain.ts';
import { appendOutcomes, collector, openStore, outcomeSpecsFrom, shuffledLabels, syntheticExamples, tempDir, TRAIN_OPTIONS, trainModel, writeJsonl } from './helpers.ts';

const folder = tempDir();
const train = syntheticExamples(120, 7);
const frozenFile = join(folder, 'frozen.jsonl');
const trainFile = join(folder, 'train.jsonl');
const goodDir = join(folder, 'good');
const badDir = join(folder, 'bad');
const AT = Date.UTC(2025, 0, 2, 3, 4, 5);

beforeAll(() => {
  writeJsonl(frozenFile, syntheticExamples(80, 21));
  writeJsonl(trainFile, train);
  trainModel(goodDir, train);
  trainModel(badDir, shuffledLabels(train));
});

afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('eval gate', () => {
  it('rejects a candidate trained on shuffled labels and promotes a real one', async () => {
    const rejected = await evaluateCandidate({ currentDir: goodDir, candidateDir: badDir, evalFile: frozenFile, tolerance: 0.02 });
    expect(rejected.decision).toBe('reject');
    expect(rejected.reason).toMatch(/^rejected: APGR .* below the current/);
    expect(rejected.current.figures.auc).toBeGreaterThan((rejected.candidate.figures.auc ?? 1) + 0.2);
    expect(rejected.dataset).toMatch(/^frozen:frozen\.jsonl@[0-9a-f]{12}$/);

    const promoted = await evaluateCandidate({ currentDir: badDir, candidateDir: goodDir, evalFile: frozenFile, tolerance: 0.02 });
    expect(promoted.decision).toBe('promote');
    expect(promoted.reason).toMatch(/^promoted: APGR/);
  });

  it('applies the tolerance to both metrics and rejects a candidate whose metric is undefined', () => {
    const current = { n: 10, apgr: 0.6, auc: 0.8, cpt50: null, cpt80: null };
    expect(gateDecision(current, { ...current, apgr: 0.59, auc: 0.79 }, 0.01).decision).toBe('promote');
    expect(gateDecision(current, { ...current, apgr: 0.7, auc: 0.78 }, 0.01)).toMatchObject({ decision: 'reject', reason: expect.stringMatching(/ROC-AUC 0\.7800 is below/) as unknown });
    expect(gateDecision(current, { ...current, auc: null }, 0.01).decision).toBe('reject');
    expect(gateDecision({ ...current, apgr: null, auc: null }, current, 0.01).decision).toBe('reject');
  });
});

describe('retraining from the store', () => {
  const registryDb = join(folder, 'registry.db');
  const invertedDb = join(folder, 'inverted.db');
  const outDir = join(folder, 'candidates');

  beforeAll(async () => {
    const store = await openStore(registryDb);
    await appendOutcomes(store, outcomeSpecsFrom(syntheticExamples(60, 31), 'good'));
    await store.close();
    const inverted = await openStore(invertedDb);
    await appendOutcomes(inverted, outcomeSpecsFrom(syntheticExamples(60, 41), 'bad', true));
    await inverted.close();
  });

  it('promotes a candidate that beats the current model, registers it active and records both evaluations', async () => {
    const result = await retrainFromStore({ dbPath: registryDb, extraData: [trainFile], evalFile: frozenFile, outDir, seed: 2, tolerance: 0.02, currentDir: badDir, trainOptions: TRAIN_OPTIONS, now: () => AT });
    expect(result.version).toBe('scorer-20250102T030405Z-s2');
    expect(result.promoted).toBe(true);
    expect(result.labels.examples).toBe(60);
    expect(result.training).toMatchObject({ rows: 180, outcomeRows: 60, extraRows: 120 });
    expect(result.currentVersion).toMatch(/^unregistered:[0-9a-f]{12}$/);
    expect(existsSync(join(outDir, result.version, 'manifest.json'))).toBe(true);

    const store = await openStore(registryDb);
    try {
      expect((await store.models.active())?.version).toBe(result.version);
      expect((await store.models.list())[0]?.metrics.auc).toBe(result.gate.candidate.figures.auc);
      const runs = await store.evals.list();
      expect(runs.map((r) => [r.modelVersion, r.accepted])).toEqual([
        [result.version, true],
        [result.currentVersion, true],
      ]);
    } finally {
      await store.close();
    }
  });

  it('registers but does not activate a candidate the gate rejects', async () => {
    const registry = await openStore(registryDb);
    try {
      const result = await retrainFromStore({ dbPath: invertedDb, registry, evalFile: frozenFile, outDir, seed: 3, tolerance: 0.02, trainOptions: TRAIN_OPTIONS, version: 'inverted', now: () => AT + 1000 });
      expect(result.promoted).toBe(false);
      expect(result.activation).toBeNull();
      expect(result.gate.reason).toMatch(/^rejected:/);
      expect(result.currentVersion).toBe('scorer-20250102T030405Z-s2');
      expect((await registry.models.list()).map((v) => v.version)).toEqual(['scorer-20250102T030405Z-s2', 'inverted']);
      expect((await registry.models.active())?.version).toBe('scorer-20250102T030405Z-s2');
      const newest = (await registry.evals.list(1))[0];
      expect(newest).toMatchObject({ modelVersion: 'inverted', accepted: false });
      await expect(retrainFromStore({ dbPath: invertedDb, registry, evalFile: frozenFile, outDir, trainOptions: TRAIN_OPTIONS, version: 'inverted' })).rejects.toThrow(/already registered/);
    } finally {
      await registry.close();
    }
  });

  it('rung models: list marks the active version, promote switches, rollback goes back', async () => {
    const listing = collector();
    expect(await runModels(['list', '--db', registryDb], listing)).toBe(0);
    const lines = listing.stdout.text.trim().split('\n');
    expect(lines[0]).toMatch(/version\s+created\s+apgr\s+auc/);
    expect(lines[1]).toMatch(/^\* +scorer-20250102T030405Z-s2 +2025-01-02T03:04:05Z +\d\.\d{4} +\d\.\d{4} +[\d.]+% /);
    expect(lines[2]).toMatch(/^ +inverted /);

    const promote = collector();
    expect(await runModels(['promote', 'inverted', '--db', registryDb], promote)).toBe(0);
    expect(promote.stdout.text).toMatch(/inverted is now active \(promotion; previously scorer-20250102T030405Z-s2\)/);

    const rollback = collector();
    expect(await runModels(['rollback', '--db', registryDb, '--json'], rollback)).toBe(0);
    expect(JSON.parse(rollback.stdout.text)).toMatchObject({ active: 'scorer-20250102T030405Z-s2', activation: { kind: 'rollback', previous: 'inverted' } });

    const json = collector();
    expect(await runModels(['list', '--db', registryDb, '--json'], json)).toBe(0);
    expect((JSON.parse(json.stdout.text) as { active: string }).active).toBe('scorer-20250102T030405Z-s2');

    const unknown = collector();
    expect(await runModels(['promote', 'nope', '--db', registryDb], unknown)).toBe(1);
    expect(unknown.stderr.text).toMatch(/no version nope is registered/);
    expect(await runModels(['promote', '--db', registryDb], collector())).toBe(2);
    expect(await runModels(['list', '--db', join(folder, 'missing.db')], collector())).toBe(2);
  });

  it('rung models rollback fails plainly when there is nothing to roll back to', async () => {
    const output = collector();
    expect(await runModels(['rollback', '--db', invertedDb], output)).toBe(1);
    expect(output.stderr.text).toMatch(/no version has been active/);
  });
});

describe('rung drift', () => {
  const driftDb = join(folder, 'drift.db');

  beforeAll(async () => {
    const store = await openStore(driftDb);
    await appendOutcomes(store, outcomeSpecsFrom(syntheticExamples(40, 51), 'early'));
    await store.close();
  });

  it('records a baseline, then raises the alarm (exit 1, accepted: false) when recent outcomes go bad', async () => {
    const args = ['--db', driftDb, '--model', goodDir, '--eval', frozenFile, '--recent', '40', '--tolerance', '0.02'];
    const first = collector();
    expect(await runDrift(args, first)).toBe(0);
    expect(first.stdout.text).toMatch(/recorded as the baseline/);

    const steady = collector();
    expect(await runDrift(args, steady)).toBe(0);
    expect(steady.stdout.text).toMatch(/within tolerance/);

    // Newer outcomes that contradict the model: cheap prompts escalated, hard ones passed cheap.
    const store = await openStore(driftDb);
    await appendOutcomes(store, outcomeSpecsFrom(syntheticExamples(40, 61), 'late', true, 100));
    await store.close();

    const drifted = collector();
    expect(await runDrift(args, drifted)).toBe(1);
    expect(drifted.stdout.text).toMatch(/drift alarm against the accepted record .*ROC-AUC fell from/);

    const check = await openStore(driftDb);
    try {
      const runs = await check.evals.list();
      expect(runs.map((r) => r.accepted)).toEqual([false, true, true]);
      expect(runs[0]?.modelVersion).toMatch(/^unregistered:/);
      expect(runs[0]?.notes).toMatch(/^frozen n=80 .*; outcomes n=40 /);
    } finally {
      await check.close();
    }
    // The failed record is not a baseline: the next check still compares with the accepted one.
    expect(await runDrift(args, collector())).toBe(1);
    expect(await runDrift(['--db', driftDb, '--model', goodDir], collector())).toBe(2);
  });
});
