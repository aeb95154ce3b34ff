// HTTP status + error body → upstream error class, the one table every adapter shares. The class
// decides retry and fallback (see config/defaults.ts `fallbackOn`), so the edges matter:
// a context-length 400 falls back to a larger model, any other 400 fails fast everywhere.
import type { UpstreamErrorClass } from '../errors/catalogue.ts';
import { RungError } from '../errors/rung-error.ts';
import type { ErrorBodyFacts } from './error-body.ts';
import { redactSecrets } from './redact.ts';
import { parseRetryAfterMs } from './retry-after.ts';
import type { ResponseHeaders } from './transport/http-transport.ts';

const CONTEXT_LENGTH_LABELS = new Set(['context_length_exceeded', 'string_above_max_length']);
const CONTEXT_LENGTH_TEXT =
  /maximum context length|context[ _]length|context window|prompt is too long|exceeds the maximum number of tokens|input is too long|too many (input )?tokens/i;
const CONTENT_FILTER_LABELS = new Set(['content_filter', 'content_policy_violation', 'PROHIBITED_CONTENT', 'SAFETY']);
const CONTENT_FILTER_TEXT = /content (management )?policy|safety (system|filter)|flagged as potentially/i;
const OVERLOADED_LABELS = new Set(['overloaded_error', 'UNAVAILABLE']);
const AUTH_LABELS = new Set(['API_KEY_INVALID', 'invalid_api_key', 'authentication_error', 'permission_error']);

function hasLabel(facts: ErrorBodyFacts, labels: ReadonlySet<string>): boolean {
  return facts.labels.some((label) => labels.has(label));
}

/** The upstream error class for a non-2xx answer. */
export function classifyHttpError(status: number, facts: ErrorBodyFacts): UpstreamErrorClass {
  if (status === 429) return 'rate_limited';
  if (status === 503 || status === 529 || hasLabel(facts, OVERLOADED_LABELS)) return 'overloaded';
  if (status >= 500) return 'server_error';
  if (status === 401 || status === 403 || hasLabel(facts, AUTH_LABELS)) return 'auth';
  if (status === 404) return 'not_found';
  if (status === 408) return 'timeout';
  if (status >= 400) {
    const text = facts.message ?? '';
    if (hasLabel(facts, CONTEXT_LENGTH_LABELS) || CONTEXT_LENGTH_TEXT.test(text)) {
      if (status === 400 || status === 413 || status === 422) return 'context_length';
    }
    if (hasLabel(facts, CONTENT_FILTER_LABELS) || CONTENT_FILTER_TEXT.test(text)) return 'content_filter';
    return 'bad_request';
  }
  // 1xx/3xx as a final answer: the provider (or a proxy in front of it) misbehaved.
  return 'server_error';
}

export interface UpstreamHttpErrorInput {
  provider: string;
  deployment?: string;
  status: number;
  headers: ResponseHeaders;
  facts: ErrorBodyFacts;
  /** The configured API key, scrubbed from the message even if the provider echoes it. */
  secret?: string;
  nowMs?: number;
}

/** `<provider>: <what> <label>: <provider message>`, redacted and capped. */
function describeFailure(provider: string, what: string, facts: ErrorBodyFacts, secret: string | undefined): string {
  const label = facts.labels[0] === undefined ? '' : ` ${facts.labels[0]}`;
  const detail = facts.message === undefined ? '' : `: ${facts.message}`;
  return redactSecrets(`${provider}: ${what}${label}${detail}`, secret);
}

/** Builds the RungError for a non-2xx answer: class, short redacted message, status, Retry-After. */
export function upstreamHttpError(input: UpstreamHttpErrorInput): RungError {
  const { provider, deployment, status, headers, facts } = input;
  const code = classifyHttpError(status, facts);
  const message = describeFailure(provider, `HTTP ${status}`, facts, input.secret);
  const retryAfterMs =
    code === 'rate_limited' || code === 'overloaded'
      ? (parseRetryAfterMs(headers, input.nowMs ?? Date.now()) ?? facts.retryAfterMs)
      : undefined;
  return new RungError(code, message, { provider, deployment, upstreamStatus: status, retryAfterMs });
}

export interface UpstreamStreamErrorInput {
  provider: string;
  deployment?: string;
  /** The status the error would have had as an HTTP answer (the stream itself answered 200). */
  equivalentStatus: number;
  facts: ErrorBodyFacts;
  secret?: string;
}

/** Builds the RungError for an error reported inside a 200 stream (an `error` event or chunk). */
export function upstreamStreamError(input: UpstreamStreamErrorInput): RungError {
  const { provider, deployment, facts } = input;
  const message = describeFailure(provider, 'error in stream', facts, input.secret);
  return new RungError(classifyHttpError(input.equivalentStatus, facts), message, {
    provider,
    deployment,
    retryAfterMs: facts.retryAfterMs,
  });
}
