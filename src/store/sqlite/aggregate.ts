// `aggregate` over SQLite: whole hours come from the hourly rollups, the partial hours at either
// end of the range from the raw rows (at most two hours of them). A 30-day aggregate thus reads
// about 720 rollup rows per group value however many requests there were.
import { addToTotals, emptyTotals, GroupAccumulator, groupKeyOf, mergeTotals } from '../metrics.ts';
import { ceilHour, dayKey, floorHour, hourKey } from '../time-buckets.ts';
import type { AggregateGroup, AggregateQuery, AggregateTotals } from '../types.ts';
import type { SqliteDatabase } from './database.ts';
import { METRIC_SELECT, metricInputOfRow, type MetricRow } from './metric-row.ts';
import { ALL_KIND, rollupKindOf, TOTAL_COLUMNS } from './rollup.ts';

const TOTAL_FIELDS = Object.keys(TOTAL_COLUMNS) as (keyof AggregateTotals)[];
const SUMS = TOTAL_FIELDS.map((field) => `SUM(${TOTAL_COLUMNS[field]}) AS ${TOTAL_COLUMNS[field]}`).join(', ');

type RollupSums = Record<string, number> & { group_value: string | number };

export class SqliteAggregator {
  private readonly byValue;
  private readonly byHour;
  private readonly rawRows;

  constructor(db: SqliteDatabase) {
    this.byValue = db.prepare(`SELECT value AS group_value, ${SUMS} FROM request_rollup WHERE kind = ? AND hour >= ? AND hour < ? GROUP BY value`);
    this.byHour = db.prepare(`SELECT hour AS group_value, ${SUMS} FROM request_rollup WHERE kind = '${ALL_KIND}' AND hour >= ? AND hour < ? GROUP BY hour`);
    this.rawRows = db.prepare(
      `SELECT ${METRIC_SELECT} FROM requests r LEFT JOIN feedback f ON f.request_id = r.request_id WHERE r.received_at >= ? AND r.received_at < ?`,
    );
  }

  aggregate(query: AggregateQuery): AggregateGroup[] {
    const groups = new GroupAccumulator();
    const firstHour = ceilHour(query.from);
    const endHour = floorHour(query.to);
    if (firstHour < endHour) {
      this.addRollups(groups, query, firstHour, endHour);
      this.addRaw(groups, query, query.from, firstHour);
      this.addRaw(groups, query, endHour, query.to);
    } else {
      this.addRaw(groups, query, query.from, query.to);
    }
    return groups.finish();
  }

  private addRollups(groups: GroupAccumulator, query: AggregateQuery, fromHour: number, toHour: number): void {
    const timed = query.groupBy === 'day' || query.groupBy === 'hour';
    const rows = (timed ? this.byHour.all(fromHour, toHour) : this.byValue.all(rollupKindOf(query.groupBy, query.tag), fromHour, toHour)) as RollupSums[];
    for (const row of rows) {
      const totals = emptyTotals();
      for (const field of TOTAL_FIELDS) totals[field] = row[TOTAL_COLUMNS[field]] ?? 0;
      mergeTotals(groups.totalsFor(groupKey(query, row.group_value)), totals);
    }
  }

  private addRaw(groups: GroupAccumulator, query: AggregateQuery, from: number, to: number): void {
    if (from >= to) return;
    for (const row of this.rawRows.iterate(from, to) as IterableIterator<MetricRow>) {
      const input = metricInputOfRow(row);
      const key = groupKeyOf(input, query.groupBy, query.tag);
      if (key !== undefined) addToTotals(groups.totalsFor(key), input);
    }
  }
}

/** A rollup row's group key: the hour formatted for day/hour, the tag's value, else the value ('' = none). */
function groupKey(query: AggregateQuery, value: string | number): string | null {
  if (query.groupBy === 'day') return dayKey(Number(value));
  if (query.groupBy === 'hour') return hourKey(Number(value));
  if (query.groupBy === 'tag') return String(value);
  return value === '' ? null : String(value);
}
