// The durable store's seams, one narrow interface per concern, so each can move to another
// backend (Postgres, a shared service) on its own. Every method returns a promise, even where the
// SQLite and memory implementations finish synchronously, because a networked store cannot.
// Semantics every implementation keeps are written here and checked by test/store/store-contract.ts.
import type { BudgetLedgerStore } from '../budgets/ledger-store.ts';
import type { RecordStatus, RequestRecord } from '../records/request-record.ts';

/** What the request record itself does not carry; supplied by the writer (see batch-writer.ts). */
export interface RecordExtras {
  /** The scorer's text for this request; null or absent when prompts are not kept. */
  promptText?: string | null;
  /** Request tags (`metadata` and `x-rung-tags`); only string values. */
  tags?: Readonly<Record<string, string>>;
  /** Cost of the call on the most expensive deployment (see counterfactual.ts); default: `referenceCostUsd`. */
  premiumCostUsd?: number;
}

/** A record with what the writer adds to it. */
export interface AnnotatedRecord extends RecordExtras {
  record: RequestRecord;
}

/** A plain record is stored with no prompt, no tags and premium cost = reference cost. */
export type AppendItem = RequestRecord | AnnotatedRecord;

/** A request as read back. `record` is field-for-field what was appended. */
export interface StoredRequest {
  record: RequestRecord;
  premiumCostUsd: number;
  tags: Readonly<Record<string, string>>;
}

export interface RequestFilters {
  policy?: string;
  /** The serving deployment id (`finalDeployment`). */
  model?: string;
  keyId?: string;
  tier?: string;
  status?: RecordStatus;
}

export interface RequestQuery {
  /** Epoch ms, inclusive; default: the beginning. */
  from?: number;
  /** Epoch ms, exclusive; default: no end. */
  to?: number;
  /** Page size; default DEFAULT_PAGE_SIZE, at most MAX_PAGE_SIZE. */
  limit?: number;
  /** `nextCursor` of the previous page. Opaque; only valid for the same store kind. */
  cursor?: string | null;
  filters?: RequestFilters;
}

export interface RequestPage {
  /** Newest first (by `receivedAt`, then by order of appending, later first). */
  requests: StoredRequest[];
  /** Pass back as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

export const DEFAULT_PAGE_SIZE = 100;
export const MAX_PAGE_SIZE = 1_000;

export const GROUP_BY = ['model', 'policy', 'key', 'tag', 'tier', 'day', 'hour'] as const;
export type GroupBy = (typeof GROUP_BY)[number];

export interface AggregateQuery {
  /** Epoch ms, inclusive. */
  from: number;
  /** Epoch ms, exclusive. */
  to: number;
  groupBy: GroupBy;
  /** The tag name, required when `groupBy` is `tag`; only requests carrying that tag are counted. */
  tag?: string;
}

/**
 * Sums over the requests of one group. Definitions (metrics.ts holds the one implementation):
 * - `errors`: status `error` or `stream_error` (a client hanging up is not counted).
 * - `referenceCostUsd`: the same usage priced at the reference deployment (requested model, or
 *   the policy's most expensive); `premiumCostUsd`: priced at the most expensive deployment.
 * - `fallbackCount`: requests that called more than one target; `fallbackSuccessCount` those of
 *   them answered `ok`; `fallbackLatencyMsSum` their `fallbackLatencyMs` (so mean = sum / count).
 * - `latencyMsSum`: over all requests. `strongTierCount`: served by a `premium`-tier deployment.
 * - `cascadeRequests`: requests that ran a cascade (the record has a `cascade`, whatever its outcome).
 * - `escalations`: cascades whose outcome was `escalated` or `exhausted` (a subset of `cascadeRequests`,
 *   so escalations / cascadeRequests is the escalation rate).
 * - `overkill`: served by a premium deployment while the score was below OVERKILL_SCORE.
 * - `costRouted`: answered `ok` by a deployment other than the reference, for less than it.
 * - `feedbackSum` / `feedbackCount`: over requests of the group with feedback.
 */
export interface AggregateTotals {
  requests: number;
  errors: number;
  costUsd: number;
  referenceCostUsd: number;
  premiumCostUsd: number;
  fallbackCount: number;
  fallbackSuccessCount: number;
  fallbackLatencyMsSum: number;
  latencyMsSum: number;
  strongTierCount: number;
  cascadeRequests: number;
  escalations: number;
  overkill: number;
  costRouted: number;
  feedbackSum: number;
  feedbackCount: number;
}

export interface AggregateGroup extends AggregateTotals {
  /**
   * model: serving deployment id; policy; key: key id; tier; tag: the tag's value;
   * day: `YYYY-MM-DD` (UTC); hour: `YYYY-MM-DDTHH` (UTC). Null when the request had none
   * (for example a request refused before any deployment served it).
   */
  key: string | null;
}

