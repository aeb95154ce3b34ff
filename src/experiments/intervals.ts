// 95% confidence intervals: a mean (t), a proportion (Wilson score), a difference of means
// (Welch), a difference of proportions (Newcombe's hybrid score method) and a ratio of means
// (delta method on the log scale). Every function takes plain numbers so each can be checked by hand.
import { NORMAL_CRITICAL_95, tCritical95 } from './distributions.ts';

export interface Interval {
  low: number;
  high: number;
}

/** A mean with its standard error and the degrees of freedom that error is estimated with. */
export interface MeanEstimate {
  mean: number;
  standardError: number;
  df: number;
}

/** mean ± t(0.975, df) · standard error. */
export function meanInterval(estimate: MeanEstimate): Interval {
  const half = tCritical95(estimate.df) * estimate.standardError;
  return { low: estimate.mean - half, high: estimate.mean + half };
}

/**
 * Wilson score interval for `successes` out of `trials`. Unlike the Wald interval p ± z·√(p(1−p)/n)
 * it never leaves [0, 1] and does not collapse to a point at 0 or n successes, which matters for
 * error rates that are often near 0. `trials` may be fractional (an effective sample size).
 */
export function wilsonInterval(successes: number, trials: number): Interval {
  if (!(trials > 0)) return { low: 0, high: 1 };
  const z = NORMAL_CRITICAL_95;
  const zSquared = z * z;
  const rate = successes / trials;
  const denominator = trials + zSquared;
  const centre = (successes + zSquared / 2) / denominator;
  const half = (z / denominator) * Math.sqrt(trials * rate * (1 - rate) + zSquared / 4);
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

export interface ProportionEstimate {
  rate: number;
  /** The rate's own Wilson interval. */
  interval: Interval;
}

/**
 * Newcombe's hybrid score interval for treatment − control (method 10 of Newcombe 1998). Each
 * side's Wilson interval supplies the spread in the direction that matters, so the result behaves
 * at rates near 0 where the Wald difference interval is far too narrow:
 *   low  = d − √((p_t − l_t)² + (u_c − p_c)²)
 *   high = d + √((u_t − p_t)² + (p_c − l_c)²)
 */
export function newcombeDifference(treatment: ProportionEstimate, control: ProportionEstimate): Interval {
  const difference = treatment.rate - control.rate;
  const below = Math.hypot(treatment.rate - treatment.interval.low, control.interval.high - control.rate);
  const above = Math.hypot(treatment.interval.high - treatment.rate, control.rate - control.interval.low);
  return { low: difference - below, high: difference + above };
}

/** Welch–Satterthwaite degrees of freedom for a sum of two independent variance estimates. */
export function satterthwaiteDf(varianceA: number, dfA: number, varianceB: number, dfB: number): number {
  const numerator = (varianceA + varianceB) ** 2;
  const denominator = varianceA ** 2 / dfA + varianceB ** 2 / dfB;
  // Both variances zero: no spread at all; any df gives a zero-width interval.
  return denominator > 0 ? numerator / denominator : dfA + dfB;
}

export interface DifferenceInterval extends Interval {
  estimate: number;
  df: number;
}

/**
 * Welch interval for treatment − control: it does not assume equal variances, which two routing
 * policies with different model mixes certainly do not have.
 */
export function welchDifference(treatment: MeanEstimate, control: MeanEstimate): DifferenceInterval {
  const varianceT = treatment.standardError ** 2;
  const varianceC = control.standardError ** 2;
  const df = satterthwaiteDf(varianceT, treatment.df, varianceC, control.df);
  const estimate = treatment.mean - control.mean;
  const half = tCritical95(df) * Math.sqrt(varianceT + varianceC);
  return { estimate, low: estimate - half, high: estimate + half, df };
}

/**
 * Relative change treatment / control − 1 with an interval from the delta method on log(mean_t /
 * mean_c): var ≈ (se_t / mean_t)² + (se_c / mean_c)². Working on the log scale keeps the interval
 * for a ratio asymmetric and positive, and it accounts for the control mean's own uncertainty,
 * which dividing the Welch interval by the control mean would ignore. Null when either mean is not
 * positive (a ratio of free requests means nothing).
 */
export function relativeChange(treatment: MeanEstimate, control: MeanEstimate): DifferenceInterval | null {
  if (!(treatment.mean > 0 && control.mean > 0)) return null;
  const relativeVarianceT = (treatment.standardError / treatment.mean) ** 2;
  const relativeVarianceC = (control.standardError / control.mean) ** 2;
  const df = satterthwaiteDf(relativeVarianceT, treatment.df, relativeVarianceC, control.df);
  const logRatio = Math.log(treatment.mean / control.mean);
  const half = tCritical95(df) * Math.sqrt(relativeVarianceT + relativeVarianceC);
  return { estimate: Math.exp(logRatio) - 1, low: Math.exp(logRatio - half) - 1, high: Math.exp(logRatio + half) - 1, df };
}

/** Whether an interval lies wholly on one side of zero. */
export function excludesZero(interval: Interval): boolean {
  return interval.low > 0 || interval.high < 0;
}
