// The `Metrics` object of `GET /api/v1/analytics` (docs/api.md): the store's sums per group turned
// into the contract's snake_case figures. Rates are 0..1 and averages are null where nothing was
// there to average (a rate of 0 would claim something that was not measured). USD amounts are
// rounded to the nano-dollar so float noise from long sums does not reach the dashboard.
import { emptyTotals, mergeTotals } from '../store/metrics.ts';
import type { AggregateTotals } from '../store/types.ts';

export interface AnalyticsMetrics {
  requests: number;
  errors: number;
  error_rate: number | null;
  cost_usd: number;
  reference_cost_usd: number;
  premium_cost_usd: number;
  savings_vs_requested_usd: number;
  savings_vs_premium_usd: number;
  cost_routed_requests: number;
  fallback_count: number;
  fallback_success_rate: number | null;
  avg_fallback_latency_ms: number | null;
  avg_latency_ms: number | null;
  strong_tier_share: number | null;
  escalation_rate: number | null;
  overkill_count: number;
  feedback_avg: number | null;
  feedback_count: number;
}

export function roundUsd(value: number): number {
  return Math.round(value * 1e9) / 1e9;
}

function ratio(part: number, whole: number): number | null {
  return whole > 0 ? Math.round((part / whole) * 1e6) / 1e6 : null;
}

function mean(sum: number, count: number, digits: number): number | null {
  if (count <= 0) return null;
  const factor = 10 ** digits;
  return Math.round((sum / count) * factor) / factor;
}

export function toMetrics(sums: AggregateTotals): AnalyticsMetrics {
  return {
    requests: sums.requests,
    errors: sums.errors,
    error_rate: ratio(sums.errors, sums.requests),
    cost_usd: roundUsd(sums.costUsd),
    reference_cost_usd: roundUsd(sums.referenceCostUsd),
    premium_cost_usd: roundUsd(sums.premiumCostUsd),
    savings_vs_requested_usd: roundUsd(sums.referenceCostUsd - sums.costUsd),
    savings_vs_premium_usd: roundUsd(sums.premiumCostUsd - sums.costUsd),
    cost_routed_requests: sums.costRouted,
    fallback_count: sums.fallbackCount,
    fallback_success_rate: ratio(sums.fallbackSuccessCount, sums.fallbackCount),
    avg_fallback_latency_ms: mean(sums.fallbackLatencyMsSum, sums.fallbackCount, 1),
    avg_latency_ms: mean(sums.latencyMsSum, sums.requests, 1),
    strong_tier_share: ratio(sums.strongTierCount, sums.requests),
    // Over the requests that ran a cascade: other requests cannot escalate.
    escalation_rate: ratio(sums.escalations, sums.cascadeRequests),
    overkill_count: sums.overkill,
    feedback_avg: mean(sums.feedbackSum, sums.feedbackCount, 4),
    feedback_count: sums.feedbackCount,
  };
}

/** Adds groups' sums (groups never overlap, so their sum is the total of the requests they hold). */
export function sumTotals(groups: readonly AggregateTotals[]): AggregateTotals {
  const total = emptyTotals();
  for (const group of groups) mergeTotals(total, group);
  return total;
}
