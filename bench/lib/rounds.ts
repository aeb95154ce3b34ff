// Several rounds of the same rows, combined into one row each. On a shared 2-core VM one window of
// one row can be 15 % off; the rows run interleaved (round 1: every row, round 2: every row, …)
// so a slow minute hits all of them, and each figure is the median over the rounds. Peak RSS is
// the largest peak seen, errors are summed: those are bounds, not typical values.
import type { RowResult } from './measure.ts';
import { median } from './stats.ts';

type MedianField = 'rps' | 'p50_ms' | 'p90_ms' | 'p99_ms' | 'max_ms' | 'cpu_us_per_req' | 'cpu_pct' | 'driver_cpu_pct' | 'rss_start_mb' | 'p50_ms_c1' | 'added_p50_ms_c1';

const MEDIAN_FIELDS: readonly MedianField[] = ['rps', 'p50_ms', 'p90_ms', 'p99_ms', 'max_ms', 'cpu_us_per_req', 'cpu_pct', 'driver_cpu_pct', 'rss_start_mb', 'p50_ms_c1', 'added_p50_ms_c1'];

const maxOf = (values: readonly (number | null)[]): number | null => {
  const finite = values.filter((value): value is number => value !== null && Number.isFinite(value));
  return finite.length === 0 ? null : Math.max(...finite);
};

/**
 * One row per name from `rounds` (each round holds the same rows in the same order). A round in
 * which the row failed counts for nothing but its failure message, which is kept as a note; the
 * row fails only if it failed in every round.
 */
export function combineRounds(rounds: readonly (readonly RowResult[])[]): RowResult[] {
  const first = rounds[0];
  if (first === undefined) return [];
  if (rounds.length === 1) return [...first];
  return first.map((template) => {
    const runs = rounds.map((round) => round.find((row) => row.name === template.name)).filter((row): row is RowResult => row !== undefined);
    const measured = runs.filter((row) => row.failure === null);
    const combined: RowResult = { ...template, notes: [], failure: measured.length === 0 ? (runs[0]?.failure ?? 'no round measured it') : null };
    for (const field of MEDIAN_FIELDS) combined[field] = median(measured.map((row) => row[field]));
    combined.rss_mb = maxOf(measured.map((row) => row.rss_mb));
    combined.errors = measured.length === 0 ? null : measured.reduce((sum, row) => sum + (row.errors ?? 0), 0);
    runs.forEach((row, index) => {
      const label = `round ${index + 1}`;
      if (row.failure !== null) combined.notes.push(`${label}: ${row.failure}`);
      else combined.notes.push(`${label}: ${Math.round(row.rps ?? 0)} req/s, ${Math.round(row.cpu_us_per_req ?? 0)} CPU µs/req, peak RSS ${(row.rss_mb ?? 0).toFixed(1)} MB`);
      for (const note of row.notes) combined.notes.push(`${label}: ${note}`);
    });
    return combined;
  });
}
