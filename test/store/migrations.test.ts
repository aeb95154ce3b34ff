import { afterAll, describe, expect, it } from 'vitest';
import { sumTotals, toMetrics } from '../../src/analytics/metrics-view.ts';
import { RungError } from '../../src/errors/rung-error.ts';
import { normalizeAppendItem } from '../../src/store/append-item.ts';
import { addToTotals, emptyTotals, metricInputOf } from '../../src/store/metrics.ts';
import { openDatabase, type SqliteDatabase } from '../../src/store/sqlite/database.ts';
import { migrate, schemaVersion } from '../../src/store/sqlite/migrate.ts';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../src/store/sqlite/migrations/index.ts';
import { openSqliteStore } from '../../src/store/sqlite/open-sqlite-store.ts';
import { encodeRequest, REQUEST_COLUMNS } from '../../src/store/sqlite/request-row.ts';
import { rollupKeysOf } from '../../src/store/sqlite/rollup.ts';
import { floorHour } from '../../src/store/time-buckets.ts';
import type { AggregateGroup, AggregateTotals, AppendItem } from '../../src/store/types.ts';
import type { CascadeRecord } from '../../src/records/request-record.ts';
import { at, cascade, CASCADE_RANGE, cascadeItems } from './fixtures/cascades.ts';
import { makeRecord, NOON, tempFolder } from './fixtures/records.ts';

const folder = tempFolder();
afterAll(() => folder.remove());

