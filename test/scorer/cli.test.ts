// The train / score / eval commands, run in-process through their exported run(argv).
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { run as runEval } from '../../src/cli/commands/eval.ts';
import { run as runScore } from '../../src/cli/commands/score.ts';
import { run as runTrain } from '../../src/cli/commands/train.ts';
import { trainScorer } from '../../src/training/train.ts';
import { writeScorerModel } from '../../src/training/write-model.ts';
import { FAST_OPTIONS, syntheticExamples, toJsonl } from '../training/synthetic.ts';

const work = mkdtempSync(join(tmpdir(), 'rung-cli-'));
const goodModel = join(work, 'good');
const worseModel = join(work, 'worse');
const evalData = join(work, 'eval.jsonl');

describe('rung train / score / eval', () => {
  beforeAll(() => {
    writeFileSync(evalData, toJsonl(syntheticExamples(200, 99)));
    writeScorerModel(goodModel, trainScorer(syntheticExamples(300, 5), FAST_OPTIONS), []);
    // Trained on inverted outcomes: ranks the evaluation data backwards.
    writeScorerModel(worseModel, trainScorer(syntheticExamples(300, 5, true), FAST_OPTIONS), []);
  });

  it('train: rejects unknown flags and missing arguments with usage exit code 2', async () => {
    expect(await runTrain(['--data', 'x.jsonl', '--out', join(work, 'm'), '--bogus'])).toBe(2);
    expect(await runTrain(['--out', join(work, 'm')])).toBe(2);
  });

  it('train: writes a loadable model directory', async () => {
    const data = join(work, 'train.jsonl');
    writeFileSync(data, toJsonl(syntheticExamples(120, 8)));
    const out = join(work, 'trained');
    const code = await runTrain(['--data', data, '--out', out, '--seed', '4', '--epochs', '1', '--dim', '8', '--k', '4', '--quiet']);
    expect(code).toBe(0);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as { training: { seed: number }; encoder: { dimensions: number } };
    expect(manifest.training.seed).toBe(4);
    expect(manifest.encoder.dimensions).toBe(8);
  });

  it('train: fits the gated head by default, the logistic one with --head logistic, and rejects other heads', async () => {
    const data = join(work, 'train-heads.jsonl');
    writeFileSync(data, toJsonl(syntheticExamples(160, 12)));
    const kindOf = (dir: string): string => (JSON.parse(readFileSync(join(dir, 'head.json'), 'utf8')) as { head: { kind: string } }).head.kind;
    const flags = ['--data', data, '--epochs', '1', '--dim', '8', '--k', '4', '--quiet'];
    expect(await runTrain([...flags, '--out', join(work, 'gated')])).toBe(0);
    expect(kindOf(join(work, 'gated'))).toBe('gated');
    expect(await runTrain([...flags, '--out', join(work, 'logistic'), '--head', 'logistic'])).toBe(0);
    expect(kindOf(join(work, 'logistic'))).toBe('logistic');
    expect(await runTrain([...flags, '--out', join(work, 'other'), '--head', 'forest'])).toBe(2);
  });

  it('score: writes {id, score} lines in input order', async () => {
    const input = join(work, 'input.jsonl');
    const output = join(work, 'scores.jsonl');
    const prompts = ['say hello to river', 'solve the system of equations for matrix 17 when x = 2?', 'spell the name forest', 'compute the expected value of engine 55 when x = 1?'];
    writeFileSync(input, prompts.map((prompt, i) => JSON.stringify({ id: `q${3 - i}`, prompt })).join('\n') + '\n');
    expect(await runScore(['--model', goodModel, '--input', input, '--output', output])).toBe(0);
    const lines = readFileSync(output, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { id: string; score: number });
    expect(lines.map((l) => l.id)).toEqual(['q3', 'q2', 'q1', 'q0']);
    expect(lines[1]!.score).toBeGreaterThan(lines[0]!.score);
    expect(lines[3]!.score).toBeGreaterThan(lines[2]!.score);
  });

  it('score: a bad input line fails with file:line', async () => {
    const input = join(work, 'bad.jsonl');
    writeFileSync(input, '{"id":"a","prompt":"ok"}\n{"id":"b"}\n');
    expect(await runScore(['--model', goodModel, '--input', input, '--output', join(work, 'never.jsonl')])).toBe(1);
    expect(existsSync(join(work, 'never.jsonl'))).toBe(false);
  });

  it('eval: writes the curve, and the history alarm fires for a worse model', async () => {
    const history = join(work, 'history.jsonl');
    const out = join(work, 'report');
    expect(await runEval(['--model', goodModel, '--data', evalData, '--history', history, '--out', out])).toBe(0);
    expect(readFileSync(join(out, 'curve.svg'), 'utf8')).toMatch(/^<svg[\s\S]*<polyline[\s\S]*<\/svg>\n$/);
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as { overall: { model: { apgr: number } } };
    expect(report.overall.model.apgr).toBeGreaterThan(0.8);
    expect(await runEval(['--model', worseModel, '--data', evalData, '--history', history])).toBe(3);
    const records = readFileSync(history, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { accepted: boolean; alarm?: string });
    expect(records.map((r) => r.accepted)).toEqual([true, false]);
    expect(records[1]?.alarm).toMatch(/APGR fell from/);
    // The good model is still compared against the last accepted record, so it passes again.
    expect(await runEval(['--model', goodModel, '--data', evalData, '--history', history])).toBe(0);
  });
});
