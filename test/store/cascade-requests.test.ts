// cascadeRequests (the escalation rate's denominator) in both stores: the memory store counts it from
// the records at query time, SQLite from its hourly rollups plus the raw rows of partial hours, so
// both are read over whole hours and over a range that cuts hours, for every grouping.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sumTotals, toMetrics } from '../../src/analytics/metrics-view.ts';
import { createMemoryStore } from '../../src/store/memory/create-memory-store.ts';
import { openSqliteStore } from '../../src/store/sqlite/open-sqlite-store.ts';
import { GROUP_BY, type AggregateGroup, type AggregateQuery, type Store } from '../../src/store/types.ts';
import { at, CASCADE_RANGE, cascadeItems } from './fixtures/cascades.ts';

let memory: Store;
let sqlite: Store;

beforeAll(async () => {
  memory = createMemoryStore();
  sqlite = await openSqliteStore({ path: ':memory:' });
  // Two batches, so the SQLite rollups are summed across appends too.
  for (const store of [memory, sqlite]) {
    await store.requests.append(cascadeItems().slice(0, 5));
    await store.requests.append(cascadeItems().slice(5));
  }
});
afterAll(async () => {
  await memory.close();
  await sqlite.close();
});

/** What the escalation rate depends on, per group key. */
function cascadeFigures(groups: readonly AggregateGroup[]) {
  return groups.map((group) => ({
    key: group.key,
    requests: group.requests,
    cascadeRequests: group.cascadeRequests,
    escalations: group.escalations,
    escalationRate: toMetrics(group).escalation_rate,
  }));
}

const queries = (range: { from: number; to: number }): AggregateQuery[] =>
  GROUP_BY.map((groupBy) => (groupBy === 'tag' ? { ...range, groupBy, tag: 'team' } : { ...range, groupBy }));

describe('cascade requests: memory and SQLite agree', () => {
  for (const [name, range] of [
    ['whole hours', CASCADE_RANGE],
    ['a range that cuts hours', { from: at(0, 10), to: at(3, 20) }],
  ] as const) {
    it(`for every grouping over ${name}`, async () => {
      for (const query of queries(range)) {
        const fromMemory = cascadeFigures(await memory.requests.aggregate(query));
        expect(fromMemory.length, query.groupBy).toBeGreaterThan(0);
        expect(cascadeFigures(await sqlite.requests.aggregate(query)), query.groupBy).toEqual(fromMemory);
      }
    });
  }

  it('counts cascade requests of any outcome and divides escalations by them', async () => {
    for (const store of [memory, sqlite]) {
      const policies = cascadeFigures(await store.requests.aggregate({ ...CASCADE_RANGE, groupBy: 'policy' }));
      expect(policies).toEqual([
        { key: 'auto', requests: 3, cascadeRequests: 0, escalations: 0, escalationRate: null },
        { key: 'cascade-p', requests: 4, cascadeRequests: 4, escalations: 2, escalationRate: 0.5 },
        { key: 'cascade-q', requests: 2, cascadeRequests: 2, escalations: 1, escalationRate: 0.5 },
        { key: null, requests: 1, cascadeRequests: 0, escalations: 0, escalationRate: null },
      ]);
      const teams = cascadeFigures(await store.requests.aggregate({ ...CASCADE_RANGE, groupBy: 'tag', tag: 'team' }));
      expect(teams).toEqual([
        { key: 'blue', requests: 3, cascadeRequests: 2, escalations: 1, escalationRate: 0.5 },
        { key: 'green', requests: 1, cascadeRequests: 0, escalations: 0, escalationRate: null },
        { key: 'red', requests: 4, cascadeRequests: 3, escalations: 1, escalationRate: 0.333333 },
      ]);
      const total = toMetrics(sumTotals(await store.requests.aggregate({ ...CASCADE_RANGE, groupBy: 'day' })));
      expect(total).toMatchObject({ requests: 10, escalation_rate: 0.5 }); // c2, c3, c5 of six cascades
    }
  });

  it('cuts hours exactly: only the cascades inside the range count', async () => {
    // [12:10, 15:20) leaves out c1 (12:05, passed) and n4, keeps c6 (15:10, passed).
    for (const store of [memory, sqlite]) {
      const [day] = await store.requests.aggregate({ from: at(0, 10), to: at(3, 20), groupBy: 'day' });
      expect(day).toMatchObject({ requests: 8, cascadeRequests: 5, escalations: 3 });
    }
  });
});
