// The record of a cascade step that produced no answer: every target of the step failed, or the
// answer streamed to the client was cut off after the handoff. Shared by the engine and the handoff.
import type { CascadeStepRecord } from './types.ts';

export function failedStepRecord(step: number, targets: readonly string[], error: NonNullable<CascadeStepRecord['error']>, latencyMs: number): CascadeStepRecord {
  return {
    step,
    targets,
    status: 'error',
    deploymentId: null,
    verdicts: [],
    costUsd: 0,
    answerCostUsd: 0,
    validationCostUsd: 0,
    latencyMs,
    validationLatencyMs: 0,
    usage: null,
    error,
  };
}
