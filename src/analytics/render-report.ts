// `rung report` as text: the same figures as `GET /api/v1/analytics`, in two aligned tables (traffic
// and quality, then cost), one row per group and a total row. Plain text, no colours, so it reads
// the same in a terminal, a CI log or a pasted issue.
import type { AnalyticsComparison, AnalyticsReport } from './analytics-report.ts';
import type { AnalyticsMetrics } from './metrics-view.ts';

type Align = 'left' | 'right';
const NONE = 'n/a';

function table(header: readonly string[], rows: readonly (readonly string[])[], align: readonly Align[]): string[] {
  const widths = header.map((cell, column) => Math.max(cell.length, ...rows.map((row) => (row[column] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) => ((align[column] ?? 'right') === 'left' ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((width) => '-'.repeat(width)).join('  '), ...rows.map(line)];
}

export function usd(value: number): string {
  const sign = value < 0 ? '-' : '';
  return `${sign}$${Math.abs(value).toFixed(4)}`;
}

export function percent(value: number | null): string {
  return value === null ? NONE : `${(value * 100).toFixed(1)}%`;
}

function ms(value: number | null): string {
  return value === null ? NONE : `${Math.round(value)} ms`;
}

function feedback(metrics: AnalyticsMetrics): string {
  return metrics.feedback_avg === null ? `${NONE} (0)` : `${metrics.feedback_avg.toFixed(2)} (${metrics.feedback_count})`;
}

const TRAFFIC_HEADER = ['requests', 'errors', 'error rate', 'fallbacks', 'fallback ok', 'fallback added', 'avg latency', 'premium tier', 'escalation', 'overkill', 'feedback (n)'];
const COST_HEADER = ['cost', 'reference', 'all-premium', 'saved vs requested', 'saved vs premium', 'cost-routed'];

function trafficCells(metrics: AnalyticsMetrics): string[] {
  return [
    String(metrics.requests),
    String(metrics.errors),
    percent(metrics.error_rate),
    String(metrics.fallback_count),
    percent(metrics.fallback_success_rate),
    ms(metrics.avg_fallback_latency_ms),
    ms(metrics.avg_latency_ms),
    percent(metrics.strong_tier_share),
    percent(metrics.escalation_rate),
    String(metrics.overkill_count),
    feedback(metrics),
  ];
}

function costCells(metrics: AnalyticsMetrics): string[] {
  return [
    usd(metrics.cost_usd),
    usd(metrics.reference_cost_usd),
    usd(metrics.premium_cost_usd),
    usd(metrics.savings_vs_requested_usd),
    usd(metrics.savings_vs_premium_usd),
    String(metrics.cost_routed_requests),
  ];
}

function labelled(first: string, rows: readonly [string, AnalyticsMetrics][], cells: (metrics: AnalyticsMetrics) => string[], header: readonly string[]): string[] {
  return table([first, ...header], rows.map(([label, metrics]) => [label, ...cells(metrics)]), ['left', ...header.map((): Align => 'right')]);
}

export function renderAnalyticsReport(report: AnalyticsReport): string {
  const grouping = report.group_by === 'tag' ? `tag "${report.tag ?? ''}"` : report.group_by;
  const rows: [string, AnalyticsMetrics][] = [...report.groups.map((group): [string, AnalyticsMetrics] => [group.key ?? '(none)', group]), ['total', report.totals]];
  const lines = [
    `Rung analytics from ${report.from} to ${report.to}, by ${grouping}`,
    '',
    ...labelled(report.group_by, rows, trafficCells, TRAFFIC_HEADER),
    '',
    ...labelled(report.group_by, rows, costCells, COST_HEADER),
  ];
  if (report.group_by === 'tag') lines.push('', 'Groups count only requests with the tag; the total counts every request.');
  return `${lines.join('\n')}\n`;
}

export function renderAnalyticsComparison(comparison: AnalyticsComparison): string {
  const rows: [string, AnalyticsMetrics][] = [
    ['before', comparison.before],
    ['after', comparison.after],
  ];
  const lines = [
    `Rung analytics before and after ${comparison.compare_before}`,
    `  before: ${comparison.from} to ${comparison.compare_before}`,
    `  after:  ${comparison.compare_before} to ${comparison.to}`,
    '',
    ...labelled('window', rows, trafficCells, TRAFFIC_HEADER),
    '',
    ...labelled('window', rows, costCells, COST_HEADER),
  ];
  return `${lines.join('\n')}\n`;
}
