// How long to wait before trying the same target again.
//
// Backoff is "full jitter": a uniform draw in [0, min(cap, base * 2^(n-1))). Spreading retries
// over the whole interval keeps many clients that failed together from retrying together.
// A provider's Retry-After wins over the formula when it is short enough to wait for; when it is
// longer than `max_retry_after_ms`, waiting would stall the request, so the caller moves on.
import type { RetryConfig } from '../config/schema.ts';
import type { RungError } from '../errors/rung-error.ts';

/** Beyond this the doubling only overflows; the cap always applies long before. */
const MAX_EXPONENT = 30;

/**
 * Full-jitter delay before retry number `attempt` (1 = the first retry):
 * `random() * min(max_delay_ms, base_delay_ms * 2^(attempt - 1))`.
 */
export function backoffDelayMs(
  attempt: number,
  retry: Pick<RetryConfig, 'base_delay_ms' | 'max_delay_ms'>,
  random: () => number,
): number {
  const exponent = Math.min(MAX_EXPONENT, Math.max(0, attempt - 1));
  const ceiling = Math.min(retry.max_delay_ms, retry.base_delay_ms * 2 ** exponent);
  return random() * ceiling;
}

/**
 * The wait before retry number `attempt` (1-based) of the same target after `error`, or
 * `undefined` when the same target should not be retried and the caller should move to the
 * next target. That is the case when:
 * - the error's code is not retryable (e.g. `bad_request`, `auth`),
 * - the retry would exceed `attempts_per_target` (which counts the first attempt), or
 * - the provider's Retry-After is longer than `max_retry_after_ms`.
 * A Retry-After within the limit is returned as is (no jitter: the provider named the time).
 */
export function retryDelayMs(
  error: RungError,
  attempt: number,
  retry: RetryConfig,
  random: () => number,
): number | undefined {
  if (!error.retryable) return undefined;
  if (attempt >= retry.attempts_per_target) return undefined;
  if (error.retryAfterMs !== undefined) {
    if (error.retryAfterMs > retry.max_retry_after_ms) return undefined;
    return Math.max(0, error.retryAfterMs);
  }
  return backoffDelayMs(attempt, retry, random);
}
