import { describe, expect, it } from 'vitest';
import { tCritical95 } from '../../src/experiments/distributions.ts';
import { newcombeDifference, welchDifference, wilsonInterval } from '../../src/experiments/intervals.ts';
import { compareArms, summariseArm, type ExperimentOutcome } from '../../src/experiments/statistics.ts';

const outcome = (overrides: Partial<ExperimentOutcome> = {}): ExperimentOutcome => ({ costUsd: 0, escalated: false, error: false, feedback: null, ...overrides });

describe('summariseArm', () => {
  it('gives the mean cost with a t interval when every request is its own unit', () => {
    // 1..5: mean 3, sd √2.5 = 1.581139, se = sd/√5 = 0.707107, df 4; 3 ± 2.776445 · 0.707107 = [1.036757, 4.963243].
    const summary = summariseArm([1, 2, 3, 4, 5].map((costUsd) => outcome({ costUsd })));
    expect(summary.requests).toBe(5);
    expect(summary.units).toBe(5);
    expect(summary.cost.mean).toBe(3);
    expect(summary.cost.sd).toBeCloseTo(1.581139, 6);
    expect(summary.cost.standardError).toBeCloseTo(0.707107, 6);
    expect(summary.cost.df).toBe(4);
    expect(summary.cost.ci?.low).toBeCloseTo(1.036757, 5);
    expect(summary.cost.ci?.high).toBeCloseTo(4.963243, 5);
  });

  it('counts rates with Wilson intervals and averages feedback over rated requests only', () => {
    const outcomes = [
      ...Array.from({ length: 5 }, () => outcome({ error: true, feedback: 1 })),
      ...Array.from({ length: 5 }, () => outcome({ escalated: true })),
      outcome({ feedback: 0 }),
      outcome({ feedback: 0.5 }),
    ];
    const summary = summariseArm(outcomes);
    expect(summary.error).toMatchObject({ count: 5, n: 12, rate: 5 / 12 });
    expect(summary.escalation).toMatchObject({ count: 5, n: 12 });
    expect(summary.error.effectiveN).toBeCloseTo(12, 9);
    expect(summary.error.ci?.low).toBeCloseTo(wilsonInterval(5, 12).low, 9);
    expect(summary.error.ci?.high).toBeCloseTo(wilsonInterval(5, 12).high, 9);
    // Ratings 1,1,1,1,1,0,0.5: mean 5.5/7.
    expect(summary.feedback.n).toBe(7);
    expect(summary.feedback.mean).toBeCloseTo(5.5 / 7, 12);
  });

  it('keeps a rating interval inside [0, 1] however few ratings there are', () => {
    const summary = summariseArm([outcome({ feedback: 1 }), outcome({ feedback: 0 }), outcome({ feedback: 1 })]);
    expect(summary.feedback.ci).toEqual({ low: 0, high: 1 });
  });

  it('counts each unit once for spread: 20 requests from 4 keys are 4 draws, not 20', () => {
    // Keys A..D send 5 requests each, costing 1, 2, 3, 4 within the key. Mean 2.5.
    // CR1: Σ(S_g − m·N_g)² = 25 · (1.5² + 0.5² + 0.5² + 1.5²) = 125; V = 4/3 · 125 / 20² = 0.416667;
    // se = 0.645497 (= sd of the key means 1..4 over √4), df = 3; 2.5 ± 3.182446 · 0.645497 = 2.5 ± 2.054260 = [0.445740, 4.554260].
    const outcomes = ['A', 'B', 'C', 'D'].flatMap((unit, index) => Array.from({ length: 5 }, () => outcome({ costUsd: index + 1, unit: `key:${unit}` })));
    const clustered = summariseArm(outcomes);
    expect(clustered.units).toBe(4);
    expect(clustered.cost.df).toBe(3);
    expect(clustered.cost.standardError).toBeCloseTo(0.645497, 6);
    expect(clustered.cost.ci?.low).toBeCloseTo(0.44574, 5);
    expect(clustered.cost.ci?.high).toBeCloseTo(4.55426, 5);
    // The same costs read as 20 independent requests: se = √(25/19/20) = 0.256495, far narrower.
    const independent = summariseArm(outcomes.map((item) => ({ ...item, unit: null })));
    expect(independent.cost.standardError).toBeCloseTo(0.256495, 6);
    expect(independent.cost.df).toBe(19);
  });

  it('shrinks the effective sample for a rate concentrated in one unit', () => {
    // Key A fails all 5 requests, B..D none: p = 0.25, n = 20.
    // CR1 variance: 4/3 · (3.75² + 3 · 1.25²) / 400 = 0.0625; independent: 0.25 · 0.75 / 19 = 0.009868;
    // design effect 6.333 → n = 3.157895; × (1.959964 / t(0.975, 3) = 3.182446)² = × 0.379292 → 1.197765.
    const outcomes = ['A', 'B', 'C', 'D'].flatMap((unit) => Array.from({ length: 5 }, () => outcome({ error: unit === 'A', unit })));
    const summary = summariseArm(outcomes);
    expect(summary.error.rate).toBe(0.25);
    expect(summary.error.effectiveN).toBeCloseTo(1.197765, 5);
    const expected = wilsonInterval(0.25 * 1.197765, 1.197765);
    expect(summary.error.ci?.low).toBeCloseTo(expected.low, 5);
    expect(summary.error.ci?.high).toBeCloseTo(expected.high, 5);
    expect(summary.error.ci!.high - summary.error.ci!.low).toBeGreaterThan(2 * (wilsonInterval(5, 20).high - wilsonInterval(5, 20).low));
  });

  it('treats distinct unit names exactly like outcomes without a unit', () => {
    const plain = [0.1, 0.4, 0.2, 0.9, 0.5].map((costUsd, index) => outcome({ costUsd, error: index % 2 === 0 }));
    const named = plain.map((item, index) => ({ ...item, unit: `request:r${index}` }));
    const a = summariseArm(plain);
    const b = summariseArm(named);
    expect(b.cost.standardError).toBeCloseTo(a.cost.standardError ?? NaN, 12);
    expect(b.error.effectiveN).toBeCloseTo(a.error.effectiveN ?? NaN, 9);
  });

  it('reports nulls, not NaN, for an empty arm or a single unit', () => {
    const empty = summariseArm([]);
    expect(empty).toMatchObject({ requests: 0, units: 0, cost: { mean: null, ci: null }, error: { rate: null, ci: null }, feedback: { n: 0, mean: null } });
    const oneKey = summariseArm([outcome({ costUsd: 1, unit: 'key:a' }), outcome({ costUsd: 3, unit: 'key:a' })]);
    expect(oneKey.cost).toMatchObject({ mean: 2, standardError: null, ci: null });
    expect(oneKey.error.ci).toBeNull();
    expect(JSON.parse(JSON.stringify(empty))).toEqual(empty);
  });
});