export interface RequestLogStore {
  /**
   * Stores a batch in one transaction: all or none. A request id already stored is skipped (the
   * first write wins), so replaying a batch after a failure is safe.
   */
  append(items: readonly AppendItem[]): Promise<void>;
  get(requestId: string): Promise<StoredRequest | null>;
  query(query: RequestQuery): Promise<RequestPage>;
  /** Groups sorted by key (null last). Only groups with at least one request are returned. */
  aggregate(query: AggregateQuery): Promise<AggregateGroup[]>;
  /**
   * Deletes requests received before `cutoffMs` rounded down to the whole UTC hour (aggregates
   * are kept per hour, so a partial hour is never dropped), with their prompts and feedback.
   * Returns how many requests were deleted.
   */
  purgeBefore(cutoffMs: number): Promise<number>;
}

export interface FeedbackInput {
  requestId: string;
  /** 0 = bad answer, 1 = good answer. */
  score: number;
  comment?: string | null;
  /** Epoch ms. */
  at: number;
}

export interface Feedback {
  requestId: string;
  score: number;
  comment: string | null;
  at: number;
}

export interface LabelledOutcomeQuery {
  /** Epoch ms on `receivedAt`, inclusive. */
  from?: number;
  /** Epoch ms on `receivedAt`, exclusive. */
  to?: number;
  /** Default DEFAULT_LABELLED_LIMIT. */
  limit?: number;
}

export const DEFAULT_LABELLED_LIMIT = 10_000;

export interface ValidatorVerdict {
  step: number;
  deployment: string | null;
  validator: string;
  verdict: string;
  reason?: string;
}

/** One request that carries a label (feedback, or a cascade's validator verdicts), for retraining. */
export interface LabelledOutcome {
  requestId: string;
  receivedAt: number;
  /** The scorer's text; null when prompts were not kept. */
  promptText: string | null;
  taskClass: string | null;
  tier: string | null;
  finalDeployment: string | null;
  score: number | null;
  cascadeOutcome: 'passed' | 'escalated' | 'exhausted' | null;
  verdicts: ValidatorVerdict[];
  feedback: Feedback | null;
}

export interface OutcomeStore {
  /**
   * One feedback per request id: a second call replaces the first. Accepted even when the request
   * is not stored yet (the batched writer may still hold it); it is joined when it arrives.
   * Throws RungError `invalid_request` for a score outside 0..1.
   */
  recordFeedback(input: FeedbackInput): Promise<void>;
  getFeedback(requestId: string): Promise<Feedback | null>;
  /** Stored requests with feedback or a cascade record, oldest first. */
  labelledOutcomes(query?: LabelledOutcomeQuery): Promise<LabelledOutcome[]>;
}

export interface ModelVersionInput {
  version: string;
  /** Directory of the model (as written by `rung train`). */
  dir: string;
  /** SHA-256 of the model's manifest, so a changed directory can be noticed. */
  manifestSha: string;
  metrics: Readonly<Record<string, number>>;
  /** Epoch ms. */
  createdAt: number;
}

export type ModelVersion = ModelVersionInput;

export interface ModelActivation {
  version: string;
  /** The version active before, if any. */
  previous: string | null;
  /** `rollback` when the version had been active before; `promotion` otherwise. */
  kind: 'promotion' | 'rollback';
  /** Epoch ms. */
  at: number;
}

export interface ModelRegistryStore {
  /** Throws RungError `internal_error` if the version is already registered. */
  register(input: ModelVersionInput): Promise<void>;
  /** In order of registration. */
  list(): Promise<ModelVersion[]>;
  /** Throws RungError `internal_error` for an unregistered version. Activating the active one is a no-op (returns null). */
  setActive(version: string): Promise<ModelActivation | null>;
  active(): Promise<ModelVersion | null>;
  /** Promotions and rollbacks, oldest first. */
  history(): Promise<ModelActivation[]>;
}

export interface EvalRun {
  /** Epoch ms. */
  at: number;
  modelVersion: string;
  dataset: string;
  /** Null where the evaluation could not compute it (see training/metrics/routing-curve.ts). */
  apgr: number | null;
  /** ROC-AUC. */
  auc: number | null;
  /** Share of strong-model calls needed to recover 50% / 80% of the quality gap (RouteLLM's CPT). */
  cpt50: number | null;
  cpt80: number | null;
  accepted: boolean;
  notes: string;
}

export interface EvalHistoryStore {
  append(run: EvalRun): Promise<void>;
  /** Newest first (by `at`, then by order of appending). */
  list(limit?: number): Promise<EvalRun[]>;
}

export interface Store {
  readonly requests: RequestLogStore;
  readonly outcomes: OutcomeStore;
  readonly budgets: BudgetLedgerStore;
  readonly models: ModelRegistryStore;
  readonly evals: EvalHistoryStore;
  /** Stops timers and closes the database. Close the record sink first so it can flush. */
  close(): Promise<void>;
}
