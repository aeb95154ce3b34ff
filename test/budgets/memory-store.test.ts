import { describe, expect, it } from 'vitest';
import { MemoryBudgetStore } from '../../src/budgets/memory-store.ts';
import { BUDGET_DEFAULTS } from '../../src/config/budget-schema.ts';
import { ManualClock } from '../../src/resilience/clock.ts';
import { runBudgetStoreContract } from './store-contract.ts';

runBudgetStoreContract('MemoryBudgetStore', ({ clock, reservationTtlMs }) => new MemoryBudgetStore({ clock, reservationTtlMs }));

describe('MemoryBudgetStore', () => {
  const line = { id: 'a', periodKey: 'day:2024-05-17', limitUsd: 10 };

  it('expires reservations after 10 minutes by default', async () => {
    expect(BUDGET_DEFAULTS.reservationTtlMs).toBe(600_000);
    const clock = new ManualClock();
    const store = new MemoryBudgetStore({ clock });
    await store.reserve([line], 1, 'r1');
    clock.advance(599_999);
    expect((await store.usage('a', line.periodKey)).reservedUsd).toBe(1);
    clock.advance(1);
    expect((await store.usage('a', line.periodKey)).reservedUsd).toBe(0);
  });

  it('refuses a line given twice instead of holding it twice', async () => {
    const store = new MemoryBudgetStore({ clock: new ManualClock() });
    await expect(store.reserve([line, line], 1, 'r1')).rejects.toThrow(/given twice/);
    expect((await store.usage('a', line.periodKey)).reservedUsd).toBe(0);
  });

  it('refuses a non-positive TTL', () => {
    expect(() => new MemoryBudgetStore({ reservationTtlMs: 0 })).toThrow(/reservationTtlMs/);
  });

  it('lets a reused id start afresh after its old reservation expired, without a double charge', async () => {
    const clock = new ManualClock();
    const store = new MemoryBudgetStore({ clock, reservationTtlMs: 1_000 });
    await store.reserve([line], 2, 'r1');
    clock.advance(1_000);
    await store.reserve([line], 3, 'r1');
    expect(await store.settle('r1', 1)).toBe('settled');
    expect(await store.settle('r1', 1)).toBe('unknown');
    expect(await store.usage('a', line.periodKey)).toEqual({ spentUsd: 1, reservedUsd: 0 });
  });
});
