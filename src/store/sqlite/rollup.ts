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

export function rollupKeysOf(input: MetricInput): RollupKey[] {
  const keys: RollupKey[] = [
    { kind: ALL_KIND, value: '' },
    { kind: 'model', value: input.finalDeployment ?? '' },
    { kind: 'policy', value: input.policy ?? '' },
    { kind: 'key', value: input.keyId ?? '' },
    { kind: 'tier', value: input.tier ?? '' },
  ];
  for (const [name, value] of Object.entries(input.tags)) keys.push({ kind: `${TAG_KIND_PREFIX}${name}`, value });
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
    // Summed per row first: a batch of 500 requests touches a few dozen rows, not 2,500.
    const cells = new Map<string, { hour: number; key: RollupKey; totals: AggregateTotals }>();
    for (const input of inputs) {
      const hour = floorHour(input.receivedAt);
      for (const key of rollupKeysOf(input)) {
        const name = `${key.kind}\u0000${hour}\u0000${key.value}`;
        let cell = cells.get(name);
        if (cell === undefined) {
          cell = { hour, key, totals: emptyTotals() };
          cells.set(name, cell);
        }
        addToTotals(cell.totals, input);
      }
    }
    for (const { hour, key, totals } of cells.values()) {
      this.upsert.run(key.kind, hour, key.value, ...TOTAL_FIELDS.map((field) => totals[field]));
    }
  }

  /** Moves a stored request's feedback by the change (a replaced score: new − old, count 0). */
  feedbackChanged(input: MetricInput, sumDelta: number, countDelta: number): void {
    const hour = floorHour(input.receivedAt);
    for (const key of rollupKeysOf(input)) this.addFeedback.run(sumDelta, countDelta, key.kind, hour, key.value);
  }
}
