import { describe, expect, it } from 'vitest';
import { logGamma, NORMAL_CRITICAL_95, regularizedIncompleteBeta, studentTCdf, studentTQuantile, tCritical95 } from '../../src/experiments/distributions.ts';
import { excludesZero, meanInterval, newcombeDifference, relativeChange, welchDifference, wilsonInterval } from '../../src/experiments/intervals.ts';

describe('Student t', () => {
  it('matches printed t tables for the two-sided 95% critical value', () => {
    // Standard table values (e.g. any statistics textbook's t table, column 0.975).
    expect(tCritical95(1)).toBeCloseTo(12.706, 3);
    expect(tCritical95(2)).toBeCloseTo(4.303, 3);
    expect(tCritical95(4)).toBeCloseTo(2.776, 3);
    expect(tCritical95(10)).toBeCloseTo(2.228, 3);
    expect(tCritical95(30)).toBeCloseTo(2.042, 3);
    expect(tCritical95(120)).toBeCloseTo(1.980, 3);
    expect(tCritical95(Infinity)).toBe(NORMAL_CRITICAL_95);
  });

  it('handles fractional degrees of freedom between the table rows', () => {
    const between = tCritical95(4.5);
    expect(between).toBeLessThan(tCritical95(4));
    expect(between).toBeGreaterThan(tCritical95(5));
  });

  it('has a CDF that is symmetric and inverts its quantile', () => {
    expect(studentTCdf(0, 3)).toBe(0.5);
    expect(studentTCdf(-1.3, 7) + studentTCdf(1.3, 7)).toBeCloseTo(1, 12);
    // t with 1 df is the Cauchy distribution: P(T ≤ 1) = 1/2 + atan(1)/π = 0.75.
    expect(studentTCdf(1, 1)).toBeCloseTo(0.75, 12);
    for (const p of [0.6, 0.9, 0.975, 0.999]) expect(studentTCdf(studentTQuantile(p, 6.3), 6.3)).toBeCloseTo(p, 10);
    expect(studentTQuantile(0.025, 10)).toBeCloseTo(-tCritical95(10), 10);
  });

  it('builds on a log-gamma and incomplete beta that match closed forms', () => {
    expect(logGamma(5)).toBeCloseTo(Math.log(24), 12);
    expect(logGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 12);
    // I_x(1, 1) = x and I_x(2, 1) = x².
    expect(regularizedIncompleteBeta(0.3, 1, 1)).toBeCloseTo(0.3, 12);
    expect(regularizedIncompleteBeta(0.3, 2, 1)).toBeCloseTo(0.09, 12);
    expect(() => studentTCdf(1, 0)).toThrow(RangeError);
  });
});

describe('wilsonInterval', () => {
  // z = 1.959964, z² = 3.841459. Wilson: centre = (x + z²/2) / (n + z²),
  // half-width = z / (n + z²) · √(n·p(1−p) + z²/4).

  it('0 of 10: the interval starts at 0 and reaches 0.2775', () => {
    // centre = 1.920729 / 13.841459 = 0.138766; half = 0.141601 · √0.960365 = 0.138766 → [0, 0.277533].
    const interval = wilsonInterval(0, 10);
    expect(interval.low).toBe(0);
    expect(interval.high).toBeCloseTo(0.277533, 5);
  });

  it('5 of 10: 0.2366 to 0.7634', () => {
    // centre = 0.5; half = 0.141601 · √(2.5 + 0.960365) = 0.141601 · 1.860205 = 0.263407.
    const interval = wilsonInterval(5, 10);
    expect(interval.low).toBeCloseTo(0.236593, 5);
    expect(interval.high).toBeCloseTo(0.763407, 5);
  });

  it('50 of 100: 0.4038 to 0.5962', () => {
    // centre = 0.5; half = (1.959964 / 103.841459) · √(25 + 0.960365) = 0.0188746 · 5.095132 = 0.096168.
    const interval = wilsonInterval(50, 100);
    expect(interval.low).toBeCloseTo(0.403832, 5);
    expect(interval.high).toBeCloseTo(0.596168, 5);
  });

  it('10 of 10 mirrors 0 of 10, and no trials says nothing', () => {
    expect(wilsonInterval(10, 10).high).toBe(1);
    expect(wilsonInterval(10, 10).low).toBeCloseTo(1 - 0.277533, 5);
    expect(wilsonInterval(0, 0)).toEqual({ low: 0, high: 1 });
  });
});

