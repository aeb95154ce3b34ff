// The familiarity-gated head: the gate tells the two kinds of rows apart, the blend is exactly
// g·familiar + (1 − g)·unfamiliar, and a feature that only helps on unfamiliar rows no longer adds
// noise to the familiar ones.
import { describe, expect, it } from 'vitest';
import { applyHead } from '../../src/scorer/apply-head.ts';
import { applyGatedHead, gateValue, trainGatedHead, type GatedHead } from '../../src/scorer/gated-head.ts';
import { applyLogisticHead, trainLogisticHead } from '../../src/scorer/head.ts';
import { SeededRandom } from '../../src/scorer/encoder/builtin/prng.ts';

const OPTIONS = { l2: 1e-4, iterations: 300, learningRate: 0.05 };

// Column 0: similarity (high for familiar rows). Column 1: the neighbours' evidence, which decides
// the target on familiar rows and part of it on unfamiliar ones. Column 2: a hand feature, which
// only matters on unfamiliar rows (as topic-free features do for prompts of an unseen kind).
function regimes(count: number, seed: number): { rows: Float32Array; targets: number[]; familiar: number[] } {
  const random = new SeededRandom(seed);
  const rows = new Float32Array(count * 3);
  const targets: number[] = [];
  const familiar: number[] = [];
  for (let r = 0; r < count; r++) {
    const isFamiliar = random.nextFloat() < 0.5;
    const similarity = isFamiliar ? 0.8 + 0.15 * random.nextFloat() : 0.3 + 0.15 * random.nextFloat();
    const evidence = random.nextFloat() * 2 - 1;
    const hand = random.nextFloat() * 2 - 1;
    const signal = isFamiliar ? 4 * evidence : 2 * evidence + 4 * hand;
    rows.set([similarity, evidence, hand], r * 3);
    targets.push(random.nextFloat() < 1 / (1 + Math.exp(-signal)) ? 1 : 0);
    familiar.push(isFamiliar ? 1 : 0);
  }
  return { rows, targets, familiar };
}

function logLoss(scores: readonly number[], targets: readonly number[]): number {
  return -scores.reduce((sum, z, i) => {
    const p = Math.min(1 - 1e-9, Math.max(1e-9, 1 / (1 + Math.exp(-z))));
    return sum + ((targets[i] ?? 0) === 1 ? Math.log(p) : Math.log(1 - p));
  }, 0) / scores.length;
}

function rowOf(rows: Float32Array, r: number): Float32Array {
  return rows.subarray(r * 3, r * 3 + 3);
}

describe('gated head', () => {
  const train = regimes(3000, 1);
  const test = regimes(2000, 2);
  const gated = trainGatedHead(train.rows, 3, train.targets, train.familiar, { gate: [0], familiar: [0, 1] }, OPTIONS);

  it('gates familiar rows near 1 and unfamiliar rows near 0', () => {
    let familiar = 0;
    let unfamiliar = 0;
    for (let r = 0; r < 2000; r++) {
      const g = gateValue(gated, rowOf(test.rows, r));
      if (test.familiar[r] === 1) familiar += g;
      else unfamiliar += g;
    }
    const familiarCount = test.familiar.filter((f) => f === 1).length;
    expect(familiar / familiarCount).toBeGreaterThan(0.9);
    expect(unfamiliar / (2000 - familiarCount)).toBeLessThan(0.1);
  });

  it('scores as g · familiar expert (on its inputs) + (1 − g) · unfamiliar expert', () => {
    const row = rowOf(test.rows, 7);
    const g = 1 / (1 + Math.exp(-applyLogisticHead(gated.gate, [row[0] ?? 0])));
    const expected = g * applyLogisticHead(gated.familiar, [row[0] ?? 0, row[1] ?? 0]) + (1 - g) * applyLogisticHead(gated.unfamiliar, row);
    expect(applyGatedHead(gated, row)).toBeCloseTo(expected, 10);
    expect(applyHead(gated, row)).toBeCloseTo(expected, 10);
  });

  it('scores familiar rows better than one logistic head, unfamiliar rows as well as it', () => {
    const single = trainLogisticHead(train.rows, 3, train.targets, OPTIONS);
    const loss = (familiar: number, head: Parameters<typeof applyHead>[0]): number => {
      const rows = Array.from({ length: 2000 }, (_, r) => r).filter((r) => test.familiar[r] === familiar);
      return logLoss(rows.map((r) => applyHead(head, rowOf(test.rows, r))), rows.map((r) => test.targets[r] ?? 0));
    };
    expect(loss(1, gated)).toBeLessThan(loss(1, single) - 0.02);
    expect(loss(0, gated)).toBeLessThan(loss(0, single) + 0.01);
  });

  it('gives the hand feature weight only through the unfamiliar expert', () => {
    // The familiar expert never reads column 2; the unfamiliar expert leans on it.
    expect(gated.familiarInputs).toEqual([0, 1]);
    expect(gated.familiar.weights.length).toBe(2);
    expect(Math.abs(gated.unfamiliar.weights[2] ?? 0)).toBeGreaterThan(0.5);
  });

  it('survives a JSON round trip (head.json) with the same scores', () => {
    const copy = JSON.parse(JSON.stringify(gated)) as GatedHead;
    const row = rowOf(test.rows, 11);
    expect(applyHead(copy, row)).toBe(applyHead(gated, row));
  });
});
