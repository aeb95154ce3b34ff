import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { ManualClock } from '../../src/resilience/clock.ts';
import { createMemoryStore } from '../../src/store/memory/create-memory-store.ts';
import { openSqliteStore } from '../../src/store/sqlite/open-sqlite-store.ts';
import type { Store } from '../../src/store/types.ts';
import { HOUR, makeRecord, NOON, tempFolder } from './fixtures/records.ts';

const DAY = 24 * HOUR;
/** How long to wait for the background purge at most; not a measurement. */
const WAIT = { timeout: 10_000 };
const folder = tempFolder();
afterAll(() => folder.remove());
afterEach(() => {
  vi.useRealTimers();
});

const storedIds = async (store: Store) => (await store.requests.query({ limit: 1000 })).requests.map((request) => request.record.requestId).sort();

describe('retention', () => {
  it('purges requests older than retentionDays when the SQLite store opens', async () => {
    const path = folder.file('on-open.db');
    const clock = new ManualClock(NOON);
    const writer = await openSqliteStore({ path, clock });
    await writer.requests.append([
      makeRecord({ requestId: 'ancient', receivedAt: NOON - 40 * DAY }),
      makeRecord({ requestId: 'recent', receivedAt: NOON - 2 * DAY }),
    ]);
    await writer.outcomes.recordFeedback({ requestId: 'ancient', score: 1, at: NOON - 40 * DAY });
    await writer.close();

    const store = await openSqliteStore({ path, clock, retentionDays: 30 });
    expect(await storedIds(store)).toEqual(['recent']);
    expect(await store.outcomes.getFeedback('ancient')).toBeNull();
    await store.close();
  });

  it.each([
    ['sqlite', (clock: ManualClock) => openSqliteStore({ path: folder.file('daily.db'), clock, retentionDays: 30 })],
    ['memory', (clock: ManualClock) => Promise.resolve(createMemoryStore({ clock, retentionDays: 30 }))],
  ])('purges again every day on a timer (%s)', async (_name, open) => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const clock = new ManualClock(NOON);
    const store = await open(clock);
    await store.requests.append([
      makeRecord({ requestId: 'ages-out', receivedAt: NOON - 29.5 * DAY }),
      makeRecord({ requestId: 'stays', receivedAt: NOON - 10 * DAY }),
    ]);
    clock.advance(DAY);
    await vi.advanceTimersByTimeAsync(DAY);
    await vi.waitFor(async () => expect(await storedIds(store)).toEqual(['stays']), WAIT);
    await store.close();
  });

  it('purges in chunks when there are many requests to delete', async () => {
    const clock = new ManualClock(NOON);
    const store = await openSqliteStore({ path: folder.file('chunks.db'), clock });
    const old = Array.from({ length: 12_001 }, (_, index) => makeRecord({ requestId: `old-${index}`, receivedAt: NOON - 40 * DAY + index }));
    await store.requests.append(old);
    await store.requests.append([makeRecord({ requestId: 'new' })]);
    expect(await store.requests.purgeBefore(NOON - 30 * DAY)).toBe(12_001);
    expect(await storedIds(store)).toEqual(['new']);
    await store.close();
  });

  it('refuses a retention of zero days', async () => {
    await expect(openSqliteStore({ path: ':memory:', retentionDays: 0 })).rejects.toThrow(/retentionDays/);
    expect(() => createMemoryStore({ retentionDays: -1 })).toThrow(/retentionDays/);
  });
});