describe('compareArms', () => {
  const control = summariseArm([1, 2, 3, 4, 5].map((costUsd, index) => outcome({ costUsd, error: index === 0, feedback: index / 4 })));
  const treatment = summariseArm([2, 4, 6, 8, 10].map((costUsd, index) => outcome({ costUsd, error: index < 3, feedback: 1 - index / 8 })));
  const comparison = compareArms(control, treatment);

  it('differences cost with Welch (treatment − control), with a relative change', () => {
    const expected = welchDifference({ mean: 6, standardError: Math.sqrt(2), df: 4 }, { mean: 3, standardError: Math.sqrt(0.5), df: 4 });
    expect(comparison.cost.method).toBe('welch');
    expect(comparison.cost.estimate).toBe(3);
    expect(comparison.cost.ci?.low).toBeCloseTo(expected.low, 9);
    expect(comparison.cost.ci?.high).toBeCloseTo(expected.high, 9);
    expect(comparison.cost.excludesZero).toBe(false);
    // 6 / 3 − 1 = +100%.
    expect(comparison.cost.relative?.estimate).toBeCloseTo(1, 12);
  });

  it('differences rates with Newcombe over each arm\'s Wilson interval', () => {
    const expected = newcombeDifference({ rate: 0.6, interval: wilsonInterval(3, 5) }, { rate: 0.2, interval: wilsonInterval(1, 5) });
    expect(comparison.error.method).toBe('newcombe');
    expect(comparison.error.estimate).toBeCloseTo(0.4, 12);
    expect(comparison.error.ci?.low).toBeCloseTo(expected.low, 9);
    expect(comparison.error.ci?.high).toBeCloseTo(expected.high, 9);
  });

  it('differences feedback with Welch and calls a clear gap', () => {
    // Control ratings 0, .25, .5, .75, 1 (mean .5); treatment 1, .875, .75, .625, .5 (mean .75).
    expect(comparison.feedback.estimate).toBeCloseTo(0.25, 12);
    const wide = compareArms(
      summariseArm(Array.from({ length: 400 }, (_, index) => outcome({ costUsd: 1 + (index % 3), feedback: index % 2 }))),
      summariseArm(Array.from({ length: 400 }, (_, index) => outcome({ costUsd: 0.5 + (index % 3) / 2, feedback: index % 5 === 0 ? 0 : 1 }))),
    );
    expect(wide.feedback.excludesZero).toBe(true);
    expect(wide.feedback.ci!.low).toBeGreaterThan(0);
    expect(wide.cost.excludesZero).toBe(true);
    expect(wide.cost.relative?.estimate).toBeCloseTo(-0.5, 9);
  });

  it('has no interval, and excludes nothing, when an arm is empty', () => {
    const none = compareArms(summariseArm([]), treatment);
    expect(none.cost).toMatchObject({ estimate: null, ci: null, excludesZero: false, relative: null });
    expect(none.error).toMatchObject({ estimate: null, ci: null, excludesZero: false });
  });

  it('uses t with units − 1 df in the Welch difference of clustered arms', () => {
    const arm = (offset: number) =>
      summariseArm(['A', 'B', 'C'].flatMap((unit, index) => Array.from({ length: 50 }, () => outcome({ costUsd: offset + index, unit }))));
    const result = compareArms(arm(1), arm(2));
    // Both arms: key means offset+0, +1, +2 → se = 1/√3 each; df = 2 each → Satterthwaite 4.
    const half = tCritical95(4) * Math.sqrt(2 / 3);
    expect(result.cost.ci?.low).toBeCloseTo(1 - half, 9);
    expect(result.cost.ci?.high).toBeCloseTo(1 + half, 9);
  });
});
