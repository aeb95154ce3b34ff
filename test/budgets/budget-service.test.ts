import { describe, expect, it } from 'vitest';
import { BudgetService } from '../../src/budgets/budget-service.ts';
import { MemoryBudgetStore } from '../../src/budgets/memory-store.ts';
import { Reservation } from '../../src/budgets/reservation.ts';
import { RungError } from '../../src/errors/rung-error.ts';
import { ManualClock } from '../../src/resilience/clock.ts';
import { budget, identity, NOON } from './fixtures.ts';

const BUDGETS = [
  budget({ id: 'k1-daily', scope: { key: 'k1' }, limit_usd: 10 }),
  budget({ id: 'support-daily', scope: { department: 'support' }, limit_usd: 50, throttle_retry_after_s: 60 }),
  budget({ id: 'acme-monthly', scope: { workspace: 'acme' }, period: 'month', limit_usd: 200 }),
];
const K1 = identity({ keyId: 'k1', department: 'support', workspace: 'acme' });
const K2 = identity({ keyId: 'k2', department: 'support', workspace: 'acme' });
const OUTSIDER = identity({ keyId: 'k9', department: 'sales' });
const HOUR = 3_600_000;

function setup(options: { reservationTtlMs?: number } = {}) {
  const clock = new ManualClock(NOON);
  let next = 0;
  const service = new BudgetService(BUDGETS, { clock, newReservationId: () => `res-${(next += 1)}`, ...options });
  return { clock, service };
}

async function reserveOk(service: BudgetService, who: ReturnType<typeof identity>, estimateUsd: number): Promise<Reservation> {
  const result = await service.reserve(who, estimateUsd);
  if (!(result instanceof Reservation)) throw result;
  return result;
}

/** Spends `usd` through a reservation, as a request would. */
async function spend(service: BudgetService, who: ReturnType<typeof identity>, usd: number): Promise<void> {
  await (await reserveOk(service, who, usd)).settle(usd);
}

async function usage(service: BudgetService): Promise<Record<string, { spent: number; reserved: number }>> {
  const entries = await service.snapshot();
  return Object.fromEntries(entries.map((entry) => [entry.id, { spent: entry.spentUsd, reserved: entry.reservedUsd }]));
}

describe('BudgetService.applicable', () => {
  it('matches key, agent, department and workspace budgets, and nothing on null fields', () => {
    const service = new BudgetService([...BUDGETS, budget({ id: 'triage', scope: { agent: 'triage' } })]);
    expect(service.applicable(K1).map((b) => b.id)).toEqual(['k1-daily', 'support-daily', 'acme-monthly']);
    expect(service.applicable(identity({ agent: 'triage' })).map((b) => b.id)).toEqual(['triage']);
    expect(service.applicable(OUTSIDER)).toEqual([]);
  });
});

describe('BudgetService.check', () => {
  it('is ok with no reason when no budget applies', async () => {
    const { service } = setup();
    expect(await service.check(OUTSIDER)).toEqual({ state: 'ok', budgetId: null, reason: null, error: null });
  });

  it('turns soft from the soft threshold and names the budget', async () => {
    const { service } = setup();
    await spend(service, K1, 7.99);
    expect((await service.check(K1)).state).toBe('ok');
    await spend(service, K1, 0.01);
    expect(await service.check(K1)).toEqual({
      state: 'soft',
      budgetId: 'k1-daily',
      reason: 'budget k1-daily soft: 80% of $10.00 daily',
      error: null,
    });
    // The department budget is only at 16%: k2 is unaffected.
    expect((await service.check(K2)).state).toBe('ok');
  });

  it('throttles from the throttle threshold with Retry-After from the configured window', async () => {
    const { service } = setup();
    await spend(service, K2, 47.5);
    const check = await service.check(K1);
    expect(check.state).toBe('throttle');
    expect(check.budgetId).toBe('support-daily');
    expect(check.error?.code).toBe('budget_throttled');
    expect(check.error?.status).toBe(429);
    expect(check.error?.retryAfterMs).toBe(60_000);
    expect(check.error?.message).toContain('Budget "support-daily" is at 95% of its $50.00 daily limit');
  });

  it('throttles until the period resets when no window is configured', async () => {
    const { clock, service } = setup();
    await spend(service, K1, 9.6);
    clock.advance(6 * HOUR); // 18:00 UTC
    const check = await service.check(K1);
    expect(check.budgetId).toBe('k1-daily');
    expect(check.error?.retryAfterMs).toBe(6 * HOUR);
  });

  it('caps the throttle window at the period reset', async () => {
    const { clock, service } = setup();
    await spend(service, K2, 48);
    clock.set(Date.UTC(2024, 4, 17, 23, 59, 30));
    expect((await service.check(K1)).error?.retryAfterMs).toBe(30_000);
  });

  it('is exhausted at the limit, with a 402 naming budget, limit, spend and period end', async () => {
    const { service } = setup();
    const reservation = await reserveOk(service, K1, 9);
    await reservation.settle(10.5); // the call cost more than estimated
    const check = await service.check(K1);
    expect(check.state).toBe('exhausted');
    expect(check.error?.status).toBe(402);
    expect(check.error?.code).toBe('budget_exceeded');
    expect(check.error?.message).toBe('Budget "k1-daily" is exhausted: $10.50 spent of its $10.00 daily limit; it resets at 2024-05-18T00:00:00.000Z.');
    expect(check.error?.toBody().error).toMatchObject({
      budget: { id: 'k1-daily', scope: { key: 'k1' }, period: 'day', limit_usd: 10, spent_usd: 10.5, period_end: '2024-05-18T00:00:00.000Z' },
    });
  });
});

