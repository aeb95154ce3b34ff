// Per-arm figures and treatment − control differences, from per-request outcomes.
//
// Units: an experiment assigns arms per unit (a key, a user or a request), and requests of one unit
// tend to resemble each other (one key sends one kind of traffic). Treating 5,000 requests from 8
// keys as 5,000 independent draws would give intervals far too narrow. So every estimate is
// clustered by the outcome's `unit`: the standard error is the cluster-robust (CR1) one with
// units − 1 degrees of freedom. When every request is its own unit (split by request, or outcomes
// without a unit) this is exactly the ordinary s/√n with n − 1 df, so nothing changes there.
// Proportions use Wilson intervals on an effective sample size: n divided by the design effect
// (clustered variance over independent variance, at least 1), shrunk further by (z / t_{units−1})²
// when there are few units (Korn & Graubard 1998), so few keys cannot pass for many requests.
import { NORMAL_CRITICAL_95, tCritical95 } from './distributions.ts';
import {
  excludesZero,
  meanInterval,
  newcombeDifference,
  relativeChange,
  welchDifference,
  wilsonInterval,
  type Interval,
  type MeanEstimate,
} from './intervals.ts';

/** One request's result, as the statistics see it. */
export interface ExperimentOutcome {
  costUsd: number;
  /** A cascade answered from a later step than the first (or none passed). */
  escalated: boolean;
  error: boolean;
  /** A rating in [0, 1], when the client sent one. */
  feedback: number | null;
  /** The unit the arm was assigned by (`key:k1`); absent: the request counts as its own unit. */
  unit?: string | null;
}

/** A mean and its 95% interval; nulls where the data cannot give one (no values, or one unit). */
export interface MeanSummary {
  n: number;
  /** Distinct units the values came from. */
  units: number;
  mean: number | null;
  /** Sample standard deviation across requests. */
  sd: number | null;
  /** Cluster-robust standard error of the mean. */
  standardError: number | null;
  df: number | null;
  ci: Interval | null;
}

/** A proportion and its Wilson 95% interval. */
export interface RateSummary {
  count: number;
  n: number;
  rate: number | null;
  /** The sample size the interval was computed with (below n when units are clustered). */
  effectiveN: number | null;
  ci: Interval | null;
}

export interface ArmSummary {
  requests: number;
  units: number;
  cost: MeanSummary;
  escalation: RateSummary;
  error: RateSummary;
  /** Over the requests with a rating only. */
  feedback: MeanSummary;
}

export interface DifferenceSummary {
  /** Treatment − control. */
  estimate: number | null;
  ci: Interval | null;
  method: 'welch' | 'newcombe';
  /** True when the interval lies wholly above or below 0: a difference the data can see. */
  excludesZero: boolean;
}

export interface CostDifference extends DifferenceSummary {
  /** Treatment / control − 1 (−0.41 = 41% cheaper), with its own interval; null when a mean is 0. */
  relative: { estimate: number; ci: Interval } | null;
}

export interface ArmComparison {
  cost: CostDifference;
  escalation: DifferenceSummary;
  error: DifferenceSummary;
  feedback: DifferenceSummary;
}

interface Observation {
  value: number;
  unit: string | null;
}

interface Spread {
  n: number;
  units: number;
  mean: number;
  /** Σ (y − mean)² across requests. */
  sumSquares: number;
  /** CR1 variance of the mean; null with fewer than two units. */
  clusteredVariance: number | null;
}

function spread(observations: readonly Observation[]): Spread | null {
  const n = observations.length;
  if (n === 0) return null;
  const mean = observations.reduce((sum, item) => sum + item.value, 0) / n;
  let sumSquares = 0;
  let between = 0;
  let units = 0;
  const groups = new Map<string, { sum: number; count: number }>();
  for (const item of observations) {
    sumSquares += (item.value - mean) ** 2;
    if (item.unit === null) {
      // Its own unit: its residual is the whole contribution.
      between += (item.value - mean) ** 2;
      units += 1;
      continue;
    }
    const group = groups.get(item.unit) ?? { sum: 0, count: 0 };
    group.sum += item.value;
    group.count += 1;
    groups.set(item.unit, group);
  }
  for (const group of groups.values()) between += (group.sum - mean * group.count) ** 2;
  units += groups.size;
  const clusteredVariance = units >= 2 ? (units / (units - 1)) * (between / (n * n)) : null;
  return { n, units, mean, sumSquares, clusteredVariance };
}

/** Values cannot leave [min, max] (costs are never negative, ratings stay in [0, 1]), so neither may their mean's interval. */
function clamp(interval: Interval, min: number, max: number): Interval {
  return { low: Math.min(max, Math.max(min, interval.low)), high: Math.min(max, Math.max(min, interval.high)) };
}

