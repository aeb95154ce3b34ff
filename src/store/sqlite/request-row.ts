// A RequestRecord <-> a `requests` row. Scalars get columns; the attempts and the cascade are
// JSON arrays of positional tuples (no repeated key names), which keeps a typical row at a few
// hundred bytes. Decoding gives back the record field for field, optional fields left out as
// they were. Tuple layouts (append fields at the end only, so old rows still decode):
//   attempt: [deployment, provider, model, startedAt - receivedAt, latencyMs, status, try, errorClass|null?, message?]
//   cascade: [outcome, answerStep, totalCostUsd, topDeployment, savedVsTopUsd, steps]
//   step:    [step, deployment, status, costUsd, verdicts];  verdict: [validator, verdict, reason?]
//   experiment: [id, arm, unit]
import type { AttemptRecord, CascadeRecord, RequestRecord } from '../../records/request-record.ts';
import type { NormalizedItem } from '../append-item.ts';

/** Parameters of the INSERT, by column name. */
export type RequestRow = Record<string, string | number | null>;

export const REQUEST_COLUMNS = [
  'request_id', 'received_at', 'key_id', 'workspace', 'department', 'agent', 'requested', 'route_kind', 'policy', 'strategy',
  'reason', 'control', 'rule', 'project', 'score', 'scorer', 'task_class', 'tier', 'stream', 'attempts', 'final_deployment',
  'final_provider', 'final_model', 'status', 'http_status', 'error_code', 'prompt_tokens', 'completion_tokens', 'total_tokens',
  'cost_usd', 'reference_deployment', 'reference_cost_usd', 'cost_delta_usd', 'premium_cost_usd', 'latency_ms',
  'fallback_latency_ms', 'fallback', 'cascade_outcome', 'cascade', 'experiment', 'tags',
] as const;

type AttemptTuple = [string, string, string, number, number, AttemptRecord['status'], number, (AttemptRecord['errorClass'] | null)?, string?];
type VerdictTuple = [string, string, string?];
type StepTuple = [number, string | null, string, number, VerdictTuple[]];
type CascadeTuple = [CascadeRecord['outcome'], number, number, string, number, StepTuple[]];
type ExperimentTuple = [string, string, string];

/**
 * The INSERT's positional parameters, in REQUEST_COLUMNS order. Built as the array itself: the
 * writer binds one per request, and a keyed row mapped to positions cost an object per request.
 */
export function requestRowValues(item: NormalizedItem): (string | number | null)[] {
  const { record } = item;
  const values: (string | number | null | undefined)[] = [
    record.requestId,
    record.receivedAt,
    record.keyId,
    record.workspace,
    record.department,
    record.agent,
    record.requested,
    record.routeKind,
    record.policy,
    record.strategy,
    record.reason,
    record.control,
    record.rule,
    record.project,
    record.score,
    record.scorer,
    record.taskClass,
    record.tier,
    record.stream ? 1 : 0,
    JSON.stringify(record.attempts.map((attempt) => encodeAttempt(attempt, record.receivedAt))),
    record.finalDeployment,
    record.finalProvider,
    record.finalModel,
    record.status,
    record.httpStatus,
    record.errorCode,
    record.usage?.promptTokens,
    record.usage?.completionTokens,
    record.usage?.totalTokens,
    record.costUsd,
    record.referenceDeployment,
    record.referenceCostUsd,
    record.costDeltaUsd,
    item.premiumCostUsd,
    record.latencyMs,
    record.fallbackLatencyMs,
    record.fallback ? 1 : 0,
    record.cascade?.outcome,
    record.cascade === null ? null : JSON.stringify(encodeCascade(record.cascade)),
    record.experiment === null ? null : JSON.stringify([record.experiment.id, record.experiment.arm, record.experiment.unit] satisfies ExperimentTuple),
    Object.keys(item.tags).length === 0 ? null : JSON.stringify(item.tags),
  ];
  // A field a record left out is stored as NULL, as a column the INSERT does not name would be.
  for (let index = 0; index < values.length; index++) values[index] ??= null;
  return values as (string | number | null)[];
}

/** The row by column name (what the migrations and tests compare). */
export function encodeRequest(item: NormalizedItem): RequestRow {
  const values = requestRowValues(item);
  const row: RequestRow = {};
  REQUEST_COLUMNS.forEach((column, index) => {
    row[column] = values[index] ?? null;
  });
  return row;
}

function encodeAttempt(attempt: AttemptRecord, receivedAt: number): AttemptTuple {
  const tuple: AttemptTuple = [attempt.deployment, attempt.provider, attempt.model, attempt.startedAt - receivedAt, attempt.latencyMs, attempt.status, attempt.try];
  if (attempt.message !== undefined) tuple.push(attempt.errorClass ?? null, attempt.message);
  else if (attempt.errorClass !== undefined) tuple.push(attempt.errorClass);
  return tuple;
}

