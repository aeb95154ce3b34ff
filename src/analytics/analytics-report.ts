// `GET /api/v1/analytics` bodies, from the store's aggregates. The shapes are the contract in
// docs/api.md: snake_case, ISO times, rates 0..1, USD as numbers.
import type { RequestLogStore } from '../store/types.ts';
import type { ComparisonQuery, GroupedQuery } from './analytics-query.ts';
import { sumTotals, toMetrics, type AnalyticsMetrics } from './metrics-view.ts';
import { isoTime } from './query-values.ts';

export interface AnalyticsGroup extends AnalyticsMetrics {
  /** Null collects requests without a value (no serving model, no policy, no key, no tier). */
  key: string | null;
}

export interface AnalyticsReport {
  from: string;
  to: string;
  group_by: GroupedQuery['groupBy'];
  /** The tag name when `group_by` is `tag`, else null. */
  tag: string | null;
  /** Every request in the range (with `group_by=tag` also those without the tag). */
  totals: AnalyticsMetrics;
  groups: AnalyticsGroup[];
}

export interface AnalyticsComparison {
  from: string;
  compare_before: string;
  to: string;
  /** [from, compare_before) */
  before: AnalyticsMetrics;
  /** [compare_before, to) */
  after: AnalyticsMetrics;
}

type AggregateReader = Pick<RequestLogStore, 'aggregate'>;

export async function analyticsReport(log: AggregateReader, query: GroupedQuery): Promise<AnalyticsReport> {
  const range = { from: query.from, to: query.to };
  const groups = await log.aggregate({ ...range, groupBy: query.groupBy, ...(query.tag === null ? {} : { tag: query.tag }) });
  // Every request falls in exactly one group of any grouping but `tag` (requests without the tag
  // are in none), so only then are the totals read separately.
  const totals = query.groupBy === 'tag' ? sumTotals(await log.aggregate({ ...range, groupBy: 'day' })) : sumTotals(groups);
  return {
    from: isoTime(query.from),
    to: isoTime(query.to),
    group_by: query.groupBy,
    tag: query.tag,
    totals: toMetrics(totals),
    groups: groups.map((group) => ({ key: group.key, ...toMetrics(group) })),
  };
}

export async function analyticsComparison(log: AggregateReader, query: ComparisonQuery): Promise<AnalyticsComparison> {
  const [before, after] = await Promise.all([
    log.aggregate({ from: query.from, to: query.at, groupBy: 'day' }),
    log.aggregate({ from: query.at, to: query.to, groupBy: 'day' }),
  ]);
  return {
    from: isoTime(query.from),
    compare_before: isoTime(query.at),
    to: isoTime(query.to),
    before: toMetrics(sumTotals(before)),
    after: toMetrics(sumTotals(after)),
  };
}
