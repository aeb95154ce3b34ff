// The body of `POST /v1/feedback`: `{ request_id, score: 0..1 | "up" | "down", comment? }`.
// "up" is stored as 1 and "down" as 0, so every rating is one number in [0, 1] for the metrics,
// the experiments and retraining.
import { RungError } from '../errors/rung-error.ts';

export const MAX_REQUEST_ID_LENGTH = 200;
export const MAX_COMMENT_LENGTH = 4_000;

export interface FeedbackRequest {
  requestId: string;
  score: number;
  comment: string | null;
}

function invalid(param: string, message: string): RungError {
  return new RungError('invalid_request', message, { param });
}

export function parseFeedbackBody(body: unknown): FeedbackRequest {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new RungError('invalid_request', 'The body must be a JSON object: {"request_id": "...", "score": 0..1 | "up" | "down"}.');
  }
  const fields = body as Record<string, unknown>;
  const requestId = fields.request_id;
  if (typeof requestId !== 'string' || requestId.length === 0 || requestId.length > MAX_REQUEST_ID_LENGTH) {
    throw invalid('request_id', `request_id must be the x-rung-request-id of a request (a non-empty string of at most ${MAX_REQUEST_ID_LENGTH} characters).`);
  }
  return { requestId, score: parseScore(fields.score), comment: parseComment(fields.comment) };
}

function parseScore(score: unknown): number {
  if (score === 'up') return 1;
  if (score === 'down') return 0;
  if (typeof score === 'number' && Number.isFinite(score) && score >= 0 && score <= 1) return score;
  throw invalid('score', 'score must be a number from 0 (bad answer) to 1 (good answer), or "up" or "down".');
}

function parseComment(comment: unknown): string | null {
  if (comment === undefined || comment === null) return null;
  if (typeof comment !== 'string' || comment.length > MAX_COMMENT_LENGTH) {
    throw invalid('comment', `comment must be a string of at most ${MAX_COMMENT_LENGTH.toLocaleString('en-US')} characters.`);
  }
  return comment;
}
