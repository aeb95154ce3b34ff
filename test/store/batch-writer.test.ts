import { afterEach, describe, expect, it, vi } from 'vitest';
import { BatchingRecordSink } from '../../src/store/batch-writer.ts';
import { createMemoryStore } from '../../src/store/memory/create-memory-store.ts';
import { openSqliteStore } from '../../src/store/sqlite/open-sqlite-store.ts';
import type { AppendItem, RequestLogStore, Store } from '../../src/store/types.ts';
import { makeRecord, NOON } from './fixtures/records.ts';

const stores: Store[] = [];
afterEach(async () => {
  await Promise.all(stores.splice(0).map((store) => store.close()));
});

/** A real SQLite request log, with the size of each append call noted. */
async function countedLog(failFirst = 0): Promise<{ log: Pick<RequestLogStore, 'append'>; batches: number[]; store: Store }> {
  const store = await openSqliteStore({ path: ':memory:' });
  stores.push(store);
  const batches: number[] = [];
  let failures = failFirst;
  const log = {
    append: async (items: readonly AppendItem[]) => {
      if (failures > 0) {
        failures--;
        throw new Error('database is locked');
      }
      await store.requests.append(items);
      batches.push(items.length);
    },
  };
  return { log, batches, store };
}

const count = async (store: Store) => (await store.requests.query({ limit: 1000 })).requests.length;
/** How long to wait for a background flush at most; not a measurement. */
const WAIT = { timeout: 10_000 };
const turn = () => new Promise<void>((resolve) => setImmediate(resolve));
const records = (from: number, to: number) => Array.from({ length: to - from }, (_, index) => makeRecord({ requestId: `r${from + index}`, receivedAt: NOON + from + index }));

describe('BatchingRecordSink', () => {
  it('does no I/O in write(): records reach the store only on a flush', async () => {
    const { log, batches, store } = await countedLog();
    const sink = new BatchingRecordSink(log, { flushIntervalMs: 3_600_000, maxBatch: 10 });
    for (const record of records(0, 3)) sink.write(record);
    expect(batches).toEqual([]);
    expect(sink.stats()).toMatchObject({ written: 3, committed: 0, buffered: 3 });
    await sink.flush();
    expect(batches).toEqual([3]);
    expect(await count(store)).toBe(3);
    await sink.close();
  });

  it('flushes a full batch on the next turn, one append per maxBatch records', async () => {
    const { log, batches } = await countedLog();
    const flushed: number[] = [];
    const sink = new BatchingRecordSink(log, { flushIntervalMs: 3_600_000, maxBatch: 4, onFlush: (size) => flushed.push(size) });
    for (const record of records(0, 9)) sink.write(record);
    await vi.waitFor(() => expect(batches).toEqual([4, 4]), WAIT);
    // The partial ninth waits for the timer (an hour here) or for close().
    await turn();
    expect(sink.stats().buffered).toBe(1);
    await sink.close();
    expect(batches).toEqual([4, 4, 1]);
    expect(flushed).toEqual([4, 4, 1]);
  });

  it('flushes a partial batch when the interval passes', async () => {
    const { log, store } = await countedLog();
    const sink = new BatchingRecordSink(log, { flushIntervalMs: 5, maxBatch: 500 });
    sink.write(makeRecord({ requestId: 'lonely' }));
    await vi.waitFor(async () => expect((await store.requests.get('lonely'))?.record.requestId).toBe('lonely'), WAIT);
    await sink.close();
  });

  it('flushes everything on close, in batches, then drops later writes', async () => {
    const { log, batches, store } = await countedLog();
    const sink = new BatchingRecordSink(log, { flushIntervalMs: 3_600_000, maxBatch: 500 });
    for (const record of records(0, 1_200)) sink.write(record);
    await sink.close();
    expect(batches.reduce((sum, size) => sum + size, 0)).toBe(1_200);
    expect(Math.max(...batches)).toBe(500);
    expect((await store.requests.aggregate({ from: 0, to: NOON * 2, groupBy: 'day' }))[0]?.requests).toBe(1_200);
    sink.write(makeRecord({ requestId: 'too-late' }));
    expect(sink.stats()).toMatchObject({ written: 1_200, committed: 1_200, dropped: 1, buffered: 0 });
  });

  it('keeps a failed batch, reports it, and stores it on the next try', async () => {
    const { log, store } = await countedLog(1);
    const errors: unknown[] = [];
    const sink = new BatchingRecordSink(log, { flushIntervalMs: 5, maxBatch: 2, onError: (error) => errors.push(error) });
    for (const record of records(0, 3)) sink.write(record);
    await vi.waitFor(async () => expect(await count(store)).toBe(3), WAIT);
    expect(errors).toHaveLength(1);
    expect(sink.stats()).toMatchObject({ failedFlushes: 1, committed: 3, dropped: 0 });
    await sink.close();
  });

  it('drops the oldest records beyond maxBuffered while the store keeps failing', async () => {
    const { log, store } = await countedLog(Number.POSITIVE_INFINITY);
    const sink = new BatchingRecordSink(log, { flushIntervalMs: 3_600_000, maxBatch: 2, maxBuffered: 4, onError: () => undefined });
    for (const record of records(0, 7)) sink.write(record);
    expect(sink.stats()).toMatchObject({ dropped: 3, buffered: 4 });
    await expect(sink.close()).rejects.toThrow(/locked/);
    expect(await count(store)).toBe(0);
  });

  it('adds prompts (unless keepPrompts is off), tags and the premium counterfactual', async () => {
    const store = createMemoryStore();
    stores.push(store);
    const premiumPrice = { input_per_mtok: 10, output_per_mtok: 30 };
    const direct = makeRecord({ requestId: 'direct', routeKind: 'deployment', policy: null, usage: { promptTokens: 1_000, completionTokens: 100, totalTokens: 1_100 }, referenceCostUsd: 0.002 });
    const routed = makeRecord({ requestId: 'routed', referenceCostUsd: 0.02 });
    const keeping = new BatchingRecordSink(store.requests, { premiumPrice });
    keeping.write(direct, { promptText: 'kept', tags: { team: 'red' } });
    keeping.write(routed);
    await keeping.close();
    // 1,000 × $10/M + 100 × $30/M = $0.013; a policy's reference already is its top model.
    expect((await store.requests.get('direct'))?.premiumCostUsd).toBeCloseTo(0.013, 12);
    expect((await store.requests.get('direct'))?.tags).toEqual({ team: 'red' });
    expect((await store.requests.get('routed'))?.premiumCostUsd).toBe(0.02);

    const dropping = new BatchingRecordSink(store.requests, { keepPrompts: false });
    dropping.write({ ...direct, requestId: 'private', cascade: richCascade() }, { promptText: 'secret' });
    await dropping.close();
    await store.outcomes.recordFeedback({ requestId: 'direct', score: 1, at: NOON });
    const texts = Object.fromEntries((await store.outcomes.labelledOutcomes()).map((outcome) => [outcome.requestId, outcome.promptText]));
    expect(texts).toEqual({ direct: 'kept', private: null });
  });
});

function richCascade() {
  return { outcome: 'passed' as const, answerStep: 1, steps: [], totalCostUsd: 0, topDeployment: 'strong', savedVsTopUsd: 0 };
}
