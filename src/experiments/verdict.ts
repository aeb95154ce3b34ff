// The plain-language verdict. It refuses to call a winner on too little data, states only the
// differences whose 95% interval excludes 0, and calls cheaper-but-worse (or better-but-dearer) a
// trade-off rather than a win: which side of a trade-off is right is the team's call, not the data's.
import type { SplitUnit } from '../config/experiment-schema.ts';
import {
  formatMagnitudePercent,
  formatPercent,
  formatPointsWithInterval,
  formatRelativeChange,
  formatRelativeRange,
  formatSignedScore,
  formatSignedUsd,
  formatUsd,
} from './format.ts';
import type { SampleRatioCheck } from './sample-ratio.ts';
import type { ArmComparison, ArmSummary, CostDifference, DifferenceSummary, MeanSummary, RateSummary } from './statistics.ts';

export type VerdictOutcome = 'not_enough_data' | 'sample_ratio_mismatch' | 'better' | 'worse' | 'trade_off' | 'no_difference';
export type MetricName = 'cost' | 'escalation' | 'error' | 'feedback';
/** From the treatment's side: `better` = the treatment is better on this metric. */
export type MetricDirection = 'better' | 'worse' | 'no_difference' | 'not_compared';

export interface MetricVerdict {
  metric: MetricName;
  direction: MetricDirection;
  text: string;
}

export interface Verdict {
  outcome: VerdictOutcome;
  /** One sentence: the overall call. */
  headline: string;
  /** One line per metric; empty when there is not enough data. */
  metrics: MetricVerdict[];
  /** Caveats on reading the figures. */
  notes: string[];
}

export interface NamedArm {
  name: string;
  summary: ArmSummary;
}

export interface VerdictInput {
  control: NamedArm;
  treatment: NamedArm;
  comparison: ArmComparison;
  minRequestsPerArm: number;
  minFeedbackPerArm: number;
  splitBy: SplitUnit;
  /** The split's health; null or absent when there were too few units to judge. */
  sampleRatio?: SampleRatioCheck | null;
}

const UNIT_NOUNS: Readonly<Record<SplitUnit, [string, string]>> = { key: ['key', 'keys'], user: ['user', 'users'], request: ['request', 'requests'] };

const count = (value: number) => value.toLocaleString('en-US');
const plural = (value: number, [one, many]: [string, string]) => `${count(value)} ${value === 1 ? one : many}`;

/** Why no winner may be called yet, or null when both arms have enough data. */
function shortfall(input: VerdictInput): string | null {
  const arms = [input.control, input.treatment];
  const short = arms.filter((arm) => arm.summary.requests < input.minRequestsPerArm);
  if (short.length > 0) {
    const parts = short.map((arm, index) => `${arm.name} has ${count(arm.summary.requests)} of ${count(input.minRequestsPerArm)} requests${index === 0 ? ' needed' : ''}`);
    return `Not enough data: ${parts.join('; ')}. No winner is called until both arms have ${count(input.minRequestsPerArm)}.`;
  }
  // Every request of an arm from one key: key-to-key differences cannot be told from arm differences.
  const single = arms.filter((arm) => arm.summary.units < 2);
  if (single.length > 0) {
    const noun = UNIT_NOUNS[input.splitBy];
    const parts = single.map((arm) => `${arm.name}'s ${count(arm.summary.requests)} requests come from ${plural(arm.summary.units, noun)}`);
    return `Not enough data: ${parts.join('; ')}. At least 2 ${noun[1]} per arm are needed to tell an arm's effect from differences between ${noun[1]}.`;
  }
  return null;
}

/** A refusal when the arms' unit counts are far from what the weights promise. */
function brokenSplit(input: VerdictInput): string | null {
  const check = input.sampleRatio;
  if (check === undefined || check === null || !check.mismatch) return null;
  const noun = UNIT_NOUNS[input.splitBy][1];
  return (
    `The split looks broken, no winner: ${input.control.name} has ${count(check.controlUnits)} ${noun} and ${input.treatment.name} ${count(check.treatmentUnits)}, ` +
    `but the weights expect ${formatPercent(check.expectedControlShare)} in ${input.control.name} (observed ${formatPercent(check.observedControlShare)}). ` +
    `Find out why one arm is losing ${noun} (failed requests missing from the log, a weight changed mid-run) before reading any result.`
  );
}

