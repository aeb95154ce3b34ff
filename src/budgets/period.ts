// UTC calendar periods. A budget's spend is kept per (budget id, period key); a new period key
// means a fresh ledger starting at zero, so rollover needs no job or timer, only the clock.
import type { BudgetPeriod } from '../config/budget-schema.ts';

export interface PeriodWindow {
  /** Stable name of the period, e.g. `day:2024-05-17` or `month:2024-05`. */
  key: string;
  /** First millisecond of the period (inclusive). */
  startMs: number;
  /** First millisecond of the next period (exclusive). */
  endMs: number;
}

export function periodWindow(period: BudgetPeriod, nowMs: number): PeriodWindow {
  const now = new Date(nowMs);
  const year = now.getUTCFullYear();
  const month = now.getUTCMonth();
  if (period === 'day') {
    const day = now.getUTCDate();
    // Date.UTC carries overflow (31 + 1, month 11 + 1) into the next month or year.
    const startMs = Date.UTC(year, month, day);
    return { key: `day:${isoDate(startMs)}`, startMs, endMs: Date.UTC(year, month, day + 1) };
  }
  const startMs = Date.UTC(year, month, 1);
  return { key: `month:${isoDate(startMs).slice(0, 7)}`, startMs, endMs: Date.UTC(year, month + 1, 1) };
}

function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
