import { describe, expect, it } from 'vitest';
import { policyThresholds, strongShare } from '../../src/scorer/thresholds.ts';
import { seededRandom } from '../../src/training/metrics/numeric.ts';

describe('policy thresholds', () => {
  it('send about 30 / 50 / 70 % of validation traffic to the strong tier', () => {
    const random = seededRandom(4);
    const scores = Array.from({ length: 5000 }, () => random() ** 2);
    const thresholds = policyThresholds(scores);
    expect(strongShare(scores, thresholds.cost_optimized)).toBeCloseTo(0.3, 2);
    expect(strongShare(scores, thresholds.balanced)).toBeCloseTo(0.5, 2);
    expect(strongShare(scores, thresholds.quality_first)).toBeCloseTo(0.7, 2);
    expect(thresholds.cost_optimized).toBeGreaterThan(thresholds.balanced);
    expect(thresholds.balanced).toBeGreaterThan(thresholds.quality_first);
  });

  it('handle a tiny set', () => {
    const thresholds = policyThresholds([0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0]);
    expect(thresholds).toEqual({ cost_optimized: 0.8, balanced: 0.6, quality_first: 0.4 });
  });
});