describe('BudgetService.reserve and settle', () => {
  it('holds the estimate on every applicable budget and settles the actual cost on each', async () => {
    const { service } = setup();
    const reservation = await reserveOk(service, K1, 2);
    expect(reservation.budgetIds).toEqual(['k1-daily', 'support-daily', 'acme-monthly']);
    expect(await usage(service)).toEqual({
      'k1-daily': { spent: 0, reserved: 2 },
      'support-daily': { spent: 0, reserved: 2 },
      'acme-monthly': { spent: 0, reserved: 2 },
    });
    expect(await reservation.settle(0.75)).toBe('settled');
    expect(await usage(service)).toEqual({
      'k1-daily': { spent: 0.75, reserved: 0 },
      'support-daily': { spent: 0.75, reserved: 0 },
      'acme-monthly': { spent: 0.75, reserved: 0 },
    });
  });

  it('records a cost above the estimate in full', async () => {
    const { service } = setup();
    await (await reserveOk(service, K1, 1)).settle(1.8);
    expect((await usage(service))['k1-daily']).toEqual({ spent: 1.8, reserved: 0 });
  });

  it('releases on failure without spending', async () => {
    const { service } = setup();
    const reservation = await reserveOk(service, K1, 3);
    expect(await reservation.release()).toBe('settled');
    expect(Object.values(await usage(service))).toEqual([
      { spent: 0, reserved: 0 },
      { spent: 0, reserved: 0 },
      { spent: 0, reserved: 0 },
    ]);
  });

  it('finishes a reservation once, even when settle and release race', async () => {
    const { service } = setup();
    const reservation = await reserveOk(service, K1, 3);
    const outcomes = await Promise.all([reservation.settle(2), reservation.release(), reservation.settle(2)]);
    expect(outcomes).toEqual(['settled', 'unknown', 'unknown']);
    expect(reservation.finished).toBe(true);
    expect((await usage(service))['k1-daily']).toEqual({ spent: 2, reserved: 0 });
  });

  it('refuses with a 402 naming the budget without room and holds nothing anywhere', async () => {
    const { service } = setup();
    await spend(service, K2, 45);
    const held = await reserveOk(service, K2, 3);
    const refused = await service.reserve(K1, 2.5);
    expect(refused).toBeInstanceOf(RungError);
    const error = refused as RungError;
    expect(error.code).toBe('budget_exceeded');
    expect(error.message).toBe(
      'Budget "support-daily" has no room for this request: $45.00 spent + $3.00 held by requests in flight'
      + ' + $2.50 (this request\'s maximum estimated cost) would exceed its $50.00 daily limit; it resets at 2024-05-18T00:00:00.000Z.',
    );
    expect(error.toBody().error).toMatchObject({ budget: { id: 'support-daily', spent_usd: 45, reserved_usd: 3, limit_usd: 50 } });
    // k1-daily and acme-monthly had room but took nothing.
    const after = await usage(service);
    expect(after['k1-daily']).toEqual({ spent: 0, reserved: 0 });
    expect(after['acme-monthly']).toEqual({ spent: 45, reserved: 3 });
    await held.release();
    expect(await service.reserve(K1, 2.5)).toBeInstanceOf(Reservation);
  });

  it('gives requests without applicable budgets a reservation that touches nothing', async () => {
    const { service } = setup();
    const reservation = await reserveOk(service, OUTSIDER, 1_000_000);
    expect(reservation.budgetIds).toEqual([]);
    expect(await reservation.settle(5)).toBe('settled');
    expect(Object.values(await usage(service)).every((line) => line.spent === 0 && line.reserved === 0)).toBe(true);
  });

  it('throws on an estimate that is not a cost', async () => {
    const { service } = setup();
    await expect(service.reserve(K1, -1)).rejects.toThrow(/estimated cost/);
    await expect(service.reserve(K1, Number.POSITIVE_INFINITY)).rejects.toThrow(/estimated cost/);
  });

  it('stops counting a reservation nobody settles after the TTL', async () => {
    const { clock, service } = setup({ reservationTtlMs: 5 * 60_000 });
    await reserveOk(service, K1, 9);
    expect(await service.reserve(K1, 2)).toBeInstanceOf(RungError);
    clock.advance(5 * 60_000);
    expect(await service.reserve(K1, 2)).toBeInstanceOf(Reservation);
  });

  it('uses the store it is given', async () => {
    const clock = new ManualClock(NOON);
    const store = new MemoryBudgetStore({ clock });
    const service = new BudgetService(BUDGETS, { clock, store, newReservationId: () => 'the-id' });
    const reservation = await reserveOk(service, K1, 1);
    expect(reservation.id).toBe('the-id');
    expect(await store.usage('k1-daily', 'day:2024-05-17')).toEqual({ spentUsd: 0, reservedUsd: 1 });
  });
});

