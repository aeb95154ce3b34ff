// Number and time formatting for the dashboard. Pure functions (no DOM), so the e2e test imports
// them to compare the text on the page with the API's numbers. `null` is shown as an em dash.

export const NONE = '—';

const COUNT = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const DOLLARS = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

export function formatCount(value: number | null): string {
  return value === null ? NONE : COUNT.format(value);
}

/**
 * Dollars: two decimals from $1 up; below that four significant digits, because a single routed
 * request often costs a fraction of a cent and "$0.00" would hide it.
 */
export function formatUsd(value: number | null): string {
  if (value === null) return NONE;
  const sign = value < 0 ? '−' : '';
  const size = Math.abs(value);
  if (size === 0) return '$0.00';
  if (size >= 1) return `${sign}$${DOLLARS.format(size)}`;
  return `${sign}$${trimZeros(size.toPrecision(4))}`;
}

/** A share in 0..1 as a percentage with one decimal. */
export function formatPercent(value: number | null, digits = 1): string {
  return value === null ? NONE : `${(value * 100).toFixed(digits)}%`;
}

export function formatMs(value: number | null): string {
  if (value === null) return NONE;
  if (Math.abs(value) >= 1000) return `${(value / 1000).toFixed(2)} s`;
  return `${Math.round(value)} ms`;
}

/** A plain figure (APGR, AUC, a threshold) with up to four decimals. */
export function formatNumber(value: number | null, digits = 4): string {
  return value === null ? NONE : trimZeros(value.toFixed(digits));
}

/** A time as `YYYY-MM-DD HH:MM:SS UTC`; accepts epoch ms or an ISO string. */
export function formatTime(value: number | string | null): string {
  if (value === null) return NONE;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return typeof value === 'string' ? value : NONE;
  return `${date.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

/** `low to high` with the given formatter (a dash would read as a minus next to negative values). */
export function formatRange(interval: { low: number; high: number } | null, format: (value: number) => string): string {
  return interval === null ? NONE : `${format(interval.low)} to ${format(interval.high)}`;
}

function trimZeros(text: string): string {
  if (!text.includes('.') || text.includes('e')) return text;
  return text.replace(/0+$/, '').replace(/\.$/, '');
}
