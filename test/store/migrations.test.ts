import { afterAll, describe, expect, it } from 'vitest';
import { RungError } from '../../src/errors/rung-error.ts';
import { openDatabase } from '../../src/store/sqlite/database.ts';
import { migrate, schemaVersion } from '../../src/store/sqlite/migrate.ts';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../src/store/sqlite/migrations/index.ts';
import { openSqliteStore } from '../../src/store/sqlite/open-sqlite-store.ts';
import { NOON, tempFolder } from './fixtures/records.ts';

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
