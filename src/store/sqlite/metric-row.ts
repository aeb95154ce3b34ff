// Reading the metric fields of stored requests back (for the partial hours at the edges of an
// aggregate range, and to move rollups when feedback changes).
import type { RecordStatus } from '../../records/request-record.ts';
import type { MetricInput } from '../metrics.ts';
import { decodeTags } from './request-row.ts';

/** Selects what `metricInputOfRow` reads from `requests r` joined with `feedback f`. */
export const METRIC_SELECT = `r.received_at, r.status, r.tier, r.score, r.final_deployment, r.reference_deployment, r.policy, r.key_id,
  r.cost_usd, r.reference_cost_usd, r.premium_cost_usd, r.fallback, r.fallback_latency_ms, r.latency_ms, r.cascade_outcome, r.tags,
  f.score AS feedback_score`;

export interface MetricRow {
  received_at: number;
  status: RecordStatus;
  tier: string | null;
  score: number | null;
  final_deployment: string | null;
  reference_deployment: string | null;
  policy: string | null;
  key_id: string | null;
  cost_usd: number;
  reference_cost_usd: number;
  premium_cost_usd: number;
  fallback: number;
  fallback_latency_ms: number;
  latency_ms: number;
  cascade_outcome: MetricInput['cascadeOutcome'];
  tags: string | null;
  feedback_score: number | null;
}

export function metricInputOfRow(row: MetricRow): MetricInput {
  return {
    receivedAt: row.received_at,
    status: row.status,
    tier: row.tier,
    score: row.score,
    finalDeployment: row.final_deployment,
    referenceDeployment: row.reference_deployment,
    policy: row.policy,
    keyId: row.key_id,
    costUsd: row.cost_usd,
    referenceCostUsd: row.reference_cost_usd,
    premiumCostUsd: row.premium_cost_usd,
    fallback: row.fallback === 1,
    fallbackLatencyMs: row.fallback_latency_ms,
    latencyMs: row.latency_ms,
    cascadeOutcome: row.cascade_outcome,
    tags: decodeTags(row.tags),
    feedbackScore: row.feedback_score,
  };
}
