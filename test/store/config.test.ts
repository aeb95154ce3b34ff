import { afterAll, describe, expect, it } from 'vitest';
import { mostExpensivePrice, premiumCostUsd } from '../../src/store/counterfactual.ts';
import { openConfiguredStore, StoreConfigSchema } from '../../src/store/config.ts';
import { makeRecord, tempFolder } from './fixtures/records.ts';

const folder = tempFolder();
afterAll(() => folder.remove());

describe('store config', () => {
  it('defaults to a SQLite store that keeps prompts and flushes every 200 ms or 500 records', () => {
    expect(StoreConfigSchema.parse(undefined)).toEqual({ driver: 'sqlite', path: './data/rung.db', keep_prompts: true, max_requests: 100_000, flush_interval_ms: 200, max_batch: 500 });
    expect(() => StoreConfigSchema.parse({ driver: 'sqlite', retention_days: 0 })).toThrow();
    expect(() => StoreConfigSchema.parse({ unknown: 1 })).toThrow();
  });

  it('opens the configured driver', async () => {
    const path = folder.file('nested/dir/rung.db');
    const sqlite = await openConfiguredStore(StoreConfigSchema.parse({ driver: 'sqlite', path, retention_days: 30 }));
    expect('database' in sqlite).toBe(true);
    await sqlite.requests.append([makeRecord({ requestId: 'r1', receivedAt: Date.now() })]);
    await sqlite.close();
    const again = await openConfiguredStore(StoreConfigSchema.parse({ driver: 'sqlite', path }));
    expect((await again.requests.get('r1'))?.record.requestId).toBe('r1');
    await again.close();
    const memory = await openConfiguredStore(StoreConfigSchema.parse({ driver: 'memory' }));
    expect('database' in memory).toBe(false);
    await memory.close();
  });

  it('bounds the memory driver by max_requests, dropping the oldest', async () => {
    const memory = await openConfiguredStore(StoreConfigSchema.parse({ driver: 'memory', max_requests: 2 }));
    const now = Date.now();
    await memory.requests.append(['a', 'b', 'c'].map((requestId, index) => makeRecord({ requestId, receivedAt: now + index })));
    expect(await memory.requests.get('a')).toBeNull();
    expect((await memory.requests.get('c'))?.record.requestId).toBe('c');
    expect((await memory.requests.query({ from: now - 1, to: now + 10 })).requests.map((stored) => stored.record.requestId)).toEqual(['c', 'b']);
    await memory.close();
    expect(() => StoreConfigSchema.parse({ driver: 'memory', max_requests: 0 })).toThrow();
  });
});

describe('premium counterfactual', () => {
  const usage = { promptTokens: 2_000, completionTokens: 500, totalTokens: 2_500 };

  it('picks the most expensive price on a 3:1 input:output mix', () => {
    const price = mostExpensivePrice([
      { price: { input_per_mtok: 1, output_per_mtok: 100 } },
      { price: { input_per_mtok: 40, output_per_mtok: 10 } },
      { price: { input_per_mtok: 3, output_per_mtok: 15 } },
    ]);
    expect(price).toEqual({ input_per_mtok: 40, output_per_mtok: 10 });
    expect(mostExpensivePrice([])).toBeUndefined();
  });

  it('prices direct requests at the premium price, never below their reference, and keeps a policy reference', () => {
    const price = { input_per_mtok: 10, output_per_mtok: 40 };
    const direct = makeRecord({ requestId: 'd', routeKind: 'deployment', policy: null, usage, referenceCostUsd: 0.001 });
    expect(premiumCostUsd(direct, price)).toBeCloseTo(0.04, 12);
    expect(premiumCostUsd({ ...direct, referenceCostUsd: 0.5 }, price)).toBe(0.5);
    expect(premiumCostUsd(direct, undefined)).toBe(0.001);
    expect(premiumCostUsd({ ...direct, usage: null }, price)).toBe(0.001);
    expect(premiumCostUsd(makeRecord({ requestId: 'p', usage, referenceCostUsd: 0.02 }), price)).toBe(0.02);
  });
});
