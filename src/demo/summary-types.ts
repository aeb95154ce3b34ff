// The demo's figures, as plain JSON-ready data: what `summarise` computes from the client outcomes
// and the gateway's RequestRecords, what the report prints and what `--json` emits.
import type { ScorerInfo } from './demo-gateway.ts';
import type { InjectedFaultKind } from './fault-plan.ts';
import type { SimulatedTier } from './simulated-quality.ts';
import type { DemoPolicy } from './workload.ts';

export type TierCounts = Record<SimulatedTier, number>;

export interface PolicySummary {
  policy: DemoPolicy;
  /** The `model` the client sent. */
  model: string;
  requests: number;
  streamed: number;
  withTools: number;
  /** Requests served by each tier (the tier of the deployment that gave the answer). */
  tiers: TierCounts;
  /** Requests that got no answer (client-visible errors). */
  unanswered: number;
  costUsd: number;
  /** The same prompts sent straight to the premium deployment. */
  baselineCostUsd: number;
  /** 100 × (1 − cost / baseline cost); null when the baseline cost is 0. */
  savingPct: number | null;
  correct: number;
  baselineCorrect: number;
  /** 100 × correct / baseline correct; null when the baseline got nothing right. */
  qualityKeptPct: number | null;
  latencyP50Ms: number;
  baselineLatencyP50Ms: number;
}

export interface TargetCheck {
  policy: DemoPolicy;
  valuePct: number | null;
  targetPct: number;
  pass: boolean;
}

export interface RoutingRow {
  label: 0 | 1;
  requests: number;
  tiers: TierCounts;
  correct: number;
}

export interface FallbackSummary {
  faultsInjected: Partial<Record<InjectedFaultKind, number>>;
  /** Failed upstream attempts seen in the records, by error class. */
  failedAttempts: Record<string, number>;
  /** Requests with a failed attempt followed by another attempt. */
  requests: number;
  recovered: number;
  successRatePct: number | null;
  /** Recovered by retrying the same deployment / by moving to another one. */
  sameDeployment: number;
  otherDeployment: number;
  /** Mean time from the first failed attempt to the start of the attempt that served, ms. */
  avgAddedLatencyMs: number | null;
  /** Attempts not made because the deployment's circuit breaker was open, by deployment. */
  breakerSkips: Record<string, number>;
}

export interface CascadeSummaryFigures {
  requests: number;
  passed: number;
  escalated: number;
  exhausted: number;
  /** The deployment whose answer was returned. */
  answeredBy: Record<string, number>;
  /** Failed verdicts by validator. */
  validatorFailures: Record<string, number>;
  /** Label-1 prompts: the small model's poor answer was caught (escalated) or served. */
  poorAnswersCaught: number;
  poorAnswersServed: number;
  /** The kinds of poor answer that were served (the ones cheap validators cannot see). */
  poorAnswersServedByStyle: Record<string, number>;
  /** Label-0 prompts that escalated anyway (a validator was too strict, or a step failed). */
  needlessEscalations: number;
  /** Mean steps run per request. */
  meanSteps: number | null;
}

export interface ScoreSummary {
  scored: number;
  /** Requests routed without a score, by reason (timeout, error, disabled). */
  unavailable: Record<string, number>;
  quantiles: { min: number; p25: number; median: number; p75: number; max: number } | null;
  meanByLabel: { label0: number | null; label1: number | null };
  histogram: { from: number; to: number; label0: number; label1: number }[];
  /** Score → tier mapping of cost_optimized: lowest score per tier, most capable first. */
  cutPoints: { tier: string; minScore: number | null }[] | null;
  uncertainBand: { low: number; high: number } | null;
}

export interface ErrorSample {
  itemIndex: number;
  phase: 'routed' | 'baseline';
  policy: DemoPolicy;
  message: string;
  expected: boolean;
}

export interface ErrorSummary {
  clientVisible: number;
  expected: number;
  unexpected: number;
  samples: ErrorSample[];
}

export interface DemoSummary {
  seed: number;
  requests: number;
  concurrency: number;
  faultRate: number;
  durationMs: { routed: number; baseline: number };
  workload: { label0: number; label1: number; taskClasses: number; streamed: number; withTools: number; byPolicy: Record<DemoPolicy, number> };
  scorer: ScorerInfo;
  ladder: { tier: SimulatedTier; deployment: string; api: string; inputPerMtok: number; outputPerMtok: number }[];
  policies: PolicySummary[];
  totals: { requests: number; costUsd: number; baselineCostUsd: number; savingPct: number | null; correct: number; baselineCorrect: number; qualityKeptPct: number | null };
  /** Rung's own per-request counterfactual for cost_optimized: usage priced at the premium deployment. */
  referenceCostUsd: number;
  targets: { saving: TargetCheck; quality: TargetCheck };
  /** cost_optimized: where each label's prompts went and how many were answered well. */
  routing: RoutingRow[];
  fallbacks: FallbackSummary;
  cascade: CascadeSummaryFigures;
  scores: ScoreSummary;
  errors: ErrorSummary;
  /** Records written by the gateway per phase; equal to the requests sent when nothing was lost. */
  records: { routed: number; baseline: number; unmatchedOutcomes: number };
}
