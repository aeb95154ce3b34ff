// UTC time buckets shared by both stores: aggregates are kept per hour in SQLite, so the hour is
// the unit that purging and range splitting round to.
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

/** Start of the UTC hour holding `ms`. */
export function floorHour(ms: number): number {
  return Math.floor(ms / HOUR_MS) * HOUR_MS;
}

/** The first hour start at or after `ms`. */
export function ceilHour(ms: number): number {
  return Math.ceil(ms / HOUR_MS) * HOUR_MS;
}

/** `YYYY-MM-DD` (UTC). */
export function dayKey(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** `YYYY-MM-DDTHH` (UTC). */
export function hourKey(ms: number): string {
  return new Date(ms).toISOString().slice(0, 13);
}
