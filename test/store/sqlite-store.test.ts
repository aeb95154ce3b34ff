import { afterAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/resilience/clock.ts';
import { openSqliteStore } from '../../src/store/sqlite/open-sqlite-store.ts';
import { makeRecord, NOON, richRecord, tempFolder } from './fixtures/records.ts';
import { runStoreContract } from './store-contract.ts';

const folder = tempFolder();
afterAll(() => folder.remove());
let counter = 0;

runStoreContract('sqlite', ({ clock }) => openSqliteStore({ path: folder.file(`contract-${counter++}.db`), clock }));
runStoreContract('sqlite in memory', ({ clock }) => openSqliteStore({ path: ':memory:', clock }));

describe('sqlite store', () => {
  it('uses WAL and keeps requests, feedback, models and budgets across a reopen', async () => {
    const path = folder.file('reopen.db');
    const clock = new ManualClock(NOON);
    const first = await openSqliteStore({ path, clock });
    expect(first.database.pragma('journal_mode', { simple: true })).toBe('wal');
    await first.requests.append([{ record: richRecord('r1'), promptText: 'text', tags: { team: 'red' } }]);
    await first.outcomes.recordFeedback({ requestId: 'r1', score: 0.5, at: NOON });
    await first.models.register({ version: 'v1', dir: 'models/v1', manifestSha: 'abc', metrics: { auc: 0.7 }, createdAt: NOON });
    await first.models.setActive('v1');
    await first.budgets.reserve([{ id: 'team', periodKey: 'day:2024-05-17', limitUsd: 10 }], 2, 'spent');
    await first.budgets.settle('spent', 1.5);
    await first.budgets.reserve([{ id: 'team', periodKey: 'day:2024-05-17', limitUsd: 10 }], 3, 'in-flight');
    await first.close();

    const second = await openSqliteStore({ path, clock });
    expect((await second.requests.get('r1'))?.record).toEqual(richRecord('r1'));
    expect((await second.outcomes.labelledOutcomes())[0]?.promptText).toBe('text');
    expect((await second.models.active())?.version).toBe('v1');
    expect(await second.budgets.usage('team', 'day:2024-05-17')).toEqual({ spentUsd: 1.5, reservedUsd: 3 });
    const [team] = await second.requests.aggregate({ from: NOON, to: NOON + 1, groupBy: 'tag', tag: 'team' });
    expect(team).toMatchObject({ key: 'red', requests: 1, feedbackSum: 0.5, feedbackCount: 1 });
    await second.close();
  });

  it('rolls back a whole batch when one record breaks a constraint', async () => {
    const store = await openSqliteStore({ path: ':memory:' });
    const broken = { ...makeRecord({ requestId: 'broken' }), requested: null } as unknown as ReturnType<typeof makeRecord>;
    await expect(store.requests.append([makeRecord({ requestId: 'good' }), broken])).rejects.toThrow(/NOT NULL/);
    expect(await store.requests.get('good')).toBeNull();
    expect(await store.requests.aggregate({ from: 0, to: NOON * 2, groupBy: 'day' })).toEqual([]);
    await store.close();
  });

  it('stores attempts and the cascade as JSON without repeated key names', async () => {
    const store = await openSqliteStore({ path: ':memory:' });
    await store.requests.append([richRecord('r1')]);
    const row = store.database.prepare("SELECT attempts, cascade FROM requests WHERE request_id = 'r1'").get() as { attempts: string; cascade: string };
    expect(row.attempts.startsWith('[["flaky","anthropic","claude-x",1,30.5,"error",1,"rate_limited",')).toBe(true);
    expect(row.attempts).not.toMatch(/"deployment"|"latencyMs"/);
    expect(row.cascade).not.toMatch(/"validator"|"verdicts"/);
    await store.close();
  });
});
