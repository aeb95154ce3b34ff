// GET /api/v1/analytics (docs/api.md): totals and groups of the contract's metrics, read once
// into plain records so the pages never touch raw JSON.
import { getJson, withQuery } from './api.ts';
import { list, num, obj, str, type Json } from './fields.ts';

export const METRIC_NAMES = [
  'requests',
  'errors',
  'error_rate',
  'cost_usd',
  'reference_cost_usd',
  'premium_cost_usd',
  'savings_vs_requested_usd',
  'savings_vs_premium_usd',
  'cost_routed_requests',
  'fallback_count',
  'fallback_success_rate',
  'avg_fallback_latency_ms',
  'avg_latency_ms',
  'strong_tier_share',
  'escalation_rate',
  'overkill_count',
  'feedback_avg',
  'feedback_count',
] as const;

export type MetricName = (typeof METRIC_NAMES)[number];
export type Metrics = Record<MetricName, number | null>;

export interface AnalyticsGroup {
  key: string | null;
  metrics: Metrics;
}

export interface Analytics {
  from: string | null;
  to: string | null;
  totals: Metrics;
  groups: AnalyticsGroup[];
}

export type GroupBy = 'model' | 'policy' | 'key' | 'tier' | 'day' | 'hour';

export function readMetrics(source: Json | undefined): Metrics {
  const metrics = {} as Metrics;
  for (const name of METRIC_NAMES) metrics[name] = num(source, name);
  return metrics;
}

export async function fetchAnalytics(groupBy: GroupBy, signal: AbortSignal, range: { from?: string; to?: string } = {}): Promise<Analytics> {
  const { body } = await getJson(withQuery('/api/v1/analytics', { group_by: groupBy, from: range.from, to: range.to }), signal);
  return {
    from: str(body, 'from'),
    to: str(body, 'to'),
    totals: readMetrics(obj(body, 'totals')),
    groups: list(body, 'groups').map((group) => ({ key: str(group, 'key'), metrics: readMetrics(group) })),
  };
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** Epoch ms of a `day` (`YYYY-MM-DD`) or `hour` (`YYYY-MM-DDTHH`) group key, UTC. */
export function bucketStart(key: string, groupBy: 'day' | 'hour'): number | null {
  const iso = groupBy === 'hour' ? `${key}:00:00.000Z` : `${key}T00:00:00.000Z`;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? null : ms;
}

/**
 * Every bucket from `from` to `to`, in order, with its group or null. The API leaves out buckets
 * without requests; the chart needs them on the axis so a quiet hour reads as a gap, not a slope.
 */
export function timeBuckets(result: Analytics, groupBy: 'day' | 'hour'): { starts: number[]; groups: (Metrics | null)[] } {
  const size = groupBy === 'hour' ? HOUR_MS : DAY_MS;
  const byStart = new Map<number, Metrics>();
  for (const group of result.groups) {
    const start = group.key === null ? null : bucketStart(group.key, groupBy);
    if (start !== null) byStart.set(start, group.metrics);
  }
  const known = [...byStart.keys()];
  const fromMs = result.from === null ? Math.min(...known) : Date.parse(result.from);
  const toMs = result.to === null ? Math.max(...known) + 1 : Date.parse(result.to);
  if (!Number.isFinite(fromMs) || !Number.isFinite(toMs)) return { starts: [], groups: [] };
  const starts: number[] = [];
  const groups: (Metrics | null)[] = [];
  for (let start = Math.floor(fromMs / size) * size; start < toMs && starts.length <= 1000; start += size) {
    starts.push(start);
    groups.push(byStart.get(start) ?? null);
  }
  return { starts, groups };
}