/** For lower-is-better metrics (cost, escalations, errors); flip for feedback. */
function direction(difference: DifferenceSummary, higherIsBetter: boolean): MetricDirection {
  if (difference.ci === null) return 'not_compared';
  if (!difference.excludesZero) return 'no_difference';
  const up = difference.ci.low > 0;
  return up === higherIsBetter ? 'better' : 'worse';
}

function costLine(treatment: NamedArm, control: NamedArm, difference: CostDifference): MetricVerdict {
  const meanT = treatment.summary.cost.mean ?? 0;
  const meanC = control.summary.cost.mean ?? 0;
  const figures = `${formatUsd(meanT)} vs ${formatUsd(meanC)} for ${control.name}`;
  const change =
    difference.relative !== null
      ? { point: formatRelativeChange(difference.relative.estimate), range: formatRelativeRange(difference.relative.ci) }
      : { point: `${formatUsd(Math.abs(difference.estimate ?? 0))} ${(difference.estimate ?? 0) < 0 ? 'less' : 'more'}`, range: `${formatSignedUsd(difference.ci?.low ?? 0)} to ${formatSignedUsd(difference.ci?.high ?? 0)}` };
  const dir = direction(difference, false);
  if (dir === 'not_compared') return { metric: 'cost', direction: dir, text: 'cost per request not compared (no interval)' };
  if (dir === 'no_difference') {
    return { metric: 'cost', direction: dir, text: `cost per request no different (CI includes 0): ${figures}, ${change.point} (95% CI ${change.range})` };
  }
  return { metric: 'cost', direction: dir, text: `${treatment.name} costs ${change.point} per request (95% CI ${change.range}): ${figures}` };
}

const RATE_WORDS = {
  escalation: { label: 'escalation rate', better: 'escalates less often', worse: 'escalates more often' },
  error: { label: 'error rate', better: 'has fewer errors', worse: 'has more errors' },
} as const;

function rateLine(input: VerdictInput, metric: 'escalation' | 'error'): MetricVerdict {
  const words = RATE_WORDS[metric];
  const treatment: RateSummary = input.treatment.summary[metric];
  const control: RateSummary = input.control.summary[metric];
  const difference = input.comparison[metric];
  const dir = direction(difference, false);
  if (dir === 'not_compared' || difference.ci === null || difference.estimate === null) {
    return { metric, direction: 'not_compared', text: `${words.label} not compared (no interval)` };
  }
  if (metric === 'escalation' && treatment.count === 0 && control.count === 0) {
    return { metric, direction: dir, text: 'escalation rate no different (CI includes 0): neither arm escalated (only cascade policies escalate)' };
  }
  const figures = `${formatPercent(treatment.rate ?? 0)} vs ${formatPercent(control.rate ?? 0)} for ${input.control.name}, ${formatPointsWithInterval(difference.estimate, difference.ci)}`;
  if (dir === 'no_difference') return { metric, direction: dir, text: `${words.label} no different (CI includes 0): ${figures}` };
  return { metric, direction: dir, text: `${input.treatment.name} ${dir === 'better' ? words.better : words.worse}: ${words.label} ${figures}` };
}

function feedbackLine(input: VerdictInput, difference: DifferenceSummary): MetricVerdict {
  const t: MeanSummary = input.treatment.summary.feedback;
  const c: MeanSummary = input.control.summary.feedback;
  if (t.n < input.minFeedbackPerArm || c.n < input.minFeedbackPerArm || difference.ci === null || difference.estimate === null) {
    return {
      metric: 'feedback',
      direction: 'not_compared',
      text: `feedback not compared: ${input.control.name} has ${plural(c.n, ['rating', 'ratings'])} and ${input.treatment.name} ${count(t.n)}; ${count(input.minFeedbackPerArm)} per arm needed`,
    };
  }
  const figures = `mean ${(t.mean ?? 0).toFixed(2)} vs ${(c.mean ?? 0).toFixed(2)} for ${input.control.name}, ${formatSignedScore(difference.estimate)} (95% CI ${formatSignedScore(difference.ci.low)} to ${formatSignedScore(difference.ci.high)})`;
  const dir = direction(difference, true);
  if (dir === 'no_difference') return { metric: 'feedback', direction: dir, text: `feedback no different (CI includes 0): ${figures}` };
  return { metric: 'feedback', direction: dir, text: `${input.treatment.name} gets ${dir === 'better' ? 'better' : 'worse'} feedback: ${figures}` };
}

