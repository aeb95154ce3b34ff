// The validator seam. A validator looks at one complete answer (a ChatResult) next to the request
// that produced it and says whether the answer is good enough to return, or whether the cascade
// should escalate to a stronger tier. Validators never throw for a bad answer: a bad answer is a
// 'fail' verdict; 'skip' means "this check does not apply here or could not be made".
import type { CancelSignal } from '../chat/cancel-signal.ts';
import type { ChatRequest, ChatResult, Usage } from '../chat/types.ts';

export type VerdictKind = 'pass' | 'fail' | 'skip';

export interface Verdict {
  verdict: VerdictKind;
  /** One human-readable sentence, shown in records and debug headers. Always set for fail and skip. */
  reason?: string;
  /** Machine-readable details (a judge score, schema errors, the mean logprob). */
  data?: Record<string, unknown>;
  /** USD the check itself spent (an llm_judge call); the cascade adds it to the step's cost. */
  costUsd?: number;
}

/**
 * Sends a grading request and returns the judge's answer. Provided by the gateway: it routes the
 * request (whose `model` is the llm_judge's configured deployment id) through the normal executor.
 * A second parameter with the request's abort signal is passed; an implementation may ignore it.
 */
export type JudgeFunction = (request: ChatRequest, signal: CancelSignal) => Promise<ChatResult>;

/** Estimated USD for a call with this usage on that deployment. */
export type CostFunction = (deploymentId: string, usage: Usage) => number;

export interface ValidatorContext {
  /** Aborted when the client goes away or the deadline passes. */
  signal: CancelSignal;
  /** 1-based cascade step whose answer is being checked. */
  step: number;
  /** The deployment that produced the answer. */
  deploymentId: string;
  /** Needed by llm_judge only; absent, llm_judge skips. */
  judge?: JudgeFunction;
  /** Prices a judge call; absent, the judge's cost is not counted. */
  cost?: CostFunction;
}

export interface Validator {
  /** The config `type` this validator was built from. */
  readonly type: string;
  check(result: ChatResult, request: ChatRequest, context: ValidatorContext): Promise<Verdict>;
}

export function pass(data?: Record<string, unknown>): Verdict {
  return data === undefined ? { verdict: 'pass' } : { verdict: 'pass', data };
}

export function fail(reason: string, data?: Record<string, unknown>): Verdict {
  return data === undefined ? { verdict: 'fail', reason } : { verdict: 'fail', reason, data };
}

export function skip(reason: string, data?: Record<string, unknown>): Verdict {
  return data === undefined ? { verdict: 'skip', reason } : { verdict: 'skip', reason, data };
}
