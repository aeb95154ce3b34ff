// Parity with the reference evaluator /work/shared/tools/route_eval.mjs on the dev file. The
// shared folder exists only on the project's build machine; a user's clone skips these tests.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDataset } from '../../src/training/dataset.ts';
import { evaluateReport, evaluateScores, promptLengthScore } from '../../src/training/metrics/index.ts';

const shared = resolve(import.meta.dirname, '../../../shared');
const evaluator = join(shared, 'tools/route_eval.mjs');
const devFile = join(shared, 'data/routing-dev.jsonl');
const available = existsSync(evaluator) && existsSync(devFile);
const SKIP_REASON = 'skipped: ../shared (route_eval.mjs and routing-dev.jsonl) is only on the project build machine';

interface Summary {
  apgr: number;
  roc_auc: number;
  cpt20: number;
  cpt50: number;
  cpt80: number;
  curve: { pct: number; perf: number }[];
}

function runEvaluator(args: string[]): Summary {
  const output = execFileSync(process.execPath, [evaluator, '--data', devFile, ...args], { encoding: 'utf8' });
  const last = output.trim().split('\n').at(-1) ?? '{}';
  return JSON.parse(last) as Summary;
}

const round = (value: number | null, digits: number) => (value === null ? null : Math.round(value * 10 ** digits) / 10 ** digits);

describe.skipIf(!available)(`metrics match route_eval.mjs on the dev file (${available ? 'shared data present' : SKIP_REASON})`, () => {
  const examples = available ? loadDataset(devFile).examples : [];
  const outcomes = examples.map((e) => ({ strong: e.strong ?? 0, weak: e.weak ?? 0 }));

  it('length baseline', () => {
    const reference = runEvaluator(['--baseline', 'length']);
    const ours = evaluateScores(examples.map((e) => promptLengthScore(e.prompt)), outcomes);
    expect(round(ours.apgr, 6)).toBe(reference.apgr);
    expect(round(ours.rocAuc, 6)).toBe(reference.roc_auc);
    expect(round(ours.cpt50, 4)).toBe(reference.cpt50);
    expect(round(ours.cpt80, 4)).toBe(reference.cpt80);
    expect(ours.curve.map((p) => round(p.perf, 6))).toEqual(reference.curve.map((p) => p.perf));
  });

  it('a score file with many ties', () => {
    // Digit count: heavy ties, the hard case for the quantile edges and >= / > rule.
    const scores = examples.map((e) => (e.prompt.match(/\d/g) ?? []).length);
    const directory = mkdtempSync(join(tmpdir(), 'rung-parity-'));
    const scoreFile = join(directory, 'scores.jsonl');
    writeFileSync(scoreFile, examples.map((e, i) => JSON.stringify({ id: e.id, score: scores[i] })).join('\n'));
    const reference = runEvaluator(['--scores', scoreFile]);
    const ours = evaluateScores(scores, outcomes);
    expect(round(ours.apgr, 6)).toBe(reference.apgr);
    expect(round(ours.rocAuc, 6)).toBe(reference.roc_auc);
    expect(round(ours.cpt20, 4)).toBe(reference.cpt20);
    expect(round(ours.cpt50, 4)).toBe(reference.cpt50);
    expect(round(ours.cpt80, 4)).toBe(reference.cpt80);
    expect(readFileSync(scoreFile, 'utf8').length).toBeGreaterThan(0);
  });

  it('random baseline with the same seed', () => {
    const reference = runEvaluator(['--baseline', 'random', '--seed', '5']);
    const report = evaluateReport(
      examples.map((e) => ({ prompt: e.prompt, source: e.source ?? '', strong: e.strong ?? 0, weak: e.weak ?? 0 })),
      examples.map(() => 0),
      { seed: 5 },
    );
    expect(round(report.overall.random.apgr, 6)).toBe(reference.apgr);
    expect(round(report.overall.random.cpt50, 4)).toBe(reference.cpt50);
  });
});
