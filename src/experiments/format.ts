// Number formatting shared by the verdict sentences and the text table, so both say the same thing.
import type { Interval } from './intervals.ts';

/** `$0.00123`, `$1.25`, `-$0.0004`: three significant digits below a dollar, cents above. */
export function formatUsd(value: number): string {
  const sign = value < 0 ? '-' : '';
  const magnitude = Math.abs(value);
  if (magnitude === 0) return '$0';
  const digits = magnitude >= 1 ? magnitude.toFixed(2) : Number(magnitude.toPrecision(3)).toString();
  return `${sign}$${digits}`;
}

/** A signed dollar amount: `+$0.0004`, `-$0.0012`. */
export function formatSignedUsd(value: number): string {
  return value > 0 ? `+${formatUsd(value)}` : formatUsd(value);
}

/** A share as a percentage: 0.0812 → `8.1%`. */
export function formatPercent(share: number, decimals = 1): string {
  return `${(share * 100).toFixed(decimals)}%`;
}

/** A magnitude as a whole percentage, one decimal below 10%: 0.413 → `41%`, 0.043 → `4.3%`. */
export function formatMagnitudePercent(share: number): string {
  const magnitude = Math.abs(share);
  return `${(magnitude * 100).toFixed(magnitude < 0.1 ? 1 : 0)}%`;
}

/** A difference of two rates in percentage points, signed: `+4.0`, `-0.3`. */
export function formatSignedPoints(difference: number): string {
  const text = (difference * 100).toFixed(1);
  return difference > 0 || (difference === 0 && !text.startsWith('-')) ? `+${text}` : text;
}

/** A signed plain number with two decimals: `+0.07`, `-0.12`. */
export function formatSignedScore(difference: number): string {
  const text = difference.toFixed(2);
  return difference >= 0 && !text.startsWith('-') ? `+${text}` : text;
}

/** `41% less`, `12% more`, `the same` for a relative change (treatment / control − 1). */
export function formatRelativeChange(change: number): string {
  if (change < 0) return `${formatMagnitudePercent(change)} less`;
  if (change > 0) return `${formatMagnitudePercent(change)} more`;
  return 'the same';
}

/** An interval of relative changes: `35%–47% less`, `5%–9% more`, `4.0% less to 2.0% more`. */
export function formatRelativeRange(interval: Interval): string {
  if (interval.high < 0) return `${formatMagnitudePercent(interval.high)}–${formatMagnitudePercent(interval.low)} less`;
  if (interval.low > 0) return `${formatMagnitudePercent(interval.low)}–${formatMagnitudePercent(interval.high)} more`;
  return `${formatRelativeChange(interval.low)} to ${formatRelativeChange(interval.high)}`;
}

/** `8.1% (6.6%–9.7%)` for a rate and its interval. */
export function formatRateWithInterval(rate: number | null, interval: Interval | null): string {
  if (rate === null) return 'n/a';
  return interval === null ? formatPercent(rate) : `${formatPercent(rate)} (${formatPercent(interval.low)}–${formatPercent(interval.high)})`;
}

/** `+4.0 points (95% CI +1.2 to +6.9)`. */
export function formatPointsWithInterval(estimate: number, interval: Interval): string {
  return `${formatSignedPoints(estimate)} points (95% CI ${formatSignedPoints(interval.low)} to ${formatSignedPoints(interval.high)})`;
}
