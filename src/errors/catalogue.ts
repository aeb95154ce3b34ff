// The closed list of error codes Rung returns. Each code has one HTTP status, one OpenAI-style
// `type`, and says whether retrying the same target can help. `docs/errors.md` lists every code;
// a test keeps the two in step.

/** Classes of upstream (provider) failure. The fallback policy is expressed over these. */
export const UPSTREAM_ERROR_CLASSES = [
  'rate_limited',
  'overloaded',
  'server_error',
  'timeout',
  'connection',
  'auth',
  'bad_request',
  'context_length',
  'content_filter',
  'not_found',
  'malformed_response',
] as const;
export type UpstreamErrorClass = (typeof UPSTREAM_ERROR_CLASSES)[number];

/** Codes raised by the gateway itself, before or after the upstream calls. */
export const GATEWAY_ERROR_CODES = [
  'invalid_json',
  'invalid_request',
  'unknown_model',
  'payload_too_large',
  'unsupported_media_type',
  'missing_api_key',
  'invalid_api_key',
  'admin_key_required',
  'model_not_allowed',
  'route_not_found',
  'all_targets_failed',
  'breakers_open',
  'deadline_exceeded',
  'blocked_by_rule',
  'no_eligible_deployment',
  'budget_exceeded',
  'budget_throttled',
  'request_not_found',
  'internal_error',
] as const;
export type GatewayErrorCode = (typeof GATEWAY_ERROR_CODES)[number];

export type ErrorCode = UpstreamErrorClass | GatewayErrorCode;

export type OpenAIErrorType =
  | 'invalid_request_error'
  | 'authentication_error'
  | 'permission_error'
  | 'not_found_error'
  | 'rate_limit_error'
  | 'server_error'
  | 'timeout_error';

export interface ErrorSpec {
  status: number;
  type: OpenAIErrorType;
  /** Whether the same target may succeed if tried again. */
  retryable: boolean;
  /** One sentence for the docs. */
  description: string;
}

export const ERROR_CATALOGUE: Readonly<Record<ErrorCode, ErrorSpec>> = Object.freeze({
  // Upstream classes: the status is what a client sees when this was the final failure.
  rate_limited: { status: 429, type: 'rate_limit_error', retryable: true, description: 'The provider rate-limited the call (HTTP 429); Retry-After is honoured.' },
  overloaded: { status: 503, type: 'server_error', retryable: true, description: 'The provider said it is overloaded (HTTP 503 or 529).' },
  server_error: { status: 502, type: 'server_error', retryable: true, description: 'The provider failed with a 5xx status.' },
  timeout: { status: 504, type: 'timeout_error', retryable: true, description: 'A connect, first-byte, idle-between-chunks or total timeout expired.' },
  connection: { status: 502, type: 'server_error', retryable: true, description: 'The connection to the provider failed or was cut.' },
  auth: { status: 502, type: 'server_error', retryable: false, description: 'The provider rejected Rung\'s credentials (HTTP 401/403): a gateway configuration problem.' },
  bad_request: { status: 400, type: 'invalid_request_error', retryable: false, description: 'The provider rejected the request as malformed; it would fail everywhere, so it is never retried or fallen back.' },
  context_length: { status: 400, type: 'invalid_request_error', retryable: false, description: 'The prompt does not fit the model\'s context window; a larger-context model may take it.' },
  content_filter: { status: 400, type: 'invalid_request_error', retryable: false, description: 'The provider refused the content under its safety policy.' },
  not_found: { status: 502, type: 'server_error', retryable: false, description: 'The provider does not know the upstream model name (HTTP 404): a catalogue problem.' },
  malformed_response: { status: 502, type: 'server_error', retryable: true, description: 'The provider answered with a body or stream chunk Rung could not parse.' },

  invalid_json: { status: 400, type: 'invalid_request_error', retryable: false, description: 'The request body is not valid JSON.' },
  invalid_request: { status: 400, type: 'invalid_request_error', retryable: false, description: 'A request field is missing or has the wrong type or value; `param` names it.' },
  unknown_model: { status: 404, type: 'not_found_error', retryable: false, description: 'The `model` is not a deployment, alias or policy Rung knows.' },
  payload_too_large: { status: 413, type: 'invalid_request_error', retryable: false, description: 'The body exceeds `server.body_limit_bytes`.' },
  unsupported_media_type: { status: 415, type: 'invalid_request_error', retryable: false, description: 'The body is not `application/json`.' },
  missing_api_key: { status: 401, type: 'authentication_error', retryable: false, description: 'No `Authorization: Bearer` key was sent.' },
  invalid_api_key: { status: 401, type: 'authentication_error', retryable: false, description: 'The key is not a configured virtual key.' },
  admin_key_required: { status: 401, type: 'authentication_error', retryable: false, description: 'Admin routes need the admin key.' },
  model_not_allowed: { status: 403, type: 'permission_error', retryable: false, description: 'The key may not use the requested model or policy.' },
  route_not_found: { status: 404, type: 'not_found_error', retryable: false, description: 'No such HTTP route.' },
  all_targets_failed: { status: 502, type: 'server_error', retryable: true, description: 'Every target of the route failed; `attempts` lists each failure in order.' },
  breakers_open: { status: 503, type: 'server_error', retryable: true, description: 'Every target\'s circuit breaker is open; the message names their states.' },
  deadline_exceeded: { status: 504, type: 'timeout_error', retryable: true, description: 'The route\'s overall deadline passed before any target answered.' },
  blocked_by_rule: { status: 403, type: 'permission_error', retryable: false, description: 'A routing rule or guardrail blocked the request.' },
  no_eligible_deployment: { status: 400, type: 'invalid_request_error', retryable: false, description: 'No allowed deployment can serve this request (capabilities, context window, residency); explicit configuration is required.' },
  budget_exceeded: { status: 402, type: 'rate_limit_error', retryable: false, description: 'A hard budget limit was reached.' },
  budget_throttled: { status: 429, type: 'rate_limit_error', retryable: true, description: 'Spending is near a budget limit; retry after the period named in Retry-After.' },
  request_not_found: { status: 404, type: 'not_found_error', retryable: false, description: 'No logged request has that id.' },
  internal_error: { status: 500, type: 'server_error', retryable: false, description: 'An unexpected failure inside Rung.' },
});

export function isUpstreamErrorClass(code: string): code is UpstreamErrorClass {
  return (UPSTREAM_ERROR_CLASSES as readonly string[]).includes(code);
}
