// The decision-and-fallback record: one per accepted request, whatever its outcome. It is
// returned in part as response headers, written as one structured log line, and (later) stored.
import type { Usage } from '../chat/types.ts';
import type { ErrorCode } from '../errors/catalogue.ts';

export interface AttemptRecord {
  deployment: string;
  provider: string;
  /** Upstream model name. */
  model: string;
  /** Epoch ms when the attempt started. */
  startedAt: number;
  latencyMs: number;
  /** `skipped` = not called because its breaker was open. */
  status: 'ok' | 'error' | 'skipped';
  errorClass?: ErrorCode | 'breaker_open';
  /** Short, redacted. */
  message?: string;
  /** 1 for the first call to this deployment, 2 for its first retry, ... */
  try: number;
}

export type RecordStatus = 'ok' | 'error' | 'stream_error' | 'client_closed';

export interface RequestRecord {
  requestId: string;
  /** Epoch ms when the request was accepted. */
  receivedAt: number;
  keyId: string | null;
  workspace: string | null;
  department: string | null;
  agent: string | null;
  /** What the client asked for (`model`, or the policy in the router path). */
  requested: string;
  routeKind: 'deployment' | 'policy';
  /** The policy name when routed by policy, else null. */
  policy: string | null;
  strategy: string;
  /** Why the targets were ordered as they were. */
  reason: string;
  /** The control that decided the route: `default`, `rule:<name>`, `budget`, a guardrail... */
  control: string | null;
  /** The routing rule that matched, if any. */
  rule: string | null;
  project: string | null;
  /** Calibrated complexity score, when the route used one. */
  score: number | null;
  /** `ok`, or why the score is missing for a score-driven route (`timeout`, `error`, `disabled`). */
  scorer: 'ok' | 'timeout' | 'error' | 'disabled' | null;
  /** Task class from the scorer's neighbours or the `x-rung-task` header. */
  taskClass: string | null;
  /** Tier of the serving deployment. */
  tier: string | null;
  stream: boolean;
  attempts: AttemptRecord[];
  finalDeployment: string | null;
  finalProvider: string | null;
  finalModel: string | null;
  status: RecordStatus;
  httpStatus: number;
  errorCode: ErrorCode | null;
  usage: Usage | null;
  costUsd: number;
  /** The deployment the cost is compared with: the requested one, or the policy's most expensive. */
  referenceDeployment: string | null;
  referenceCostUsd: number;
  /** costUsd − referenceCostUsd: negative means routing saved money. */
  costDeltaUsd: number;
  latencyMs: number;
  /** Time spent on failed attempts and backoff before the serving attempt started. */
  fallbackLatencyMs: number;
  fallback: boolean;
  /** For cascade policies: each step's verdicts and cost, the outcome and the savings against the top model. */
  cascade: CascadeRecord | null;
  /** The A/B experiment arm this request was assigned to, if any. */
  experiment: { id: string; arm: string; unit: string } | null;
}

export interface CascadeRecord {
  outcome: 'passed' | 'escalated' | 'exhausted';
  answerStep: number;
  steps: {
    step: number;
    deployment: string | null;
    status: string;
    verdicts: { validator: string; verdict: string; reason?: string }[];
    costUsd: number;
  }[];
  totalCostUsd: number;
  topDeployment: string;
  savedVsTopUsd: number;
}

/** What a sink may keep beside the record: the text the scorer read and the request's tags. */
export interface RecordDetails {
  promptText?: string | null;
  tags?: Readonly<Record<string, string>>;
}

/** Where finished records go. Implementations must not block the request path. */
export interface RecordSink {
  write(record: RequestRecord, details?: RecordDetails): void;
  /** Flushes buffered records; called on graceful shutdown. */
  close(): Promise<void>;
}
