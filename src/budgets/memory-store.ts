// The in-process BudgetLedgerStore. Every method does all its work synchronously before its
// promise settles, so on Node's single thread each call is atomic: no other request can run
// between the room check and the reservation. It serves one process; replicas need a shared store.
import { BUDGET_DEFAULTS } from '../config/budget-schema.ts';
import { RungError } from '../errors/rung-error.ts';
import { systemClock, type Clock } from '../resilience/clock.ts';
import type { BudgetLedgerRef, BudgetLedgerStore, BudgetUsage, FinishOutcome, ReserveResult } from './ledger-store.ts';
import { nanosToUsd, usdToNanos } from './money.ts';

export interface MemoryBudgetStoreOptions {
  clock?: Clock;
  /** How long an unfinished reservation counts; default BUDGET_DEFAULTS.reservationTtlMs. */
  reservationTtlMs?: number;
}

interface LedgerLine {
  spentNanos: number;
  reservedNanos: number;
}

interface LiveReservation {
  lines: LedgerLine[];
  amountNanos: number;
  expiresAtMs: number;
}

interface ExpiredReservation {
  lines: LedgerLine[];
  forgetAtMs: number;
}

export class MemoryBudgetStore implements BudgetLedgerStore {
  private readonly clock: Clock;
  private readonly ttlMs: number;
  private readonly lines = new Map<string, LedgerLine>();
  // Both maps are in insertion order, which is expiry order while the TTL is fixed and the clock
  // does not run backwards; sweeping from the front can therefore stop at the first live entry.
  // If the clock does step back, expiry is only delayed, never brought forward.
  private readonly live = new Map<string, LiveReservation>();
  private readonly expired = new Map<string, ExpiredReservation>();

  constructor(options: MemoryBudgetStoreOptions = {}) {
    this.clock = options.clock ?? systemClock;
    this.ttlMs = options.reservationTtlMs ?? BUDGET_DEFAULTS.reservationTtlMs;
    if (!Number.isFinite(this.ttlMs) || this.ttlMs <= 0) {
      throw new RungError('internal_error', `budget ledger: reservationTtlMs must be positive (got ${String(this.ttlMs)})`);
    }
  }

  async reserve(budgets: readonly BudgetLedgerRef[], amountUsd: number, reservationId: string): Promise<ReserveResult> {
    const amountNanos = usdToNanos(amountUsd, 'reservation amount');
    const seen = new Set<string>();
    for (const budget of budgets) {
      const name = lineName(budget.id, budget.periodKey);
      if (seen.has(name)) throw new RungError('internal_error', `budget ledger: line ${budget.id} ${budget.periodKey} given twice`);
      seen.add(name);
    }
    this.sweep();
    if (this.live.has(reservationId)) return { ok: true };
    // One id names at most one record: a reused id drops the expired one it named before.
    this.expired.delete(reservationId);

    // Check every line before touching any: all or nothing.
    const lines: LedgerLine[] = [];
    for (const budget of budgets) {
      const line = this.line(budget.id, budget.periodKey);
      const limitNanos = usdToNanos(budget.limitUsd, `limit of budget ${budget.id}`);
      if (line.spentNanos + line.reservedNanos + amountNanos > limitNanos) {
        return { ok: false, refused: { ...budget }, usage: toUsage(line) };
      }
      lines.push(line);
    }
    for (const line of lines) line.reservedNanos += amountNanos;
    this.live.set(reservationId, { lines, amountNanos, expiresAtMs: this.clock.now() + this.ttlMs });
    return { ok: true };
  }

  async settle(reservationId: string, actualUsd: number): Promise<FinishOutcome> {
    const actualNanos = usdToNanos(actualUsd, 'actual cost');
    this.sweep();
    const reservation = this.live.get(reservationId);
    if (reservation !== undefined) {
      this.live.delete(reservationId);
      for (const line of reservation.lines) {
        line.reservedNanos -= reservation.amountNanos;
        line.spentNanos += actualNanos;
      }
      return 'settled';
    }
    const expired = this.expired.get(reservationId);
    if (expired !== undefined) {
      this.expired.delete(reservationId);
      for (const line of expired.lines) line.spentNanos += actualNanos;
      return 'late';
    }
    return 'unknown';
  }

  async release(reservationId: string): Promise<FinishOutcome> {
    return this.settle(reservationId, 0);
  }

  async usage(budgetId: string, periodKey: string): Promise<BudgetUsage> {
    this.sweep();
    const line = this.lines.get(lineName(budgetId, periodKey));
    return line === undefined ? { spentUsd: 0, reservedUsd: 0 } : toUsage(line);
  }

  /** Expires overdue reservations and forgets expired ones that had a further TTL to settle. */
  private sweep(): void {
    const now = this.clock.now();
    for (const [id, reservation] of this.live) {
      if (reservation.expiresAtMs > now) break;
      this.live.delete(id);
      for (const line of reservation.lines) line.reservedNanos -= reservation.amountNanos;
      this.expired.set(id, { lines: reservation.lines, forgetAtMs: reservation.expiresAtMs + this.ttlMs });
    }
    for (const [id, reservation] of this.expired) {
      if (reservation.forgetAtMs > now) break;
      this.expired.delete(id);
    }
  }

  private line(budgetId: string, periodKey: string): LedgerLine {
    const name = lineName(budgetId, periodKey);
    let line = this.lines.get(name);
    if (line === undefined) {
      line = { spentNanos: 0, reservedNanos: 0 };
      this.lines.set(name, line);
    }
    return line;
  }
}

/** NUL cannot occur in a config id, so the pair maps to one name without ambiguity. */
function lineName(budgetId: string, periodKey: string): string {
  return `${budgetId}\u0000${periodKey}`;
}

function toUsage(line: LedgerLine): BudgetUsage {
  return { spentUsd: nanosToUsd(line.spentNanos), reservedUsd: nanosToUsd(line.reservedNanos) };
}