function summariseMean(observations: readonly Observation[], bounds: { min: number; max: number }): MeanSummary {
  const result = spread(observations);
  if (result === null) return { n: 0, units: 0, mean: null, sd: null, standardError: null, df: null, ci: null };
  const sd = result.n >= 2 ? Math.sqrt(result.sumSquares / (result.n - 1)) : null;
  if (result.clusteredVariance === null) {
    return { n: result.n, units: result.units, mean: result.mean, sd, standardError: null, df: null, ci: null };
  }
  const estimate: MeanEstimate = { mean: result.mean, standardError: Math.sqrt(result.clusteredVariance), df: result.units - 1 };
  return { n: result.n, units: result.units, mean: result.mean, sd, standardError: estimate.standardError, df: estimate.df, ci: clamp(meanInterval(estimate), bounds.min, bounds.max) };
}

function summariseRate(observations: readonly Observation[]): RateSummary {
  const result = spread(observations);
  const count = observations.filter((item) => item.value === 1).length;
  if (result === null) return { count: 0, n: 0, rate: null, effectiveN: null, ci: null };
  const { n, units, mean: rate, clusteredVariance } = result;
  if (clusteredVariance === null) return { count, n, rate, effectiveN: null, ci: null };
  let effectiveN = n;
  // Independent-request variance with the same small-sample factor as CR1, so that one request
  // per unit gives a design effect of exactly 1.
  const independentVariance = (rate * (1 - rate)) / (n - 1);
  if (independentVariance > 0) effectiveN = n / Math.max(1, clusteredVariance / independentVariance);
  if (units < n) effectiveN *= (NORMAL_CRITICAL_95 / tCritical95(units - 1)) ** 2;
  return { count, n, rate, effectiveN, ci: wilsonInterval(rate * effectiveN, effectiveN) };
}

/** Every figure for one arm. */
export function summariseArm(outcomes: readonly ExperimentOutcome[]): ArmSummary {
  const unitOf = (outcome: ExperimentOutcome) => outcome.unit ?? null;
  const cost = summariseMean(outcomes.map((outcome) => ({ value: outcome.costUsd, unit: unitOf(outcome) })), { min: 0, max: Infinity });
  const rated = outcomes.filter((outcome) => outcome.feedback !== null);
  return {
    requests: outcomes.length,
    units: cost.units,
    cost,
    escalation: summariseRate(outcomes.map((outcome) => ({ value: outcome.escalated ? 1 : 0, unit: unitOf(outcome) }))),
    error: summariseRate(outcomes.map((outcome) => ({ value: outcome.error ? 1 : 0, unit: unitOf(outcome) }))),
    feedback: summariseMean(rated.map((outcome) => ({ value: outcome.feedback ?? 0, unit: unitOf(outcome) })), { min: 0, max: 1 }),
  };
}

function estimateOf(summary: MeanSummary): MeanEstimate | null {
  if (summary.mean === null || summary.standardError === null || summary.df === null) return null;
  return { mean: summary.mean, standardError: summary.standardError, df: summary.df };
}

const NO_DIFFERENCE = { estimate: null, ci: null, excludesZero: false } as const;

/** `span` bounds the difference: two values in [0, 1] differ by at most 1. */
function meanDifference(treatment: MeanSummary, control: MeanSummary, span: number): DifferenceSummary {
  const t = estimateOf(treatment);
  const c = estimateOf(control);
  if (t === null || c === null) return { ...NO_DIFFERENCE, method: 'welch' };
  const welch = welchDifference(t, c);
  const ci = clamp({ low: welch.low, high: welch.high }, -span, span);
  return { estimate: welch.estimate, ci, method: 'welch', excludesZero: excludesZero(ci) };
}

function rateDifference(treatment: RateSummary, control: RateSummary): DifferenceSummary {
  if (treatment.rate === null || treatment.ci === null || control.rate === null || control.ci === null) {
    return { ...NO_DIFFERENCE, method: 'newcombe' };
  }
  const ci = newcombeDifference({ rate: treatment.rate, interval: treatment.ci }, { rate: control.rate, interval: control.ci });
  return { estimate: treatment.rate - control.rate, ci, method: 'newcombe', excludesZero: excludesZero(ci) };
}

/** Treatment − control for every metric. */
export function compareArms(control: ArmSummary, treatment: ArmSummary): ArmComparison {
  const t = estimateOf(treatment.cost);
  const c = estimateOf(control.cost);
  const relative = t === null || c === null ? null : relativeChange(t, c);
  return {
    cost: {
      ...meanDifference(treatment.cost, control.cost, Infinity),
      relative: relative === null ? null : { estimate: relative.estimate, ci: { low: relative.low, high: relative.high } },
    },
    escalation: rateDifference(treatment.escalation, control.escalation),
    error: rateDifference(treatment.error, control.error),
    feedback: meanDifference(treatment.feedback, control.feedback, 1),
  };
}
