import { describe, expect, it } from 'vitest';
import { evaluateRandom, evaluateScores, linearQuantiles, numpyInterp, rocAuc, trapezoid } from '../../src/training/metrics/index.ts';

const rows = [
  { strong: 1, weak: 1 },
  { strong: 1, weak: 0 },
  { strong: 1, weak: 1 },
  { strong: 1, weak: 0 },
];

describe('routing metrics on hand-checked cases', () => {
  it('a perfect router: curve (0%, .5) (50%, 1) (100%, 1), APGR 0.75, CPT(50%) 25%', () => {
    const m = evaluateScores([0.1, 0.4, 0.2, 0.3], rows, 2);
    expect(m.curve.map((p) => [p.pct, p.perf])).toEqual([
      [0, 0.5],
      [50, 1],
      [100, 1],
    ]);
    expect(m.curveAuc).toBeCloseTo(0.875, 12);
    expect(m.apgr).toBeCloseTo(0.75, 12);
    expect(m.cpt50).toBeCloseTo(25, 12);
    expect(m.rocAuc).toBe(1);
    expect(m.fracStrongBetter).toBe(0.5);
  });

  it('a router that picks one right and one wrong prompt: APGR 0.5', () => {
    const m = evaluateScores([0.1, 0.2, 0.3, 0.4], rows, 2);
    expect(m.curve.map((p) => p.perf)).toEqual([0.5, 0.75, 1]);
    expect(m.apgr).toBeCloseTo(0.5, 12);
    // Positives have ranks 2 and 4: (6 − 3) / (2·2).
    expect(m.rocAuc).toBeCloseTo(0.75, 12);
  });

  it('uses >= at inner edges and > at the last edge (ties all go strong except at the top)', () => {
    const m = evaluateScores([1, 1, 1, 1], rows, 2);
    expect(m.duplicateEdges).toBe(true);
    // Edges are all 1: the first two send everything strong, the last nothing.
    expect(m.curve.map((p) => p.pct)).toEqual([0, 100, 100]);
  });

  it('APGR and CPT are null when both tiers perform the same', () => {
    const m = evaluateScores([0.3, 0.7], [{ strong: 1, weak: 1 }, { strong: 0, weak: 0 }]);
    expect(m.apgr).toBeNull();
    expect(m.cpt50).toBeNull();
  });

  it('ROC-AUC gives tied scores their average rank and is null with one class', () => {
    expect(rocAuc([1, 1], [true, false])).toBe(0.5);
    expect(rocAuc([0.2, 0.8, 0.5], [false, true, false])).toBe(1);
    expect(rocAuc([0.2, 0.8], [true, true])).toBeNull();
  });

  it('quantiles, interpolation and trapezoid follow numpy', () => {
    expect(linearQuantiles([1, 2, 3, 4], [0, 0.5, 1])).toEqual([1, 2.5, 4]);
    expect(linearQuantiles([0, 10], [0.25])[0]).toBeCloseTo(2.5, 12);
    expect(numpyInterp(0.75, [0.5, 1, 1], [0, 50, 100])).toBe(25);
    expect(numpyInterp(2, [0.5, 1], [0, 50])).toBe(50);
    expect(numpyInterp(0, [0.5, 1], [0, 50])).toBe(0);
    expect(trapezoid([1, 3], [0, 2])).toBe(4);
  });

  it('the random baseline is seeded and lands near APGR 0.5 on a large set', () => {
    const many = Array.from({ length: 4000 }, (_, i) => ({ strong: 1, weak: i % 3 === 0 ? 0 : 1 }));
    const first = evaluateRandom(many, { seed: 3 });
    const again = evaluateRandom(many, { seed: 3 });
    expect(again.apgr).toBe(first.apgr);
    expect(first.apgr ?? 0).toBeGreaterThan(0.45);
    expect(first.apgr ?? 1).toBeLessThan(0.55);
  });
});