/** Short phrases for the headline, from the treatment's side. */
function phrase(metric: MetricName, dir: 'better' | 'worse', comparison: ArmComparison): string {
  if (metric === 'cost') {
    const relative = comparison.cost.relative;
    const amount = relative === null ? '' : `${formatMagnitudePercent(relative.estimate)} `;
    return `costs ${amount}${dir === 'better' ? 'less' : 'more'} per request`;
  }
  if (metric === 'feedback') return `gets ${dir} feedback`;
  return RATE_WORDS[metric][dir];
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
const joinAnd = (parts: readonly string[]) => (parts.length <= 1 ? parts.join('') : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`);

function headline(input: VerdictInput, metrics: readonly MetricVerdict[]): { outcome: VerdictOutcome; headline: string } {
  const T = input.treatment.name;
  const C = input.control.name;
  const good = metrics.filter((m) => m.direction === 'better').map((m) => phrase(m.metric, 'better', input.comparison));
  const bad = metrics.filter((m) => m.direction === 'worse').map((m) => phrase(m.metric, 'worse', input.comparison));
  if (good.length > 0 && bad.length > 0) {
    return { outcome: 'trade_off', headline: `Trade-off, no winner: ${T} ${joinAnd(good)} but ${joinAnd(bad)}. Weigh these against each other before switching.` };
  }
  if (bad.length > 0) return { outcome: 'worse', headline: `${capitalise(C)} is better: ${T} ${joinAnd(bad)}, with no detectable gain elsewhere.` };
  if (good.length > 0) return { outcome: 'better', headline: `${capitalise(T)} is better: it ${joinAnd(good)}, with no detectable loss on the other metrics compared.` };
  return {
    outcome: 'no_difference',
    headline: `No detectable difference between ${T} and ${C}: every interval includes 0. That is not proof they are the same; the intervals show how large a difference could still be hiding.`,
  };
}

function notes(input: VerdictInput): string[] {
  const out: string[] = [];
  const { control, treatment } = input;
  if (control.summary.units < control.summary.requests || treatment.summary.units < treatment.summary.requests) {
    const noun = UNIT_NOUNS[input.splitBy];
    out.push(
      `Arms were assigned by ${noun[0]}: ${control.name} has ${count(control.summary.requests)} requests from ${plural(control.summary.units, noun)}, ` +
        `${treatment.name} ${count(treatment.summary.requests)} from ${count(treatment.summary.units)}. Requests of one ${noun[0]} resemble each other, so the intervals count the spread between ${noun[1]} and are wider than per-request intervals.`,
    );
  }
  out.push('Each metric is checked at 95%: when nothing differs, up to about 1 experiment in 5 still shows one difference by chance across the four.');
  out.push('Read the result once, at the end of the window: stopping the first time an interval excludes 0 overstates certainty.');
  return out;
}

/** The verdict for one experiment. */
export function decideVerdict(input: VerdictInput): Verdict {
  const refusal = shortfall(input);
  if (refusal !== null) return { outcome: 'not_enough_data', headline: refusal, metrics: [], notes: notes(input).slice(-1) };
  const broken = brokenSplit(input);
  if (broken !== null) return { outcome: 'sample_ratio_mismatch', headline: broken, metrics: [], notes: [] };
  const { control, treatment, comparison } = input;
  const metrics = [
    costLine(treatment, control, comparison.cost),
    rateLine(input, 'escalation'),
    rateLine(input, 'error'),
    feedbackLine(input, comparison.feedback),
  ];
  return { ...headline(input, metrics), metrics, notes: notes(input) };
}