function encodeCascade(cascade: CascadeRecord): CascadeTuple {
  const steps = cascade.steps.map((step): StepTuple => [
    step.step,
    step.deployment,
    step.status,
    step.costUsd,
    step.verdicts.map((v): VerdictTuple => (v.reason === undefined ? [v.validator, v.verdict] : [v.validator, v.verdict, v.reason])),
  ]);
  return [cascade.outcome, cascade.answerStep, cascade.totalCostUsd, cascade.topDeployment, cascade.savedVsTopUsd, steps];
}

/** A row as SELECT * returns it (plus the row id). */
export interface RequestRowRead {
  id: number;
  request_id: string;
  received_at: number;
  key_id: string | null;
  workspace: string | null;
  department: string | null;
  agent: string | null;
  requested: string;
  route_kind: RequestRecord['routeKind'];
  policy: string | null;
  strategy: string;
  reason: string;
  control: string | null;
  rule: string | null;
  project: string | null;
  score: number | null;
  scorer: RequestRecord['scorer'];
  task_class: string | null;
  tier: string | null;
  stream: number;
  attempts: string;
  final_deployment: string | null;
  final_provider: string | null;
  final_model: string | null;
  status: RequestRecord['status'];
  http_status: number;
  error_code: RequestRecord['errorCode'];
  prompt_tokens: number | null;
  completion_tokens: number | null;
  total_tokens: number | null;
  cost_usd: number;
  reference_deployment: string | null;
  reference_cost_usd: number;
  cost_delta_usd: number;
  premium_cost_usd: number;
  latency_ms: number;
  fallback_latency_ms: number;
  fallback: number;
  cascade_outcome: string | null;
  cascade: string | null;
  experiment: string | null;
  tags: string | null;
}

export function decodeRequest(row: RequestRowRead): RequestRecord {
  return {
    requestId: row.request_id,
    receivedAt: row.received_at,
    keyId: row.key_id,
    workspace: row.workspace,
    department: row.department,
    agent: row.agent,
    requested: row.requested,
    routeKind: row.route_kind,
    policy: row.policy,
    strategy: row.strategy,
    reason: row.reason,
    control: row.control,
    rule: row.rule,
    project: row.project,
    score: row.score,
    scorer: row.scorer,
    taskClass: row.task_class,
    tier: row.tier,
    stream: row.stream === 1,
    attempts: (JSON.parse(row.attempts) as AttemptTuple[]).map((tuple) => decodeAttempt(tuple, row.received_at)),
    finalDeployment: row.final_deployment,
    finalProvider: row.final_provider,
    finalModel: row.final_model,
    status: row.status,
    httpStatus: row.http_status,
    errorCode: row.error_code,
    usage:
      row.prompt_tokens === null || row.completion_tokens === null || row.total_tokens === null
        ? null
        : { promptTokens: row.prompt_tokens, completionTokens: row.completion_tokens, totalTokens: row.total_tokens },
    costUsd: row.cost_usd,
    referenceDeployment: row.reference_deployment,
    referenceCostUsd: row.reference_cost_usd,
    costDeltaUsd: row.cost_delta_usd,
    latencyMs: row.latency_ms,
    fallbackLatencyMs: row.fallback_latency_ms,
    fallback: row.fallback === 1,
    cascade: decodeCascade(row.cascade),
    experiment: decodeExperiment(row.experiment),
  };
}

function decodeExperiment(json: string | null): RequestRecord['experiment'] {
  if (json === null) return null;
  const [id, arm, unit] = JSON.parse(json) as ExperimentTuple;
  return { id, arm, unit };
}

export function decodeTags(json: string | null): Record<string, string> {
  return json === null ? {} : (JSON.parse(json) as Record<string, string>);
}

function decodeAttempt(tuple: AttemptTuple, receivedAt: number): AttemptRecord {
  const [deployment, provider, model, startedOffset, latencyMs, status, attemptTry, errorClass, message] = tuple;
  return {
    deployment,
    provider,
    model,
    startedAt: receivedAt + startedOffset,
    latencyMs,
    status,
    ...(errorClass === undefined || errorClass === null ? {} : { errorClass }),
    ...(message === undefined ? {} : { message }),
    try: attemptTry,
  };
}

export function decodeCascade(json: string | null): CascadeRecord | null {
  if (json === null) return null;
  const [outcome, answerStep, totalCostUsd, topDeployment, savedVsTopUsd, steps] = JSON.parse(json) as CascadeTuple;
  return {
    outcome,
    answerStep,
    steps: steps.map(([step, deployment, status, costUsd, verdicts]) => ({
      step,
      deployment,
      status,
      verdicts: verdicts.map(([validator, verdict, reason]) => ({ validator, verdict, ...(reason === undefined ? {} : { reason }) })),
      costUsd,
    })),
    totalCostUsd,
    topDeployment,
    savedVsTopUsd,
  };
}
