// One logged request as `GET /api/v1/analytics/requests` shows it: the record's decision and
// fallback facts in snake_case, times as ISO text. Prompts are never included.
import type { AttemptRecord, CascadeRecord, RecordStatus } from '../records/request-record.ts';
import type { StoredRequest } from '../store/types.ts';
import { isoTime } from './query-values.ts';

export interface AttemptView {
  deployment: string;
  provider: string;
  model: string;
  try: number;
  status: AttemptRecord['status'];
  error_class: string | null;
  /** The short, redacted upstream message, when there was one. */
  message: string | null;
  started_at: string;
  latency_ms: number;
}

export interface CascadeView {
  outcome: CascadeRecord['outcome'];
  answer_step: number;
  steps: {
    step: number;
    deployment: string | null;
    status: string;
    verdicts: { validator: string; verdict: string; reason: string | null }[];
    cost_usd: number;
  }[];
  total_cost_usd: number;
  top_deployment: string;
  saved_vs_top_usd: number;
}

export interface RequestView {
  request_id: string;
  received_at: string;
  key_id: string | null;
  requested: string;
  route_kind: 'deployment' | 'policy';
  policy: string | null;
  strategy: string;
  control: string | null;
  rule: string | null;
  tier: string | null;
  /** The serving deployment, null when none served. */
  deployment: string | null;
  provider: string | null;
  /** The serving deployment's upstream model name. */
  model: string | null;
  stream: boolean;
  status: RecordStatus;
  http_status: number;
  error_code: string | null;
  reason: string;
  score: number | null;
  scorer: string | null;
  task: string | null;
  attempts: AttemptView[];
  fallback: boolean;
  fallback_latency_ms: number;
  usage: { prompt_tokens: number; completion_tokens: number; total_tokens: number } | null;
  cost_usd: number;
  reference_deployment: string | null;
  reference_cost_usd: number;
  cost_delta_usd: number;
  premium_cost_usd: number;
  latency_ms: number;
  cascade: CascadeView | null;
  experiment: { id: string; arm: string; unit: string } | null;
  tags: Readonly<Record<string, string>>;
}

export function toRequestView({ record, premiumCostUsd, tags }: StoredRequest): RequestView {
  return {
    request_id: record.requestId,
    received_at: isoTime(record.receivedAt),
    key_id: record.keyId,
    requested: record.requested,
    route_kind: record.routeKind,
    policy: record.policy,
    strategy: record.strategy,
    control: record.control,
    rule: record.rule,
    tier: record.tier,
    deployment: record.finalDeployment,
    provider: record.finalProvider,
    model: record.finalModel,
    stream: record.stream,
    status: record.status,
    http_status: record.httpStatus,
    error_code: record.errorCode,
    reason: record.reason,
    score: record.score,
    scorer: record.scorer,
    task: record.taskClass,
    attempts: record.attempts.map((attempt) => ({
      deployment: attempt.deployment,
      provider: attempt.provider,
      model: attempt.model,
      try: attempt.try,
      status: attempt.status,
      error_class: attempt.errorClass ?? null,
      message: attempt.message ?? null,
      started_at: isoTime(attempt.startedAt),
      latency_ms: attempt.latencyMs,
    })),
    fallback: record.fallback,
    fallback_latency_ms: record.fallbackLatencyMs,
    usage:
      record.usage === null
        ? null
        : { prompt_tokens: record.usage.promptTokens, completion_tokens: record.usage.completionTokens, total_tokens: record.usage.totalTokens },
    cost_usd: record.costUsd,
    reference_deployment: record.referenceDeployment,
    reference_cost_usd: record.referenceCostUsd,
    cost_delta_usd: record.costDeltaUsd,
    premium_cost_usd: premiumCostUsd,
    latency_ms: record.latencyMs,
    cascade: record.cascade === null ? null : cascadeView(record.cascade),
    experiment: record.experiment === null ? null : { id: record.experiment.id, arm: record.experiment.arm, unit: record.experiment.unit },
    tags,
  };
}

function cascadeView(cascade: CascadeRecord): CascadeView {
  return {
    outcome: cascade.outcome,
    answer_step: cascade.answerStep,
    steps: cascade.steps.map((step) => ({
      step: step.step,
      deployment: step.deployment,
      status: step.status,
      verdicts: step.verdicts.map((verdict) => ({ validator: verdict.validator, verdict: verdict.verdict, reason: verdict.reason ?? null })),
      cost_usd: step.costUsd,
    })),
    total_cost_usd: cascade.totalCostUsd,
    top_deployment: cascade.topDeployment,
    saved_vs_top_usd: cascade.savedVsTopUsd,
  };
}
