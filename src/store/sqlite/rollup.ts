// The hourly rollups (`request_rollup`, see migrations/0001-request-log.ts). Appending a batch adds
// each request's metrics to one row per grouping dimension of its hour; feedback arriving later
// adds its score to the same rows. Everything goes through metrics.ts, so the rollups hold exactly
// what the memory store computes from records.
import { addToTotals, emptyTotals, type MetricInput } from '../metrics.ts';
import { floorHour } from '../time-buckets.ts';
import type { AggregateTotals, GroupBy } from '../types.ts';
import type { SqliteDatabase } from './database.ts';

/** A rollup row's grouping: its dimension and the request's value on it ('' for none). */
export interface RollupKey {
  kind: string;
  value: string;
}

export const ALL_KIND = 'all';
const TAG_KIND_PREFIX = 'tag:';

/** The rollup dimension a groupBy reads; `day` and `hour` read the `all` rows by hour. */
export function rollupKindOf(groupBy: GroupBy, tag: string | undefined): string {
  switch (groupBy) {
    case 'model':
    case 'policy':
    case 'key':
    case 'tier':
      return groupBy;
    case 'tag':
      return `${TAG_KIND_PREFIX}${tag ?? ''}`;
    case 'day':
    case 'hour':
      return ALL_KIND;
  }
}

/** Calls `visit` with each rollup row's grouping the request counts in. */
export function forEachRollupKey(input: MetricInput, visit: (kind: string, value: string) => void): void {
  visit(ALL_KIND, '');
  visit('model', input.finalDeployment ?? '');
  visit('policy', input.policy ?? '');
  visit('key', input.keyId ?? '');
  visit('tier', input.tier ?? '');
  for (const [name, value] of Object.entries(input.tags)) visit(`${TAG_KIND_PREFIX}${name}`, value);
}

export function rollupKeysOf(input: MetricInput): RollupKey[] {
  const keys: RollupKey[] = [];
  forEachRollupKey(input, (kind, value) => keys.push({ kind, value }));
  return keys;
}

/** The columns of a rollup row's metrics, in AggregateTotals field order. */
export const TOTAL_COLUMNS: Readonly<Record<keyof AggregateTotals, string>> = Object.freeze({
  requests: 'requests',
  errors: 'errors',
  costUsd: 'cost_usd',
  referenceCostUsd: 'reference_cost_usd',
  premiumCostUsd: 'premium_cost_usd',
  fallbackCount: 'fallback_count',
  fallbackSuccessCount: 'fallback_success_count',
  fallbackLatencyMsSum: 'fallback_latency_ms_sum',
  latencyMsSum: 'latency_ms_sum',
  strongTierCount: 'strong_tier_count',
  // Since schema v5 (migrations/0005-cascade-requests.ts).
  cascadeRequests: 'cascade_requests',
  escalations: 'escalations',
  overkill: 'overkill',
  costRouted: 'cost_routed',
  feedbackSum: 'feedback_sum',
  feedbackCount: 'feedback_count',
});

const TOTAL_FIELDS = Object.keys(TOTAL_COLUMNS) as (keyof AggregateTotals)[];
const COLUMNS = TOTAL_FIELDS.map((field) => TOTAL_COLUMNS[field]);

export class RollupWriter {
  private readonly upsert;
  private readonly addFeedback;

  constructor(db: SqliteDatabase) {
    this.upsert = db.prepare(
      `INSERT INTO request_rollup (kind, hour, value, ${COLUMNS.join(', ')}) VALUES (?, ?, ?, ${COLUMNS.map(() => '?').join(', ')})
       ON CONFLICT (kind, hour, value) DO UPDATE SET ${COLUMNS.map((column) => `${column} = ${column} + excluded.${column}`).join(', ')}`,
    );
    this.addFeedback = db.prepare(
      'UPDATE request_rollup SET feedback_sum = feedback_sum + ?, feedback_count = feedback_count + ? WHERE kind = ? AND hour = ? AND value = ?',
    );
  }

  /** Adds the requests to their rollup rows; call inside the append transaction. */
  add(inputs: readonly MetricInput[]): void {
    // Summed per row first: a batch of 500 requests touches a few dozen rows, not 2,500. The rows
    // are found by hour, then kind, then value, so a request costs no key object or key string.
    const cells = new Map<number, Map<string, Map<string, AggregateTotals>>>();
    for (const input of inputs) {
      const hour = floorHour(input.receivedAt);
      let byKind = cells.get(hour);
      if (byKind === undefined) cells.set(hour, (byKind = new Map()));
      const hourCells = byKind;
      forEachRollupKey(input, (kind, value) => addToTotals(cellOf(hourCells, kind, value), input));
    }
    for (const [hour, kinds] of cells) {
      for (const [kind, values] of kinds) {
        for (const [value, totals] of values) this.upsert.run(kind, hour, value, ...TOTAL_FIELDS.map((field) => totals[field]));
      }
    }
  }

  /** Moves a stored request's feedback by the change (a replaced score: new − old, count 0). */
  feedbackChanged(input: MetricInput, sumDelta: number, countDelta: number): void {
    const hour = floorHour(input.receivedAt);
    for (const key of rollupKeysOf(input)) this.addFeedback.run(sumDelta, countDelta, key.kind, hour, key.value);
  }
}

/** The sums of one hour's row for (kind, value), created empty on first use. */
function cellOf(byKind: Map<string, Map<string, AggregateTotals>>, kind: string, value: string): AggregateTotals {
  let byValue = byKind.get(kind);
  if (byValue === undefined) byKind.set(kind, (byValue = new Map()));
  let totals = byValue.get(value);
  if (totals === undefined) byValue.set(value, (totals = emptyTotals()));
  return totals;
}