describe('schema migrations', () => {
  it('upgrades a v1 database with data to the current schema on open', async () => {
    const path = folder.file('v1.db');
    const old = openDatabase(path);
    expect(migrate(old, { target: 1 })).toBe(1);
    // A row as a v1 Rung wrote it, with the columns it had.
    old.prepare(
      `INSERT INTO requests (request_id, received_at, key_id, requested, route_kind, policy, strategy, reason, stream, attempts, final_deployment,
         status, http_status, cost_usd, reference_cost_usd, cost_delta_usd, premium_cost_usd, latency_ms, fallback_latency_ms, fallback)
       VALUES ('old', ?, 'k1', 'auto', 'policy', 'auto', 'intelligent', 'r', 0, '[["cheap","openai","m",2,10,"ok",1]]', 'cheap', 'ok', 200, 0.5, 1, -0.5, 1, 12, 2, 0)`,
    ).run(NOON);
    expect(old.prepare("SELECT name FROM sqlite_master WHERE name = 'feedback'").get()).toBeUndefined();
    old.close();

    const store = await openSqliteStore({ path });
    expect(schemaVersion(store.database)).toBe(LATEST_SCHEMA_VERSION);
    const applied = store.database.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all();
    expect(applied).toEqual(MIGRATIONS.map((migration) => ({ version: migration.version, name: migration.name })));
    const stored = await store.requests.get('old');
    expect(stored?.record.attempts).toEqual([{ deployment: 'cheap', provider: 'openai', model: 'm', startedAt: NOON + 2, latencyMs: 10, status: 'ok', try: 1 }]);
    await store.outcomes.recordFeedback({ requestId: 'old', score: 1, at: NOON });
    expect((await store.outcomes.labelledOutcomes()).map((outcome) => outcome.requestId)).toEqual(['old']);
    expect((await store.budgets.reserve([{ id: 'b', periodKey: 'day:x', limitUsd: 1 }], 0.5, 'r')).ok).toBe(true);
    await store.close();
  });

  it('opens a current database without running anything again', async () => {
    const path = folder.file('current.db');
    await (await openSqliteStore({ path })).close();
    const store = await openSqliteStore({ path });
    expect((store.database.prepare('SELECT COUNT(*) AS n FROM schema_migrations').get() as { n: number }).n).toBe(LATEST_SCHEMA_VERSION);
    await store.close();
  });

  it('refuses a database written by a newer schema', async () => {
    const path = folder.file('future.db');
    const db = openDatabase(path);
    migrate(db);
    db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(LATEST_SCHEMA_VERSION + 1, 'from the future', NOON);
    db.close();
    const failure = await openSqliteStore({ path }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(RungError);
    expect((failure as RungError).message).toMatch(/newer than this Rung knows/);
  });

  it('leaves a failed step unapplied and the earlier steps in place', () => {
    const db = openDatabase(':memory:');
    const broken = [...MIGRATIONS.slice(0, 2), { version: 3, name: 'broken', up: () => db.exec('CREATE TABLE half (x); SELECT no_such_function()') }];
    expect(() => migrate(db, { migrations: broken })).toThrow(/no_such_function/);
    expect(schemaVersion(db)).toBe(2);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'half'").get()).toBeUndefined();
    db.close();
  });
});

/** The rollup metrics of schema v1..v4, as their writer stored them: no `cascade_requests`. */
const V4_ROLLUP_COLUMNS: readonly (readonly [keyof AggregateTotals, string])[] = [
  ['requests', 'requests'], ['errors', 'errors'], ['costUsd', 'cost_usd'], ['referenceCostUsd', 'reference_cost_usd'],
  ['premiumCostUsd', 'premium_cost_usd'], ['fallbackCount', 'fallback_count'], ['fallbackSuccessCount', 'fallback_success_count'],
  ['fallbackLatencyMsSum', 'fallback_latency_ms_sum'], ['latencyMsSum', 'latency_ms_sum'], ['strongTierCount', 'strong_tier_count'],
  ['escalations', 'escalations'], ['overkill', 'overkill'], ['costRouted', 'cost_routed'], ['feedbackSum', 'feedback_sum'], ['feedbackCount', 'feedback_count'],
];

/**
 * Appends as a v4 Rung did: the request rows and their rollups without `cascade_requests` (today's
 * writer cannot run on a v4 file, it writes that column). `feedback` is stored first and counted
 * as the writer counts feedback that arrived before its request.
 */
function appendAsV4(db: SqliteDatabase, items: readonly AppendItem[], feedback: Readonly<Record<string, number>> = {}): void {
  const insertRequest = db.prepare(`INSERT INTO requests (${REQUEST_COLUMNS.join(', ')}) VALUES (${REQUEST_COLUMNS.map((column) => `@${column}`).join(', ')})`);
  const insertFeedback = db.prepare('INSERT INTO feedback (request_id, score, comment, at) VALUES (?, ?, NULL, ?)');
  const columns = V4_ROLLUP_COLUMNS.map(([, column]) => column);
  const upsert = db.prepare(
    `INSERT INTO request_rollup (kind, hour, value, ${columns.join(', ')}) VALUES (?, ?, ?, ${columns.map(() => '?').join(', ')})
     ON CONFLICT (kind, hour, value) DO UPDATE SET ${columns.map((column) => `${column} = ${column} + excluded.${column}`).join(', ')}`,
  );
  db.transaction(() => {
    for (const item of items) {
      const normalized = normalizeAppendItem(item);
      const score = feedback[normalized.record.requestId] ?? null;
      if (score !== null) insertFeedback.run(normalized.record.requestId, score, normalized.record.receivedAt);
      insertRequest.run(encodeRequest(normalized));
      const input = metricInputOf(normalized.record, normalized.premiumCostUsd, normalized.tags, score);
      const totals = emptyTotals();
      addToTotals(totals, input);
      for (const key of rollupKeysOf(input)) upsert.run(key.kind, floorHour(input.receivedAt), key.value, ...V4_ROLLUP_COLUMNS.map(([field]) => totals[field]));
    }
  })();
}

/** A v4 file holding the cascade dataset (two batches), closed. */
function v4Database(path: string): void {
  const db = openDatabase(path);
  expect(migrate(db, { target: 4 })).toBe(4);
  expect(db.prepare("SELECT 1 FROM pragma_table_info('request_rollup') WHERE name = 'cascade_requests'").get()).toBeUndefined();
  appendAsV4(db, cascadeItems().slice(0, 5), { c2: 0.5 });
  appendAsV4(db, cascadeItems().slice(5));
  db.close();
}

interface RollupCounts {
  kind: string;
  hour: number;
  value: string;
  requests: number;
  escalations: number;
  cascade_requests: number;
}

function rollupCounts(db: SqliteDatabase): RollupCounts[] {
  return db.prepare('SELECT kind, hour, value, requests, escalations, cascade_requests FROM request_rollup ORDER BY kind, hour, value').all() as RollupCounts[];
}

const rates = (groups: readonly AggregateGroup[]) => groups.map((group) => [group.key, group.cascadeRequests, toMetrics(group).escalation_rate]);

describe('v5: cascade requests in the rollups', () => {
  it('backfills cascade_requests from the stored requests, as the writer would have written them', async () => {
    const path = folder.file('v4-cascades.db');
    v4Database(path);

    const store = await openSqliteStore({ path });
    expect(schemaVersion(store.database)).toBe(LATEST_SCHEMA_VERSION);
    const backfilled = rollupCounts(store.database);
    const row = (kind: string, hour: number, value: string) => backfilled.find((candidate) => candidate.kind === kind && candidate.hour === at(hour, 0) && candidate.value === value);
    // 12:00: c1 passed, c2 escalated, n1; 13:00: c3 exhausted, c4 passed, n2; 14:00: c5 escalated, n3; 15:00: c6 passed, n4.
    expect([0, 1, 2, 3].map((hour) => row('all', hour, ''))).toMatchObject([
      { requests: 3, escalations: 1, cascade_requests: 2 },
      { requests: 3, escalations: 1, cascade_requests: 2 },
      { requests: 2, escalations: 1, cascade_requests: 1 },
      { requests: 2, escalations: 0, cascade_requests: 1 },
    ]);
    expect(row('policy', 1, 'cascade-p')).toMatchObject({ requests: 2, escalations: 1, cascade_requests: 2 });
    expect(row('policy', 1, 'auto')).toMatchObject({ requests: 1, escalations: 0, cascade_requests: 0 });
    expect(row('policy', 3, '')).toMatchObject({ requests: 1, cascade_requests: 0 }); // n4, no policy
    expect(row('tag:team', 0, 'red')).toMatchObject({ requests: 2, escalations: 0, cascade_requests: 1 });
    expect(row('tag:team', 2, 'green')).toMatchObject({ requests: 1, escalations: 0, cascade_requests: 0 });
    expect(row('model', 1, 'strong')).toMatchObject({ requests: 1, escalations: 1, cascade_requests: 1 }); // c3
    expect(row('tier', 0, 'light')).toMatchObject({ requests: 2, escalations: 0, cascade_requests: 1 }); // c1, n1

    // Every row, of every dimension, is what today's writer makes of the same two batches.
    const fresh = await openSqliteStore({ path: ':memory:' });
    await fresh.requests.append(cascadeItems().slice(0, 5));
    await fresh.requests.append(cascadeItems().slice(5));
    expect(backfilled).toEqual(rollupCounts(fresh.database));
    await fresh.close();

    // Whole hours: read from the backfilled rollups alone.
    expect(rates(await store.requests.aggregate({ ...CASCADE_RANGE, groupBy: 'policy' }))).toEqual([
      ['auto', 0, null],
      ['cascade-p', 4, 0.5],
      ['cascade-q', 2, 0.5],
      [null, 0, null],
    ]);
    expect(rates(await store.requests.aggregate({ ...CASCADE_RANGE, groupBy: 'tag', tag: 'team' }))).toEqual([
      ['blue', 2, 0.5],
      ['green', 0, null],
      ['red', 3, 0.333333],
    ]);
    // Batches written after the upgrade add to the same rows.
    await store.requests.append(cascadeItems().map((item) => {
      const { record, tags } = normalizeAppendItem(item);
      return { record: { ...record, requestId: `again-${record.requestId}` }, tags };
    }));
    expect(rates(await store.requests.aggregate({ ...CASCADE_RANGE, groupBy: 'policy' }))).toEqual([
      ['auto', 0, null],
      ['cascade-p', 8, 0.5],
      ['cascade-q', 4, 0.5],
      [null, 0, null],
    ]);
    await store.close();
  });

  it('gives rollups whose requests are gone their escalations as a lower bound', async () => {
    const path = folder.file('v4-purged.db');
    const db = openDatabase(path);
    migrate(db, { target: 4 });
    const request = (requestId: string, hour: number, minute: number, outcome: CascadeRecord['outcome'] | null) =>
      makeRecord({ requestId, receivedAt: at(hour, minute), policy: 'cascade-p', strategy: 'cascade', cascade: outcome === null ? null : cascade(outcome) });
    appendAsV4(db, [
      request('e1', 0, 5, 'escalated'), request('p1', 0, 50, 'passed'),
      request('e2', 1, 5, 'escalated'), request('e3', 1, 10, 'exhausted'), request('p2', 1, 20, 'passed'), request('x', 1, 40, null),
      request('p3', 2, 10, 'passed'), request('e4', 2, 20, 'escalated'),
    ]);
    // A purge to 14:00 that stopped between two of its chunks (oldest first), before dropping any
    // rollup: 12:00 lost every request, 13:00 its two escalations but not the passed cascade.
    db.prepare('DELETE FROM requests WHERE received_at < ?').run(at(1, 15));
    db.close();

    const store = await openSqliteStore({ path });
    const all = rollupCounts(store.database).filter((row) => row.kind === 'all');
    expect(all.map((row) => [row.hour, row.escalations, row.cascade_requests])).toEqual([
      [at(0, 0), 1, 1], // really 2 cascades: only the escalation is known
      [at(1, 0), 2, 2], // really 3: p2 alone recounts 1, below the 2 escalations
      [at(2, 0), 1, 2], // whole: recounted
    ]);
    const [day] = await store.requests.aggregate({ from: NOON, to: at(3, 0), groupBy: 'day' });
    expect(day).toMatchObject({ cascadeRequests: 5, escalations: 4 });
    expect(toMetrics(sumTotals(day === undefined ? [] : [day])).escalation_rate).toBe(0.8); // reads high (4 of 7), never above 1
    await store.close();
  });
});
