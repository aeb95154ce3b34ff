// The one definition of every aggregate metric (see AggregateTotals in types.ts). The memory store
// applies it to records at query time; the SQLite store applies it when appending (to its hourly
// rollups) and to the raw rows at the edges of a range, so both stores agree by construction.
import type { RecordStatus, RequestRecord } from '../records/request-record.ts';
import { dayKey, hourKey } from './time-buckets.ts';
import type { AggregateGroup, AggregateTotals, GroupBy } from './types.ts';

/** A premium-tier answer to a request scored below this was overkill. */
export const OVERKILL_SCORE = 0.4;
export const STRONG_TIER = 'premium';

/** The fields of a stored request the metrics and the grouping read. */
export interface MetricInput {
  receivedAt: number;
  status: RecordStatus;
  tier: string | null;
  score: number | null;
  finalDeployment: string | null;
  referenceDeployment: string | null;
  policy: string | null;
  keyId: string | null;
  costUsd: number;
  referenceCostUsd: number;
  premiumCostUsd: number;
  fallback: boolean;
  fallbackLatencyMs: number;
  latencyMs: number;
  cascadeOutcome: 'passed' | 'escalated' | 'exhausted' | null;
  tags: Readonly<Record<string, string>>;
  feedbackScore: number | null;
}

export function metricInputOf(
  record: RequestRecord,
  premiumCostUsd: number,
  tags: Readonly<Record<string, string>>,
  feedbackScore: number | null,
): MetricInput {
  return {
    receivedAt: record.receivedAt,
    status: record.status,
    tier: record.tier,
    score: record.score,
    finalDeployment: record.finalDeployment,
    referenceDeployment: record.referenceDeployment,
    policy: record.policy,
    keyId: record.keyId,
    costUsd: record.costUsd,
    referenceCostUsd: record.referenceCostUsd,
    premiumCostUsd,
    fallback: record.fallback,
    fallbackLatencyMs: record.fallbackLatencyMs,
    latencyMs: record.latencyMs,
    cascadeOutcome: record.cascade?.outcome ?? null,
    tags,
    feedbackScore,
  };
}

export function emptyTotals(): AggregateTotals {
  return {
    requests: 0,
    errors: 0,
    costUsd: 0,
    referenceCostUsd: 0,
    premiumCostUsd: 0,
    fallbackCount: 0,
    fallbackSuccessCount: 0,
    fallbackLatencyMsSum: 0,
    latencyMsSum: 0,
    strongTierCount: 0,
    cascadeRequests: 0,
    escalations: 0,
    overkill: 0,
    costRouted: 0,
    feedbackSum: 0,
    feedbackCount: 0,
  };
}

export function isError(input: MetricInput): boolean {
  return input.status === 'error' || input.status === 'stream_error';
}

/** The request ran a cascade (the escalation rate's denominator). */
export function isCascade(input: MetricInput): boolean {
  return input.cascadeOutcome !== null;
}

export function isEscalation(input: MetricInput): boolean {
  return input.cascadeOutcome === 'escalated' || input.cascadeOutcome === 'exhausted';
}

export function isOverkill(input: MetricInput): boolean {
  return input.tier === STRONG_TIER && input.score !== null && input.score < OVERKILL_SCORE;
}

export function isCostRouted(input: MetricInput): boolean {
  return (
    input.status === 'ok' &&
    input.finalDeployment !== null &&
    input.referenceDeployment !== null &&
    input.finalDeployment !== input.referenceDeployment &&
    input.costUsd < input.referenceCostUsd
  );
}

export function addToTotals(totals: AggregateTotals, input: MetricInput): void {
  totals.requests += 1;
  if (isError(input)) totals.errors += 1;
  totals.costUsd += input.costUsd;
  totals.referenceCostUsd += input.referenceCostUsd;
  totals.premiumCostUsd += input.premiumCostUsd;
  if (input.fallback) {
    totals.fallbackCount += 1;
    if (input.status === 'ok') totals.fallbackSuccessCount += 1;
    totals.fallbackLatencyMsSum += input.fallbackLatencyMs;
  }
  totals.latencyMsSum += input.latencyMs;
  if (input.tier === STRONG_TIER) totals.strongTierCount += 1;
  if (isCascade(input)) totals.cascadeRequests += 1;
  if (isEscalation(input)) totals.escalations += 1;
  if (isOverkill(input)) totals.overkill += 1;
  if (isCostRouted(input)) totals.costRouted += 1;
  if (input.feedbackScore !== null) {
    totals.feedbackSum += input.feedbackScore;
    totals.feedbackCount += 1;
  }
}

export function mergeTotals(into: AggregateTotals, from: AggregateTotals): void {
  for (const name of Object.keys(into) as (keyof AggregateTotals)[]) into[name] += from[name];
}

/**
 * The group a request falls in; undefined when it is not counted at all (groupBy `tag` and the
 * request lacks the tag).
 */
export function groupKeyOf(input: MetricInput, groupBy: GroupBy, tag: string | undefined): string | null | undefined {
  switch (groupBy) {
    case 'model':
      return input.finalDeployment;
    case 'policy':
      return input.policy;
    case 'key':
      return input.keyId;
    case 'tier':
      return input.tier;
    case 'tag':
      return tag !== undefined && Object.hasOwn(input.tags, tag) ? input.tags[tag] : undefined;
    case 'day':
      return dayKey(input.receivedAt);
    case 'hour':
      return hourKey(input.receivedAt);
  }
}

/** Collects groups by key; `finish()` returns them sorted by key, null last. */
export class GroupAccumulator {
  private readonly groups = new Map<string | null, AggregateTotals>();

  totalsFor(key: string | null): AggregateTotals {
    let totals = this.groups.get(key);
    if (totals === undefined) {
      totals = emptyTotals();
      this.groups.set(key, totals);
    }
    return totals;
  }

  finish(): AggregateGroup[] {
    return [...this.groups.entries()]
      .filter(([, totals]) => totals.requests > 0)
      .sort(([a], [b]) => compareKeys(a, b))
      .map(([key, totals]) => ({ key, ...totals }));
  }
}

function compareKeys(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}
