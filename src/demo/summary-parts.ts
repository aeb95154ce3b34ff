// The sections of the summary that read RequestRecords in detail: fallbacks (attempt lists),
// cascade outcomes (step verdicts), score distribution and client-visible errors.
import type { AttemptRecord, RequestRecord } from '../records/request-record.ts';
import type { InjectedFault } from './fault-plan.ts';
import { poorStyle } from './simulated-quality.ts';
import type { JoinedItem } from './join.ts';
import { mean, quantile } from './numbers.ts';
import type { CascadeSummaryFigures, ErrorSummary, FallbackSummary, ScoreSummary } from './summary-types.ts';

const HISTOGRAM_BUCKETS = 5;
const ERROR_SAMPLES = 5;

function increment(counts: Record<string, number>, key: string): void {
  counts[key] = (counts[key] ?? 0) + 1;
}

/** A request fell back when one of its attempts failed and another attempt came after it. */
export function fellBack(attempts: readonly AttemptRecord[]): boolean {
  const firstFailure = attempts.findIndex((attempt) => attempt.status === 'error');
  return firstFailure >= 0 && firstFailure < attempts.length - 1;
}

export function summariseFallbacks(records: readonly RequestRecord[], injected: readonly InjectedFault[]): FallbackSummary {
  const faultsInjected: FallbackSummary['faultsInjected'] = {};
  for (const fault of injected) faultsInjected[fault.kind] = (faultsInjected[fault.kind] ?? 0) + 1;
  const failedAttempts: Record<string, number> = {};
  const breakerSkips: Record<string, number> = {};
  for (const record of records) {
    for (const attempt of record.attempts) {
      if (attempt.status === 'error') increment(failedAttempts, attempt.errorClass ?? 'unknown');
      if (attempt.status === 'skipped') increment(breakerSkips, attempt.deployment);
    }
  }
  const fallbacks = records.filter((record) => fellBack(record.attempts));
  let sameDeployment = 0;
  let otherDeployment = 0;
  const added: number[] = [];
  for (const record of fallbacks) {
    if (record.status !== 'ok') continue;
    const firstFailure = record.attempts.findIndex((attempt) => attempt.status === 'error');
    const failed = record.attempts[firstFailure];
    const served = record.attempts.slice(firstFailure + 1).find((attempt) => attempt.status === 'ok');
    if (failed === undefined || served === undefined) continue;
    if (served.deployment === failed.deployment) sameDeployment += 1;
    else otherDeployment += 1;
    added.push(Math.max(0, served.startedAt - failed.startedAt));
  }
  const recovered = fallbacks.filter((record) => record.status === 'ok').length;
  return {
    faultsInjected,
    failedAttempts,
    requests: fallbacks.length,
    recovered,
    successRatePct: fallbacks.length > 0 ? (100 * recovered) / fallbacks.length : null,
    sameDeployment,
    otherDeployment,
    avgAddedLatencyMs: mean(added),
    breakerSkips,
  };
}

export function summariseCascade(entries: readonly JoinedItem[]): CascadeSummaryFigures {
  const figures: CascadeSummaryFigures = {
    requests: entries.length,
    passed: 0,
    escalated: 0,
    exhausted: 0,
    answeredBy: {},
    validatorFailures: {},
    poorAnswersCaught: 0,
    poorAnswersServed: 0,
    poorAnswersServedByStyle: {},
    needlessEscalations: 0,
    meanSteps: null,
  };
  let steps = 0;
  let withCascade = 0;
  for (const { item, routedRecord } of entries) {
    const cascade = routedRecord?.cascade ?? null;
    if (cascade === null) continue;
    withCascade += 1;
    steps += cascade.steps.length;
    figures[cascade.outcome] += 1;
    if (routedRecord?.finalDeployment != null) increment(figures.answeredBy, routedRecord.finalDeployment);
    for (const step of cascade.steps) {
      for (const verdict of step.verdicts) if (verdict.verdict === 'fail') increment(figures.validatorFailures, verdict.validator);
    }
    const first = cascade.steps[0];
    if (item.label === 1) {
      // The small model gave a poor answer; did the validators see it?
      if (first?.status === 'failed') figures.poorAnswersCaught += 1;
      else if (first?.status === 'passed') {
        figures.poorAnswersServed += 1;
        increment(figures.poorAnswersServedByStyle, poorStyle(item));
      }
    } else if (cascade.outcome !== 'passed') {
      figures.needlessEscalations += 1;
    }
  }
  figures.meanSteps = withCascade > 0 ? steps / withCascade : null;
  return figures;
}

export function summariseScores(entries: readonly JoinedItem[], cutPoints: ScoreSummary['cutPoints'], uncertainBand: ScoreSummary['uncertainBand']): ScoreSummary {
  const scored: { score: number; label: 0 | 1 }[] = [];
  const unavailable: Record<string, number> = {};
  for (const { item, routedRecord } of entries) {
    if (routedRecord === undefined) continue;
    if (routedRecord.score !== null) scored.push({ score: routedRecord.score, label: item.label });
    else increment(unavailable, routedRecord.scorer ?? 'not scored');
  }
  const scores = scored.map((entry) => entry.score);
  const meanOf = (label: 0 | 1): number | null => mean(scored.filter((entry) => entry.label === label).map((entry) => entry.score));
  const histogram = Array.from({ length: HISTOGRAM_BUCKETS }, (_, bucket) => ({ from: bucket / HISTOGRAM_BUCKETS, to: (bucket + 1) / HISTOGRAM_BUCKETS, label0: 0, label1: 0 }));
  for (const entry of scored) {
    const bucket = histogram[Math.min(HISTOGRAM_BUCKETS - 1, Math.max(0, Math.floor(entry.score * HISTOGRAM_BUCKETS)))];
    if (bucket === undefined) continue;
    if (entry.label === 1) bucket.label1 += 1;
    else bucket.label0 += 1;
  }
  return {
    scored: scored.length,
    unavailable,
    quantiles: scores.length === 0 ? null : { min: quantile(scores, 0), p25: quantile(scores, 0.25), median: quantile(scores, 0.5), p75: quantile(scores, 0.75), max: quantile(scores, 1) },
    meanByLabel: { label0: meanOf(0), label1: meanOf(1) },
    histogram,
    cutPoints,
    uncertainBand,
  };
}

export function summariseErrors(entries: readonly JoinedItem[], expectedClientErrors: ReadonlySet<number>): ErrorSummary {
  const samples: ErrorSummary['samples'] = [];
  let expected = 0;
  let unexpected = 0;
  for (const { item, routed, baseline } of entries) {
    for (const [phase, outcome] of [['routed', routed], ['baseline', baseline]] as const) {
      if (outcome.error === null) continue;
      const isExpected = phase === 'routed' && expectedClientErrors.has(item.index);
      if (isExpected) expected += 1;
      else unexpected += 1;
      const code = outcome.error.code === null ? '' : ` [${outcome.error.code}]`;
      samples.push({ itemIndex: item.index, phase, policy: item.policy, message: `${outcome.error.message}${code}`.slice(0, 200), expected: isExpected });
    }
  }
  // Unexpected errors first: they are the ones worth reading.
  samples.sort((a, b) => Number(a.expected) - Number(b.expected) || a.itemIndex - b.itemIndex);
  return { clientVisible: expected + unexpected, expected, unexpected, samples: samples.slice(0, ERROR_SAMPLES) };
}