describe('period rollover', () => {
  it('starts a daily budget at zero after midnight UTC while a monthly one carries on', async () => {
    const { clock, service } = setup();
    await spend(service, K1, 9.5);
    expect((await service.check(K1)).state).toBe('throttle');
    clock.set(Date.UTC(2024, 4, 17, 23, 59, 59, 999));
    expect((await service.check(K1)).budgetId).toBe('k1-daily');
    clock.advance(1);
    expect(await usage(service)).toEqual({
      'k1-daily': { spent: 0, reserved: 0 },
      'support-daily': { spent: 0, reserved: 0 },
      'acme-monthly': { spent: 9.5, reserved: 0 },
    });
    expect((await service.check(K1)).state).toBe('ok');
    expect(await service.reserve(K1, 10)).toBeInstanceOf(Reservation);
  });

  it('charges a request that straddles midnight to the period it reserved in', async () => {
    const clock = new ManualClock(Date.UTC(2024, 4, 17, 23, 58));
    const store = new MemoryBudgetStore({ clock });
    const service = new BudgetService(BUDGETS, { clock, store });
    const reservation = await reserveOk(service, K1, 4);
    clock.set(Date.UTC(2024, 4, 18, 0, 0, 1));
    expect(await reservation.settle(3)).toBe('settled');
    expect(await store.usage('k1-daily', 'day:2024-05-17')).toEqual({ spentUsd: 3, reservedUsd: 0 });
    const entries = await service.snapshot();
    expect(entries.find((entry) => entry.id === 'k1-daily')).toMatchObject({ periodKey: 'day:2024-05-18', spentUsd: 0, reservedUsd: 0 });
    expect(entries.find((entry) => entry.id === 'acme-monthly')).toMatchObject({ periodKey: 'month:2024-05', spentUsd: 3 });
  });

  it('starts a monthly budget at zero on the first of the month', async () => {
    const { clock, service } = setup();
    await spend(service, K1, 5);
    clock.set(Date.UTC(2024, 5, 1));
    expect((await service.snapshot()).find((entry) => entry.id === 'acme-monthly')).toMatchObject({
      periodKey: 'month:2024-06',
      spentUsd: 0,
      periodStart: '2024-06-01T00:00:00.000Z',
      periodEnd: '2024-07-01T00:00:00.000Z',
    });
  });
});

describe('BudgetService.snapshot', () => {
  it('lists every budget with scope, period, figures and state', async () => {
    const { service } = setup();
    await spend(service, K1, 8.5);
    await reserveOk(service, K2, 1);
    expect(await service.snapshot()).toEqual([
      {
        id: 'k1-daily',
        scope: { kind: 'key', value: 'k1' },
        period: 'day',
        periodKey: 'day:2024-05-17',
        periodStart: '2024-05-17T00:00:00.000Z',
        periodEnd: '2024-05-18T00:00:00.000Z',
        limitUsd: 10,
        spentUsd: 8.5,
        reservedUsd: 0,
        availableUsd: 1.5,
        usedShare: 0.85,
        state: 'soft',
      },
      expect.objectContaining({ id: 'support-daily', scope: { kind: 'department', value: 'support' }, spentUsd: 8.5, reservedUsd: 1, availableUsd: 40.5, state: 'ok' }),
      expect.objectContaining({ id: 'acme-monthly', period: 'month', periodKey: 'month:2024-05', periodEnd: '2024-06-01T00:00:00.000Z', state: 'ok' }),
    ]);
  });
});
