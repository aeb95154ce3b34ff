import { describe, expect, it } from 'vitest';
import type { RetryConfig } from '../../src/config/schema.ts';
import { RungError } from '../../src/errors/rung-error.ts';
import { backoffDelayMs, retryDelayMs } from '../../src/resilience/backoff.ts';
import { seededRandom } from '../routing/fixtures.ts';

const RETRY: RetryConfig = { attempts_per_target: 4, base_delay_ms: 100, max_delay_ms: 1_000, max_retry_after_ms: 5_000 };
const almostOne = () => 0.999_999;

describe('backoffDelayMs', () => {
  it('doubles the ceiling per retry until the cap', () => {
    // random() just under 1 shows the ceiling of each step.
    const ceilings = [1, 2, 3, 4, 5, 6].map((attempt) => Math.round(backoffDelayMs(attempt, RETRY, almostOne)));
    expect(ceilings).toEqual([100, 200, 400, 800, 1_000, 1_000]);
  });

  it('is full jitter: random() scales the whole interval', () => {
    expect(backoffDelayMs(3, RETRY, () => 0)).toBe(0);
    expect(backoffDelayMs(3, RETRY, () => 0.25)).toBe(100);
    expect(backoffDelayMs(3, RETRY, () => 0.5)).toBe(200);
  });

  it('stays within [0, ceiling) for many draws', () => {
    const random = seededRandom(7);
    for (let attempt = 1; attempt <= 8; attempt += 1) {
      const ceiling = Math.min(1_000, 100 * 2 ** (attempt - 1));
      for (let draw = 0; draw < 200; draw += 1) {
        const delay = backoffDelayMs(attempt, RETRY, random);
        expect(delay).toBeGreaterThanOrEqual(0);
        expect(delay).toBeLessThan(ceiling);
      }
    }
  });

  it('does not overflow for absurd attempt numbers', () => {
    expect(backoffDelayMs(10_000, RETRY, () => 0.5)).toBe(500);
    expect(backoffDelayMs(10_000, { base_delay_ms: 0, max_delay_ms: 1_000 }, () => 0.5)).toBe(0);
  });
});

describe('retryDelayMs', () => {
  const overloaded = new RungError('overloaded', 'busy');

  it('uses backoff when the provider gave no Retry-After', () => {
    expect(retryDelayMs(overloaded, 2, RETRY, () => 0.5)).toBe(100);
  });

  it('honours Retry-After within the limit, without jitter', () => {
    const limited = new RungError('rate_limited', 'slow down', { retryAfterMs: 3_000 });
    expect(retryDelayMs(limited, 1, RETRY, () => 0.1)).toBe(3_000);
    const atLimit = new RungError('rate_limited', 'slow down', { retryAfterMs: 5_000 });
    expect(retryDelayMs(atLimit, 1, RETRY, () => 0.1)).toBe(5_000);
  });

  it('returns undefined when Retry-After exceeds max_retry_after_ms (move to the next target)', () => {
    const limited = new RungError('rate_limited', 'slow down', { retryAfterMs: 5_001 });
    expect(retryDelayMs(limited, 1, RETRY, () => 0.1)).toBeUndefined();
  });

  it('returns undefined for errors that retrying cannot fix', () => {
    expect(retryDelayMs(new RungError('bad_request', 'no'), 1, RETRY, () => 0.5)).toBeUndefined();
    expect(retryDelayMs(new RungError('auth', 'no'), 1, RETRY, () => 0.5)).toBeUndefined();
  });

  it('returns undefined once attempts_per_target (first attempt included) is used up', () => {
    expect(retryDelayMs(overloaded, 3, RETRY, () => 0.5)).toBe(200);
    expect(retryDelayMs(overloaded, 4, RETRY, () => 0.5)).toBeUndefined();
  });
});
