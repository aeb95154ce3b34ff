// The behaviour every BudgetLedgerStore must show (see src/budgets/ledger-store.ts). A store's
// test file calls `runBudgetStoreContract('name', makeStore)`; the memory store runs it now, the
// SQLite and shared stores will run it unchanged. `makeStore` gets a ManualClock the store must
// read time from, and the reservation TTL to use.
import { describe, expect, it } from 'vitest';
import type { BudgetLedgerRef, BudgetLedgerStore } from '../../src/budgets/ledger-store.ts';
import { ManualClock } from '../../src/resilience/clock.ts';

export interface StoreContractContext {
  clock: ManualClock;
  reservationTtlMs: number;
}

export type MakeStore = (context: StoreContractContext) => BudgetLedgerStore | Promise<BudgetLedgerStore>;

const TTL_MS = 60_000;
const TODAY = 'day:2024-05-17';
const TOMORROW = 'day:2024-05-18';

const line = (id: string, limitUsd: number, periodKey = TODAY): BudgetLedgerRef => ({ id, periodKey, limitUsd });

export function runBudgetStoreContract(name: string, makeStore: MakeStore): void {
  describe(`BudgetLedgerStore contract: ${name}`, () => {
    const setup = async () => {
      const clock = new ManualClock(Date.UTC(2024, 4, 17, 12));
      const store = await makeStore({ clock, reservationTtlMs: TTL_MS });
      return { clock, store };
    };

    it('starts every line at zero', async () => {
      const { store } = await setup();
      expect(await store.usage('never-used', TODAY)).toEqual({ spentUsd: 0, reservedUsd: 0 });
    });

    it('holds the amount on every given line', async () => {
      const { store } = await setup();
      expect(await store.reserve([line('a', 10), line('b', 5)], 2, 'r1')).toEqual({ ok: true });
      expect(await store.usage('a', TODAY)).toEqual({ spentUsd: 0, reservedUsd: 2 });
      expect(await store.usage('b', TODAY)).toEqual({ spentUsd: 0, reservedUsd: 2 });
    });

    it('is all or nothing: a line without room means nothing is held anywhere', async () => {
      const { store } = await setup();
      await store.reserve([line('small', 1)], 0.75, 'fill');
      const result = await store.reserve([line('big', 100), line('small', 1), line('other', 100)], 0.5, 'r2');
      expect(result).toEqual({ ok: false, refused: line('small', 1), usage: { spentUsd: 0, reservedUsd: 0.75 } });
      expect(await store.usage('big', TODAY)).toEqual({ spentUsd: 0, reservedUsd: 0 });
      expect(await store.usage('other', TODAY)).toEqual({ spentUsd: 0, reservedUsd: 0 });
      expect(await store.usage('small', TODAY)).toEqual({ spentUsd: 0, reservedUsd: 0.75 });
      // The refused id was not recorded: settling it changes nothing.
      expect(await store.settle('r2', 0.5)).toBe('unknown');
      expect(await store.usage('big', TODAY)).toEqual({ spentUsd: 0, reservedUsd: 0 });
    });

    it('names the first line without room, in the order given', async () => {
      const { store } = await setup();
      await store.reserve([line('x', 1), line('y', 1)], 1, 'fill');
      const result = await store.reserve([line('y', 1), line('x', 1)], 0.1, 'r');
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.refused.id).toBe('y');
    });

    it('refuses when spent + reserved + amount passes the limit, and admits an exact fit', async () => {
      const { store } = await setup();
      await store.reserve([line('a', 1)], 0.5, 'spent');
      await store.settle('spent', 0.5);
      await store.reserve([line('a', 1)], 0.3, 'held');
      expect((await store.reserve([line('a', 1)], 0.3, 'too-much')).ok).toBe(false);
      expect((await store.reserve([line('a', 1)], 0.2, 'exact')).ok).toBe(true);
      expect(await store.usage('a', TODAY)).toEqual({ spentUsd: 0.5, reservedUsd: 0.5 });
      expect((await store.reserve([line('a', 1)], 0.000_000_001, 'one-nano')).ok).toBe(false);
    });

    it('counts exactly: 0.1 + 0.2 fits a 0.3 limit and releasing leaves exactly zero', async () => {
      const { store } = await setup();
      expect((await store.reserve([line('a', 0.3)], 0.1, 'r1')).ok).toBe(true);
      expect((await store.reserve([line('a', 0.3)], 0.2, 'r2')).ok).toBe(true);
      await store.release('r1');
      await store.release('r2');
      expect(await store.usage('a', TODAY)).toEqual({ spentUsd: 0, reservedUsd: 0 });
    });

    it('checks against the limit passed now, so config changes apply at once', async () => {
      const { store } = await setup();
      await store.reserve([line('a', 10)], 4, 'r1');
      expect((await store.reserve([line('a', 5)], 2, 'r2')).ok).toBe(false);
      expect((await store.reserve([line('a', 6)], 2, 'r3')).ok).toBe(true);
    });

    it('settles below the estimate: the hold goes, the actual cost is spent on every line', async () => {
      const { store } = await setup();
      await store.reserve([line('a', 10), line('b', 10)], 3, 'r1');
      expect(await store.settle('r1', 1.25)).toBe('settled');
      expect(await store.usage('a', TODAY)).toEqual({ spentUsd: 1.25, reservedUsd: 0 });
      expect(await store.usage('b', TODAY)).toEqual({ spentUsd: 1.25, reservedUsd: 0 });
    });

    it('settles above the estimate, even past the limit, and then refuses new holds', async () => {
      const { store } = await setup();
      await store.reserve([line('a', 1)], 0.9, 'r1');
      expect(await store.settle('r1', 1.4)).toBe('settled');
      expect(await store.usage('a', TODAY)).toEqual({ spentUsd: 1.4, reservedUsd: 0 });
      expect((await store.reserve([line('a', 1)], 0, 'zero')).ok).toBe(false);
    });

    it('releases without spending', async () => {
      const { store } = await setup();
      await store.reserve([line('a', 10)], 3, 'r1');
      expect(await store.release('r1')).toBe('settled');
      expect(await store.usage('a', TODAY)).toEqual({ spentUsd: 0, reservedUsd: 0 });
    });

    it('finishes a reservation once: repeated settle or release changes nothing', async () => {
      const { store } = await setup();
      await store.reserve([line('a', 10)], 3, 'r1');
      await store.settle('r1', 2);
      expect(await store.settle('r1', 2)).toBe('unknown');
      expect(await store.release('r1')).toBe('unknown');
      await store.reserve([line('a', 10)], 3, 'r2');
      await store.release('r2');
      expect(await store.settle('r2', 5)).toBe('unknown');
      expect(await store.usage('a', TODAY)).toEqual({ spentUsd: 2, reservedUsd: 0 });
    });

    it('treats an unknown id as a no-op', async () => {
      const { store } = await setup();
      expect(await store.settle('nobody', 1)).toBe('unknown');
      expect(await store.release('nobody')).toBe('unknown');
    });

    it('succeeds without a second hold when a live reservation id is reserved again', async () => {
      const { store } = await setup();
      await store.reserve([line('a', 10)], 3, 'r1');
      expect(await store.reserve([line('a', 10)], 3, 'r1')).toEqual({ ok: true });
      expect(await store.usage('a', TODAY)).toEqual({ spentUsd: 0, reservedUsd: 3 });
    });

    it('expires a reservation left unfinished for the TTL', async () => {
      const { clock, store } = await setup();
      await store.reserve([line('a', 4)], 3, 'crashed');
      clock.advance(TTL_MS - 1);
      expect(await store.usage('a', TODAY)).toEqual({ spentUsd: 0, reservedUsd: 3 });
      expect((await store.reserve([line('a', 4)], 3, 'blocked')).ok).toBe(false);
      clock.advance(1);
      expect(await store.usage('a', TODAY)).toEqual({ spentUsd: 0, reservedUsd: 0 });
      expect((await store.reserve([line('a', 4)], 3, 'after')).ok).toBe(true);
    });

    it('still records the cost of a late settle, once, on the period it was reserved in', async () => {
      const { clock, store } = await setup();
      await store.reserve([line('a', 10), line('m', 100, 'month:2024-05')], 3, 'slow');
      clock.advance(TTL_MS + 1);
      expect(await store.settle('slow', 2.5)).toBe('late');
      expect(await store.settle('slow', 2.5)).toBe('unknown');
      expect(await store.usage('a', TODAY)).toEqual({ spentUsd: 2.5, reservedUsd: 0 });
      expect(await store.usage('m', 'month:2024-05')).toEqual({ spentUsd: 2.5, reservedUsd: 0 });
    });

    it('forgets an expired reservation a further TTL later', async () => {
      const { clock, store } = await setup();
      await store.reserve([line('a', 10)], 3, 'lost');
      clock.advance(2 * TTL_MS);
      expect(await store.settle('lost', 2)).toBe('unknown');
      expect(await store.usage('a', TODAY)).toEqual({ spentUsd: 0, reservedUsd: 0 });
    });

    it('keeps periods and budgets apart', async () => {
      const { store } = await setup();
      await store.reserve([line('a', 1)], 1, 'today');
      await store.settle('today', 1);
      expect((await store.reserve([line('a', 1, TOMORROW)], 1, 'tomorrow')).ok).toBe(true);
      expect((await store.reserve([line('b', 1)], 1, 'other-budget')).ok).toBe(true);
      expect(await store.usage('a', TODAY)).toEqual({ spentUsd: 1, reservedUsd: 0 });
      expect(await store.usage('a', TOMORROW)).toEqual({ spentUsd: 0, reservedUsd: 1 });
      expect(await store.usage('b', TODAY)).toEqual({ spentUsd: 0, reservedUsd: 1 });
    });

    it('admits exactly as many simultaneous reservations as fit', async () => {
      const { store } = await setup();
      const results = await Promise.all(
        Array.from({ length: 50 }, (_, index) => store.reserve([line('shared', 1), line(`own-${index % 3}`, 0.5)], 0.1, `r${index}`)),
      );
      // 'shared' fits 10 holds of 0.1; each 'own-n' line would fit 5, so 'shared' binds.
      expect(results.filter((result) => result.ok)).toHaveLength(10);
      expect(await store.usage('shared', TODAY)).toEqual({ spentUsd: 0, reservedUsd: 1 });
      const own = await Promise.all([0, 1, 2].map((n) => store.usage(`own-${n}`, TODAY)));
      expect(own.map((usage) => usage.reservedUsd).reduce((sum, value) => sum + value, 0)).toBeCloseTo(1, 9);
      for (const usage of own) expect(usage.reservedUsd).toBeLessThanOrEqual(0.5);
    });

    it('rejects negative or non-finite amounts', async () => {
      const { store } = await setup();
      await expect(store.reserve([line('a', 1)], -1, 'r1')).rejects.toThrow();
      await expect(store.reserve([line('a', 1)], Number.NaN, 'r2')).rejects.toThrow();
      await store.reserve([line('a', 1)], 0.5, 'r3');
      await expect(store.settle('r3', -0.1)).rejects.toThrow();
      expect(await store.usage('a', TODAY)).toEqual({ spentUsd: 0, reservedUsd: 0.5 });
    });
  });
}
