// Streaming clients and the last step. When the cascade reaches its last step, that step's answer
// is returned whatever the validators say, so there is nothing to gain by buffering it: the caller
// streams it straight to the client and then calls `complete` with what the stream reported, to
// get the same summary (records, totals, savings) a buffered cascade produces. The validators are
// not run on a handed-off answer; its record says 'handed_off'.
import type { ChatRequest, Usage } from '../chat/types.ts';
import type { ErrorCode } from '../errors/catalogue.ts';
import type { CascadeInput, CascadeStepRecord, CascadeSummary, StepAnswer } from './types.ts';
import { failedStepRecord } from './step-record.ts';
import { summarise } from './summary.ts';

export interface HandoffCompletion {
  deploymentId: string;
  /** The usage the stream's finish event reported. */
  usage: Usage;
  /** From the start of the handed-off call to the end of its stream. */
  latencyMs: number;
}

export interface CascadeHandoff {
  kind: 'handoff';
  /** 1-based step the caller must run. */
  step: number;
  targets: readonly string[];
  /** The client's request, unchanged (stream: true as asked). */
  request: ChatRequest;
  /** Records of the steps that ran before the handoff. */
  steps: readonly CascadeStepRecord[];
  /**
   * The latest earlier answer, which failed validation. If the handed-off step fails before any
   * content reached the client, replaying this is better than an error; undefined when no earlier
   * step produced an answer.
   */
  fallback: (StepAnswer & { step: number }) | undefined;
  /**
   * Summary once the streamed step finished. Outcome: 'escalated' when earlier steps ran, 'passed'
   * for a one-step cascade (nothing to escalate from; the record's status says it was unvalidated).
   */
  complete(completion: HandoffCompletion): CascadeSummary;
  /** Summary when the caller served `fallback` instead (the handed-off step failed): outcome 'exhausted'. */
  completeWithFallback(handedOffError: { code: ErrorCode; message: string }, latencyMs: number): CascadeSummary | undefined;
}

export function buildHandoff(
  input: CascadeInput,
  step: number,
  targets: readonly string[],
  records: readonly CascadeStepRecord[],
  fallback: (StepAnswer & { step: number }) | undefined,
): CascadeHandoff {
  return {
    kind: 'handoff',
    step,
    targets,
    request: input.request,
    steps: [...records],
    fallback,
    complete(completion) {
      const answerCostUsd = input.cost(completion.deploymentId, completion.usage);
      const record: CascadeStepRecord = {
        step,
        targets,
        status: 'handed_off',
        deploymentId: completion.deploymentId,
        verdicts: [],
        costUsd: answerCostUsd,
        answerCostUsd,
        validationCostUsd: 0,
        latencyMs: completion.latencyMs,
        validationLatencyMs: 0,
        usage: completion.usage,
      };
      const answer = { deploymentId: completion.deploymentId, step, usage: completion.usage };
      return summarise(input.steps, input.cost, [...records, record], answer, step === 1 ? 'passed' : 'escalated');
    },
    completeWithFallback(handedOffError, latencyMs) {
      if (fallback === undefined) return undefined;
      const record = failedStepRecord(step, targets, handedOffError, latencyMs);
      const answer = { deploymentId: fallback.deploymentId, step: fallback.step, usage: fallback.result.usage };
      return summarise(input.steps, input.cost, [...records, record], answer, 'exhausted');
    },
  };
}
