// Rules both OutcomeStore implementations share: what a valid feedback is and how a stored
// request becomes a labelled outcome.
import { RungError } from '../errors/rung-error.ts';
import type { CascadeRecord } from '../records/request-record.ts';
import type { Feedback, FeedbackInput, ValidatorVerdict } from './types.ts';

export function checkFeedback(input: FeedbackInput): Feedback {
  if (typeof input.requestId !== 'string' || input.requestId === '') {
    throw new RungError('invalid_request', 'requestId must be a non-empty string.', { param: 'requestId' });
  }
  if (typeof input.score !== 'number' || !Number.isFinite(input.score) || input.score < 0 || input.score > 1) {
    throw new RungError('invalid_request', 'score must be a number from 0 to 1.', { param: 'score' });
  }
  if (!Number.isFinite(input.at)) throw new RungError('invalid_request', 'at must be an epoch-millisecond time.', { param: 'at' });
  return { requestId: input.requestId, score: input.score, comment: input.comment ?? null, at: input.at };
}

/** Every validator verdict of a cascade, step by step. */
export function verdictsOf(cascade: CascadeRecord | null): ValidatorVerdict[] {
  if (cascade === null) return [];
  return cascade.steps.flatMap((step) =>
    step.verdicts.map((verdict) => ({
      step: step.step,
      deployment: step.deployment,
      validator: verdict.validator,
      verdict: verdict.verdict,
      ...(verdict.reason === undefined ? {} : { reason: verdict.reason }),
    })),
  );
}
