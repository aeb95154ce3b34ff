import { afterAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/resilience/clock.ts';
import { SqliteBudgetStore } from '../../src/store/sqlite/budget-ledger.ts';
import { openDatabase } from '../../src/store/sqlite/database.ts';
import { migrate } from '../../src/store/sqlite/migrate.ts';
import { openSqliteStore } from '../../src/store/sqlite/open-sqlite-store.ts';
import { runBudgetStoreContract } from '../budgets/store-contract.ts';
import { NOON, tempFolder } from './fixtures/records.ts';

const folder = tempFolder();
afterAll(() => folder.remove());

function ledgerOn(path: string, clock: ManualClock, reservationTtlMs: number): SqliteBudgetStore {
  const db = openDatabase(path);
  migrate(db);
  return new SqliteBudgetStore(db, { clock, reservationTtlMs });
}

runBudgetStoreContract('SqliteBudgetStore', ({ clock, reservationTtlMs }) => ledgerOn(':memory:', clock, reservationTtlMs));

const TODAY = 'day:2024-05-17';
const line = (id: string, limitUsd: number) => ({ id, periodKey: TODAY, limitUsd });

describe('SqliteBudgetStore', () => {
  it('keeps spend and live holds across a restart; a hold of the dead process expires by its TTL', async () => {
    const path = folder.file('restart.db');
    const clock = new ManualClock(NOON);
    const before = await openSqliteStore({ path, clock, reservationTtlMs: 60_000 });
    await before.budgets.reserve([line('a', 10), line('b', 5)], 2, 'done');
    await before.budgets.settle('done', 1.25);
    await before.budgets.reserve([line('a', 10), line('b', 5)], 3, 'orphan');
    await before.budgets.reserve([line('a', 10)], 1, 'slow');
    await before.close();

    const after = await openSqliteStore({ path, clock, reservationTtlMs: 60_000 });
    expect(await after.budgets.usage('a', TODAY)).toEqual({ spentUsd: 1.25, reservedUsd: 4 });
    expect(await after.budgets.usage('b', TODAY)).toEqual({ spentUsd: 1.25, reservedUsd: 3 });
    expect((await after.budgets.reserve([line('b', 5)], 1, 'no-room')).ok).toBe(false);
    clock.advance(60_000);
    expect(await after.budgets.usage('b', TODAY)).toEqual({ spentUsd: 1.25, reservedUsd: 0 });
    // Settled within a further TTL, the expired hold's cost is still charged, once.
    expect(await after.budgets.settle('slow', 0.5)).toBe('late');
    expect(await after.budgets.usage('a', TODAY)).toEqual({ spentUsd: 1.75, reservedUsd: 0 });
    await after.close();
  });

  it('admits exactly what fits when two connections reserve on the same file', async () => {
    const path = folder.file('two-connections.db');
    const clock = new ManualClock(NOON);
    const one = ledgerOn(path, clock, 60_000);
    const two = ledgerOn(path, clock, 60_000);
    const results = [];
    for (let index = 0; index < 30; index++) {
      const store = index % 2 === 0 ? one : two;
      results.push(await store.reserve([line('shared', 1), line(`own-${index % 3}`, 10)], 0.1, `r${index}`));
    }
    expect(results.filter((result) => result.ok)).toHaveLength(10);
    expect(await two.usage('shared', TODAY)).toEqual({ spentUsd: 0, reservedUsd: 1 });
    expect(await one.settle('r3', 0.05)).toBe('settled');
    expect(await two.usage('shared', TODAY)).toEqual({ spentUsd: 0.05, reservedUsd: 0.9 });
  });

  it('refuses a line given twice instead of holding it twice', async () => {
    const store = ledgerOn(':memory:', new ManualClock(NOON), 60_000);
    await expect(store.reserve([line('a', 10), line('a', 10)], 1, 'r1')).rejects.toThrow(/given twice/);
    expect(await store.usage('a', TODAY)).toEqual({ spentUsd: 0, reservedUsd: 0 });
  });
});
