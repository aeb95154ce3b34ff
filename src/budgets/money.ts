// Ledger amounts are integer nano-dollars (1e-9 USD) so sums and differences are exact. With
// floats, reserving 0.1 then 0.2 against a 0.3 limit would be refused (0.1 + 0.2 > 0.3), and
// releasing exactly what was reserved could leave crumbs such as 5.5e-17 behind. One nano-dollar
// is below the price of a single token on any model today (0.01 USD per million tokens is 10
// nano-dollars per token). Integers stay exact up to Number.MAX_SAFE_INTEGER nanos (~9 million
// USD), which is why `limit_usd` is capped at MAX_BUDGET_LIMIT_USD.
import { RungError } from '../errors/rung-error.ts';

export const NANOS_PER_USD = 1_000_000_000;

/** Converts a non-negative USD amount to whole nano-dollars (rounded to the nearest). */
export function usdToNanos(usd: number, what = 'amount'): number {
  if (!Number.isFinite(usd) || usd < 0) {
    // A programming error upstream (a NaN price, a negative cost), never a client mistake.
    throw new RungError('internal_error', `budget ledger: ${what} must be a finite, non-negative USD amount (got ${String(usd)})`);
  }
  const nanos = Math.round(usd * NANOS_PER_USD);
  if (!Number.isSafeInteger(nanos)) {
    throw new RungError('internal_error', `budget ledger: ${what} ${usd} USD is too large to count exactly`);
  }
  return nanos;
}

export function nanosToUsd(nanos: number): number {
  return nanos / NANOS_PER_USD;
}

/** `$12.34`; small non-zero amounts keep enough digits to be told apart from zero. */
export function formatUsd(usd: number): string {
  if (usd !== 0 && Math.abs(usd) < 0.01) return `$${usd.toFixed(6)}`;
  return `$${usd.toFixed(2)}`;
}
