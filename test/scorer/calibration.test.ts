import { describe, expect, it } from 'vitest';
import { applyCalibration, fitIsotonic, fitPlatt } from '../../src/scorer/calibration.ts';
import { seededRandom } from '../../src/training/metrics/numeric.ts';

function noisyData(count: number): { raw: number[]; targets: number[] } {
  const random = seededRandom(9);
  const raw: number[] = [];
  const targets: number[] = [];
  for (let i = 0; i < count; i++) {
    const x = random() * 6 - 3;
    raw.push(x);
    targets.push(random() < 1 / (1 + Math.exp(-2 * x)) ? 1 : 0);
  }
  return { raw, targets };
}

describe('calibration', () => {
  it('PAV pools violators into their weighted mean', () => {
    const calibration = fitIsotonic([1, 2, 3, 4], [0, 1, 0, 1]);
    expect(calibration).toEqual({ kind: 'isotonic', x: [1, 2.5, 4], y: [0, 0.5, 1] });
    // Within 1e-6 of the PAV values (the tie-breaker), and strictly increasing past the ends.
    expect(applyCalibration(calibration, 0)).toBeCloseTo(0, 5);
    expect(applyCalibration(calibration, 3.25)).toBeCloseTo(0.75, 5);
    expect(applyCalibration(calibration, 9)).toBeCloseTo(1, 5);
    expect(applyCalibration(calibration, -1)).toBeLessThan(applyCalibration(calibration, 0));
    expect(applyCalibration(calibration, 10)).toBeGreaterThan(applyCalibration(calibration, 9));
    expect(applyCalibration(calibration, 10)).toBeLessThanOrEqual(1);
  });

  it('isotonic and Platt maps are monotonic and stay in [0, 1]', () => {
    const { raw, targets } = noisyData(2000);
    for (const calibration of [fitIsotonic(raw, targets), fitPlatt(raw, targets)]) {
      let previous = -Infinity;
      for (let x = -4; x <= 4; x += 0.01) {
        const p = applyCalibration(calibration, x);
        expect(p).toBeGreaterThan(previous);
        expect(p).toBeGreaterThanOrEqual(0);
        expect(p).toBeLessThanOrEqual(1);
        previous = p;
      }
    }
  });

  it('Platt recovers the generating slope roughly and calibrates the mean', () => {
    const { raw, targets } = noisyData(4000);
    const calibration = fitPlatt(raw, targets);
    if (calibration.kind !== 'platt') throw new Error('expected platt');
    expect(calibration.a).toBeGreaterThan(1.5);
    expect(calibration.a).toBeLessThan(2.5);
    const meanPrediction = raw.reduce((s, x) => s + applyCalibration(calibration, x), 0) / raw.length;
    const meanTarget = targets.reduce((s, t) => s + t, 0) / targets.length;
    expect(Math.abs(meanPrediction - meanTarget)).toBeLessThan(0.01);
  });
});