describe('difference intervals', () => {
  it('Welch on a hand-checkable sample', () => {
    // Treatment 2, 4, 6, 8, 10: mean 6, variance 10, se² = 10/5 = 2.
    // Control 1, 2, 3, 4, 5: mean 3, variance 2.5, se² = 2.5/5 = 0.5.
    // se = √2.5 = 1.581139; df = 2.5² / (2²/4 + 0.5²/4) = 6.25 / 1.0625 = 5.882353;
    // t(0.975, 5.882) = 2.458824 → 3 ± 3.887742 = [−0.887742, 6.887742].
    const result = welchDifference({ mean: 6, standardError: Math.sqrt(2), df: 4 }, { mean: 3, standardError: Math.sqrt(0.5), df: 4 });
    expect(result.estimate).toBe(3);
    expect(result.df).toBeCloseTo(5.882353, 5);
    expect(result.low).toBeCloseTo(-0.887742, 5);
    expect(result.high).toBeCloseTo(6.887742, 5);
    expect(excludesZero(result)).toBe(false);
  });

  it('a mean interval is mean ± t · se', () => {
    // 3 ± 2.776445 · 0.707107 = 3 ± 1.963243.
    const interval = meanInterval({ mean: 3, standardError: Math.sqrt(0.5), df: 4 });
    expect(interval.low).toBeCloseTo(1.036757, 5);
    expect(interval.high).toBeCloseTo(4.963243, 5);
  });

  it('Newcombe hybrid score interval reproduces the published example 56/70 − 48/80', () => {
    // Newcombe (1998), Statistics in Medicine 17:873, example (a), method 10: 0.0524 to 0.3339.
    // By hand: Wilson 56/70 = [0.691834, 0.876953], 48/80 = [0.490455, 0.700382]; d = 0.2;
    // low = 0.2 − √(0.108166² + 0.100382²) = 0.052431; high = 0.2 + √(0.076953² + 0.109545²) = 0.333873.
    const treatment = { rate: 56 / 70, interval: wilsonInterval(56, 70) };
    const control = { rate: 48 / 80, interval: wilsonInterval(48, 80) };
    const interval = newcombeDifference(treatment, control);
    expect(interval.low).toBeCloseTo(0.0524, 4);
    expect(interval.high).toBeCloseTo(0.3339, 4);
  });

  it('Newcombe stays honest at rates near 0 where Wald collapses', () => {
    // 0/200 vs 0/200: Wald gives [0, 0]; the score interval keeps the spread each side allows.
    const none = { rate: 0, interval: wilsonInterval(0, 200) };
    const interval = newcombeDifference(none, none);
    expect(interval.low).toBeCloseTo(-wilsonInterval(0, 200).high, 12);
    expect(interval.high).toBeCloseTo(wilsonInterval(0, 200).high, 12);
    expect(excludesZero(interval)).toBe(false);
  });

  it('relative change uses the log ratio and is null for a free control', () => {
    // Means 0.6 vs 1.0 → −40%; var(log) = (0.03/0.6)² + (0.05/1)² = 0.005; df by Satterthwaite = 198 (equal parts, 99 each).
    const change = relativeChange({ mean: 0.6, standardError: 0.03, df: 99 }, { mean: 1, standardError: 0.05, df: 99 });
    expect(change?.estimate).toBeCloseTo(-0.4, 12);
    expect(change?.df).toBeCloseTo(198, 9);
    const half = tCritical95(198) * Math.sqrt(0.005);
    expect(change?.low).toBeCloseTo(0.6 * Math.exp(-half) - 1, 12);
    expect(change?.high).toBeCloseTo(0.6 * Math.exp(half) - 1, 12);
    expect(relativeChange({ mean: 0.6, standardError: 0.03, df: 99 }, { mean: 0, standardError: 0, df: 99 })).toBeNull();
  });
});
