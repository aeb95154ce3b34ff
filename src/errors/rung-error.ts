import { ERROR_CATALOGUE, type ErrorCode, type OpenAIErrorType } from './catalogue.ts';

export interface RungErrorOptions {
  /** The request field at fault, as a dotted path (`messages[2].content`). */
  param?: string;
  /** Provider id, when the failure came from an upstream call. */
  provider?: string;
  /** Deployment id, when the failure came from an upstream call. */
  deployment?: string;
  /** The provider's HTTP status, when there was one. */
  upstreamStatus?: number;
  /** Milliseconds the provider asked us to wait (Retry-After). */
  retryAfterMs?: number;
  /** Extra fields returned to the client under `error` (for example the failed attempts). */
  details?: Record<string, unknown>;
  cause?: unknown;
}

/** The one error type that crosses seams. Its code fixes status, OpenAI type and retryability. */
export class RungError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly type: OpenAIErrorType;
  readonly retryable: boolean;
  readonly param: string | undefined;
  readonly provider: string | undefined;
  readonly deployment: string | undefined;
  readonly upstreamStatus: number | undefined;
  readonly retryAfterMs: number | undefined;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, message: string, options: RungErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    const spec = ERROR_CATALOGUE[code];
    this.name = 'RungError';
    this.code = code;
    this.status = spec.status;
    this.type = spec.type;
    this.retryable = spec.retryable;
    this.param = options.param;
    this.provider = options.provider;
    this.deployment = options.deployment;
    this.upstreamStatus = options.upstreamStatus;
    this.retryAfterMs = options.retryAfterMs;
    this.details = options.details;
  }

  /** The OpenAI-style body a client receives. Never includes provider secrets. */
  toBody(): { error: { message: string; type: OpenAIErrorType; param: string | null; code: ErrorCode } & Record<string, unknown> } {
    return {
      error: {
        message: this.message,
        type: this.type,
        param: this.param ?? null,
        code: this.code,
        ...(this.details ?? {}),
      },
    };
  }
}

export function isRungError(value: unknown): value is RungError {
  return value instanceof RungError;
}

/** Wraps anything thrown into a RungError; unknown failures become `internal_error`. */
export function toRungError(value: unknown): RungError {
  if (value instanceof RungError) return value;
  const message = value instanceof Error ? value.message : String(value);
  return new RungError('internal_error', `internal error: ${message}`, { cause: value });
}
