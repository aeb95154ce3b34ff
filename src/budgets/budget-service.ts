// What the request pipeline calls. Per request:
//   1. `check(identity)`: the worst state over the budgets that apply. `soft` means pick a cheaper
//      allowed model; `throttle` and `exhausted` carry the RungError to answer with.
//   2. `reserve(identity, estimateUsd)` before the first upstream call, with the maximum cost of
//      the most expensive candidate (`maxCallCostUsd`). A RungError (402) comes back, not thrown,
//      when any applicable budget lacks room; then nothing is held on any budget.
//   3. `reservation.settle(actualUsd)` after the call, or `reservation.release()` when it failed
//      and nothing was billed.
// Config is the source of truth for limits and thresholds; the store only counts.
import { randomUUID } from 'node:crypto';
import type { BudgetConfig, BudgetPeriod } from '../config/budget-schema.ts';
import { RungError } from '../errors/rung-error.ts';
import { systemClock, type Clock } from '../resilience/clock.ts';
import { budgetExceededError, budgetReason, budgetThrottledError, type BudgetFigures } from './budget-errors.ts';
import type { BudgetLedgerStore } from './ledger-store.ts';
import { MemoryBudgetStore } from './memory-store.ts';
import { usdToNanos } from './money.ts';
import { periodWindow } from './period.ts';
import { Reservation } from './reservation.ts';
import { budgetApplies, budgetScope, type BudgetIdentity, type BudgetScope } from './scope.ts';
import { budgetState, stateOf, usedShare, type BudgetState } from './state.ts';

export interface BudgetServiceOptions {
  /** Default: a MemoryBudgetStore on the same clock. */
  store?: BudgetLedgerStore;
  clock?: Clock;
  /** TTL for the default store; ignored when `store` is given. */
  reservationTtlMs?: number;
  /** Reservation ids; default random UUIDs. */
  newReservationId?: () => string;
}

export interface BudgetCheck {
  state: BudgetState;
  /** The budget that set the state; null when no budget applies. */
  budgetId: string | null;
  /** For `x-rung-reason`; null when no budget applies. */
  reason: string | null;
  /** Set for `throttle` (429, with retryAfterMs) and `exhausted` (402): answer with it. */
  error: RungError | null;
}

export interface BudgetSnapshotEntry {
  id: string;
  scope: BudgetScope;
  period: BudgetPeriod;
  periodKey: string;
  periodStart: string;
  periodEnd: string;
  limitUsd: number;
  spentUsd: number;
  reservedUsd: number;
  /** limit - spent - reserved, floored at 0: the room a new reservation can take. */
  availableUsd: number;
  /** spent / limit. */
  usedShare: number;
  state: BudgetState;
}

const NO_BUDGET: BudgetCheck = Object.freeze({ state: 'ok', budgetId: null, reason: null, error: null });
/** The id of every reservation that holds nothing (no budget applies to the request). */
export const UNBUDGETED_ID = 'unbudgeted';

export class BudgetService {
  private readonly budgets: readonly BudgetConfig[];
  private readonly store: BudgetLedgerStore;
  private readonly clock: Clock;
  private readonly newReservationId: () => string;

  constructor(budgets: readonly BudgetConfig[], options: BudgetServiceOptions = {}) {
    for (const budget of budgets) budgetScope(budget); // fail at boot, not per request, on a scopeless budget
    this.budgets = budgets;
    this.clock = options.clock ?? systemClock;
    this.store = options.store ?? new MemoryBudgetStore({ clock: this.clock, reservationTtlMs: options.reservationTtlMs });
    this.newReservationId = options.newReservationId ?? randomUUID;
  }

  /** The budgets that apply to this identity, in config order. */
  applicable(identity: BudgetIdentity): BudgetConfig[] {
    return this.budgets.length === 0 ? [] : this.budgets.filter((budget) => budgetApplies(budget, identity));
  }

  async check(identity: BudgetIdentity): Promise<BudgetCheck> {
    const applicable = this.applicable(identity);
    // Most requests of most deployments have no budget: answer without touching the store.
    if (applicable.length === 0) return NO_BUDGET;
    const now = this.clock.now();
    const signals = await Promise.all(applicable.map((budget) => this.figures(budget, now)));
    const { state, cause } = budgetState(signals);
    if (cause === null) return { state, budgetId: null, reason: null, error: null };
    const error = state === 'throttle' ? budgetThrottledError(cause, now) : state === 'exhausted' ? budgetExceededError(cause) : null;
    return { state, budgetId: cause.budget.id, reason: budgetReason(cause, state), error };
  }

  /**
   * Holds `estimateUsd` on every applicable budget at once, or on none. Returns the handle, or a
   * 402 RungError naming the first budget without room. Throws only on a programming error (a
   * negative or non-finite estimate) or a store failure.
   */
  async reserve(identity: BudgetIdentity, estimateUsd: number): Promise<Reservation | RungError> {
    usdToNanos(estimateUsd, 'estimated cost'); // validate before any await
    const budgets = this.applicable(identity);
    // Nothing is held, so the handle needs no unique id (and the request path no UUID).
    if (budgets.length === 0) return new Reservation(this.store, UNBUDGETED_ID, estimateUsd, []);
    const id = this.newReservationId();
    const now = this.clock.now();
    const refs = budgets.map((budget) => ({ id: budget.id, periodKey: periodWindow(budget.period, now).key, limitUsd: budget.limit_usd }));
    const result = await this.store.reserve(refs, estimateUsd, id);
    if (result.ok) return new Reservation(this.store, id, estimateUsd, budgets.map((budget) => budget.id));
    const refused = budgets.find((budget) => budget.id === result.refused.id);
    if (refused === undefined) throw new RungError('internal_error', `budget store refused unknown budget "${result.refused.id}"`);
    const figures: BudgetFigures = {
      budget: refused,
      spentUsd: result.usage.spentUsd,
      reservedUsd: result.usage.reservedUsd,
      periodEndMs: periodWindow(refused.period, now).endMs,
    };
    return budgetExceededError(figures, estimateUsd);
  }

  /** Every configured budget in its current period, for the admin API and dashboard. */
  async snapshot(): Promise<BudgetSnapshotEntry[]> {
    const now = this.clock.now();
    return Promise.all(this.budgets.map(async (budget) => {
      const window = periodWindow(budget.period, now);
      const usage = await this.store.usage(budget.id, window.key);
      const signal = { budget, spentUsd: usage.spentUsd };
      return {
        id: budget.id,
        scope: budgetScope(budget),
        period: budget.period,
        periodKey: window.key,
        periodStart: new Date(window.startMs).toISOString(),
        periodEnd: new Date(window.endMs).toISOString(),
        limitUsd: budget.limit_usd,
        spentUsd: usage.spentUsd,
        reservedUsd: usage.reservedUsd,
        availableUsd: Math.max(0, budget.limit_usd - usage.spentUsd - usage.reservedUsd),
        usedShare: usedShare(signal),
        state: stateOf(signal),
      };
    }));
  }

  private async figures(budget: BudgetConfig, now: number): Promise<BudgetFigures> {
    const window = periodWindow(budget.period, now);
    const usage = await this.store.usage(budget.id, window.key);
    return { budget, spentUsd: usage.spentUsd, reservedUsd: usage.reservedUsd, periodEndMs: window.endMs };
  }
}
