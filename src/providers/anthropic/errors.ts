// Anthropic's error types, for errors that arrive inside a 200 stream as an `error` event
// (`{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}`): the type is
// mapped to the HTTP status the same error has when returned directly, then classified as usual.
import type { RungError } from '../../errors/rung-error.ts';
import { readErrorPayload } from '../error-body.ts';
import { upstreamStreamError } from '../http-errors.ts';

const STATUS_BY_ERROR_TYPE: Readonly<Record<string, number>> = {
  invalid_request_error: 400,
  authentication_error: 401,
  billing_error: 402,
  permission_error: 403,
  not_found_error: 404,
  request_too_large: 413,
  rate_limit_error: 429,
  api_error: 500,
  timeout_error: 504,
  overloaded_error: 529,
};

export function anthropicStreamError(payload: unknown, provider: string, secret: string | undefined): RungError {
  const facts = readErrorPayload(payload);
  const type = facts.labels[0];
  const equivalentStatus = (type === undefined ? undefined : STATUS_BY_ERROR_TYPE[type]) ?? 500;
  return upstreamStreamError({ provider, equivalentStatus, facts, secret });
}
