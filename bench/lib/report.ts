// Output of the gateway benchmark: a Markdown table for people, one JSON object for machines.
import type { RowResult } from './measure.ts';

type Cell = number | null;

const fixed = (value: Cell, digits: number) => (value === null || !Number.isFinite(value) ? '–' : value.toFixed(digits));

/** Rounds for the JSON: request rates and µs to integers, ms to µs precision, MB to 0.1. */
function round(value: Cell, digits: number): Cell {
  if (value === null || !Number.isFinite(value)) return null;
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

export function fillAddedLatency(rows: RowResult[]): void {
  const baseline = rows.find((row) => row.name === 'direct')?.p50_ms_c1 ?? null;
  for (const row of rows) {
    row.added_p50_ms_c1 = baseline === null || row.p50_ms_c1 === null ? null : row.p50_ms_c1 - baseline;
  }
}

export function markdownTable(rows: readonly RowResult[], connections: number): string {
  const header = [
    'row',
    'req/s',
    'p50 ms',
    'p90 ms',
    'p99 ms',
    'max ms',
    'errors',
    'CPU µs/req',
    'CPU %',
    'peak RSS MB',
    'RSS at start MB',
    'p50 ms c=1',
    'added p50 ms c=1',
  ];
  const lines = [
    `Measured window at ${connections} connections; "CPU" is the row's own process (the fake for "direct"); 100% = one core.`,
    '',
    `| ${header.join(' | ')} |`,
    `|${header.map((_, index) => (index === 0 ? ' --- ' : ' ---: ')).join('|')}|`,
  ];
  for (const row of rows) {
    const errors = row.failure !== null ? `**${row.failure.startsWith('failed to start') ? 'failed to start' : 'failed'}**` : fixed(row.errors, 0);
    lines.push(
      `| ${[
        row.name,
        fixed(row.rps, 0),
        fixed(row.p50_ms, 2),
        fixed(row.p90_ms, 2),
        fixed(row.p99_ms, 2),
        fixed(row.max_ms, 1),
        errors,
        fixed(row.cpu_us_per_req, 0),
        fixed(row.cpu_pct, 0),
        fixed(row.rss_mb, 1),
        fixed(row.rss_start_mb, 1),
        fixed(row.p50_ms_c1, 3),
        fixed(row.added_p50_ms_c1, 3),
      ].join(' | ')} |`,
    );
  }
  const notes = rows.flatMap((row) => [
    ...(row.failure === null ? [] : [`- ${row.name}: ${row.failure}`]),
    ...row.notes.map((note) => `- ${row.name}: ${note}`),
  ]);
  if (notes.length > 0) lines.push('', 'Notes:', ...notes);
  return lines.join('\n');
}

export function resultJson(rows: readonly RowResult[]): Record<string, Record<string, unknown>> {
  const json: Record<string, Record<string, unknown>> = {};
  for (const row of rows) {
    json[row.name] = {
      rps: round(row.rps, 0),
      p50_ms: round(row.p50_ms, 3),
      p90_ms: round(row.p90_ms, 3),
      p99_ms: round(row.p99_ms, 3),
      max_ms: round(row.max_ms, 3),
      errors: row.errors,
      cpu_us_per_req: round(row.cpu_us_per_req, 0),
      cpu_pct: round(row.cpu_pct, 1),
      driver_cpu_pct: round(row.driver_cpu_pct, 1),
      rss_mb: round(row.rss_mb, 1),
      rss_start_mb: round(row.rss_start_mb, 1),
      p50_ms_c1: round(row.p50_ms_c1, 3),
      added_p50_ms_c1: round(row.added_p50_ms_c1, 3),
      ...(row.failure === null ? {} : { failure: row.failure }),
      ...(row.notes.length === 0 ? {} : { notes: row.notes }),
    };
  }
  return json;
}
