// The query of `GET /api/v1/analytics` (and `rung report`): a time range, a grouping, and
// optionally `compare_before`, which asks for the metrics before and after one instant (a config
// change, a deploy) instead of groups.
import { GROUP_BY, type GroupBy } from '../store/types.ts';
import { choiceParam, instantParam, invalidParam, textParam, type QueryValues } from './query-values.ts';

export const DAY_MS = 86_400_000;
/** With no range given, the last day. */
export const DEFAULT_WINDOW_MS = DAY_MS;

export interface GroupedQuery {
  kind: 'grouped';
  /** Epoch ms, inclusive. */
  from: number;
  /** Epoch ms, exclusive. */
  to: number;
  groupBy: GroupBy;
  /** Set exactly when `groupBy` is `tag`. */
  tag: string | null;
}

export interface ComparisonQuery {
  kind: 'comparison';
  /** `before` covers [from, at), `after` [at, to). */
  from: number;
  at: number;
  to: number;
}

export type AnalyticsQuery = GroupedQuery | ComparisonQuery;

export function parseAnalyticsQuery(query: QueryValues, now: number): AnalyticsQuery {
  const from = instantParam(query, 'from');
  const to = instantParam(query, 'to');
  const at = instantParam(query, 'compare_before');
  if (at !== undefined) return comparison(from, to, at, now);

  const groupBy = choiceParam(query, 'group_by', GROUP_BY) ?? 'model';
  const tag = textParam(query, 'tag');
  if (groupBy === 'tag' && tag === undefined) throw invalidParam('tag', 'group_by=tag needs the tag name: tag=<name>.');
  if (groupBy !== 'tag' && tag !== undefined) throw invalidParam('tag', 'tag only applies with group_by=tag.');
  const end = to ?? now;
  const start = from ?? end - DEFAULT_WINDOW_MS;
  checkRange(start, end);
  return { kind: 'grouped', from: start, to: end, groupBy, tag: tag ?? null };
}

/**
 * Around `at`: by default the day before it and the day after it (up to now), so a change made an
 * hour ago compares its hour with the day before. An explicit `from`/`to` must surround `at`.
 */
function comparison(from: number | undefined, to: number | undefined, at: number, now: number): ComparisonQuery {
  if (at >= now && to === undefined) throw invalidParam('compare_before', 'compare_before must be in the past (or give `to`).');
  const start = from ?? at - DEFAULT_WINDOW_MS;
  const end = to ?? Math.min(at + DEFAULT_WINDOW_MS, now);
  checkRange(start, end);
  if (!(start < at && at < end)) throw invalidParam('compare_before', 'compare_before must lie strictly between from and to.');
  return { kind: 'comparison', from: start, at, to: end };
}

function checkRange(from: number, to: number): void {
  if (!(from < to)) throw invalidParam('to', '`to` must be after `from`.');
}
