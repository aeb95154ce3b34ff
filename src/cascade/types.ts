// The cascade's input and output shapes. The engine is a pure unit over these: the gateway
// supplies `callStep` (its runAttempts wrapper over one step's deployment list), the price list
// and, for llm_judge, the judge function.
import type { CancelSignal } from '../chat/cancel-signal.ts';
import type { ChatRequest, ChatResult, Usage } from '../chat/types.ts';
import type { ErrorCode } from '../errors/catalogue.ts';
import type { Clock } from '../resilience/clock.ts';
import type { CostFunction, JudgeFunction, Validator, VerdictKind } from '../validators/types.ts';

export interface StepAnswer {
  result: ChatResult;
  /** The deployment among the step's targets that produced the answer. */
  deploymentId: string;
}

/**
 * Runs one step: tries `targets` in order with the gateway's retry/fallback/breaker rules and
 * resolves with the first answer, or rejects (a RungError) when every target failed. The request
 * it receives always has `stream: false`; `model` is for the callee to fill in per target.
 */
export type CallStep = (targets: readonly string[], request: ChatRequest, signal: CancelSignal) => Promise<StepAnswer>;

export interface CascadeInput {
  /** Cheapest first; each a non-empty list of deployment ids. */
  steps: readonly (readonly string[])[];
  /** At most this many steps run (absent: all). */
  maxSteps?: number;
  /** Run in order on each answer; the first 'fail' escalates. */
  validators: readonly Validator[];
  request: ChatRequest;
  callStep: CallStep;
  cost: CostFunction;
  judge?: JudgeFunction;
  /** Aborted when the client leaves or the overall deadline passes; the cascade stops and rethrows. */
  signal?: CancelSignal;
  clock?: Clock;
}

export interface VerdictRecord {
  /** The validator's config type. */
  validator: string;
  verdict: VerdictKind;
  reason?: string;
  data?: Record<string, unknown>;
  costUsd?: number;
}

export type StepStatus = 'passed' | 'failed' | 'error' | 'handed_off';

export interface CascadeStepRecord {
  /** 1-based position in the policy's steps. */
  step: number;
  targets: readonly string[];
  /** passed/failed: the answer's verdict; error: every target failed; handed_off: streamed by the caller unvalidated. */
  status: StepStatus;
  /** Null when the step errored. */
  deploymentId: string | null;
  /** In validator order, up to and including the first failure. Empty for errors. */
  verdicts: VerdictRecord[];
  /** The answer's cost plus what the validators spent (a judge call). 0 for errors: failed calls are not billed. */
  costUsd: number;
  answerCostUsd: number;
  validationCostUsd: number;
  /** The call plus validation. */
  latencyMs: number;
  validationLatencyMs: number;
  usage: Usage | null;
  error?: { code: ErrorCode; message: string };
}

/**
 * passed: the first step's answer passed. escalated: a later step's answer passed (or, after a
 * handoff, a later step answered unvalidated). exhausted: no answer passed; the latest answer is
 * returned anyway.
 */
export type CascadeOutcomeKind = 'passed' | 'escalated' | 'exhausted';

export interface CascadeSummary {
  deploymentId: string;
  outcome: CascadeOutcomeKind;
  /** The step whose answer is returned (1-based). */
  answerStep: number;
  steps: CascadeStepRecord[];
  /** Every step's cost, failed and passed, validators included. */
  totalCostUsd: number;
  /** The policy's most expensive deployment for this usage (see `savings.ts`). */
  topDeploymentId: string;
  /** What the final answer's usage would have cost on `topDeploymentId`. */
  topCostUsd: number;
  /** topCostUsd − totalCostUsd. Negative when escalation cost more than going straight to the top. */
  savedVsTopUsd: number;
}

export interface CascadeOutcome extends CascadeSummary {
  result: ChatResult;
}
