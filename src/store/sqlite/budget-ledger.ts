// The BudgetLedgerStore on SQLite: the contract of src/budgets/ledger-store.ts with the ledger on
// disk, so spend and holds survive a restart (holds of a crashed process expire by their TTL).
// Every call is one IMMEDIATE transaction: the write lock is taken up front, so the room check and
// the hold cannot interleave with another process's, and a reserve across budgets is all or none.
import { BUDGET_DEFAULTS } from '../../config/budget-schema.ts';
import type { BudgetLedgerRef, BudgetLedgerStore, BudgetUsage, FinishOutcome, ReserveResult } from '../../budgets/ledger-store.ts';
import { nanosToUsd, usdToNanos } from '../../budgets/money.ts';
import { RungError } from '../../errors/rung-error.ts';
import { systemClock, type Clock } from '../../resilience/clock.ts';
import type { SqliteDatabase } from './database.ts';

export interface SqliteBudgetStoreOptions {
  clock?: Clock;
  /** How long an unfinished reservation counts; default BUDGET_DEFAULTS.reservationTtlMs. */
  reservationTtlMs?: number;
}

interface LineRow {
  spent_nanos: number;
  reserved_nanos: number;
}

interface ReservationRow {
  id: string;
  amount_nanos: number;
  live: number;
  expires_at: number;
}

export class SqliteBudgetStore implements BudgetLedgerStore {
  private readonly clock: Clock;
  private readonly ttlMs: number;
  private readonly statements;
  private readonly reserveTransaction;
  private readonly settleTransaction;
  private readonly usageTransaction;

  constructor(db: SqliteDatabase, options: SqliteBudgetStoreOptions = {}) {
    this.clock = options.clock ?? systemClock;
    this.ttlMs = options.reservationTtlMs ?? BUDGET_DEFAULTS.reservationTtlMs;
    if (!Number.isFinite(this.ttlMs) || this.ttlMs <= 0) {
      throw new RungError('internal_error', `budget ledger: reservationTtlMs must be positive (got ${String(this.ttlMs)})`);
    }
    const s = {
      line: db.prepare('SELECT spent_nanos, reserved_nanos FROM budget_lines WHERE budget_id = ? AND period_key = ?'),
      hold: db.prepare(
        `INSERT INTO budget_lines (budget_id, period_key, spent_nanos, reserved_nanos) VALUES (?, ?, 0, ?)
         ON CONFLICT (budget_id, period_key) DO UPDATE SET reserved_nanos = reserved_nanos + excluded.reserved_nanos`,
      ),
      // Moves amounts on every line a reservation holds.
      adjust: db.prepare(
        `UPDATE budget_lines SET reserved_nanos = reserved_nanos - @released, spent_nanos = spent_nanos + @spent
         WHERE (budget_id, period_key) IN (SELECT budget_id, period_key FROM budget_reservation_lines WHERE reservation_id = @id)`,
      ),
      reservation: db.prepare('SELECT id, amount_nanos, live, expires_at FROM budget_reservations WHERE id = ?'),
      insertReservation: db.prepare('INSERT INTO budget_reservations (id, amount_nanos, live, expires_at, forget_at) VALUES (?, ?, 1, ?, ?)'),
      insertLine: db.prepare('INSERT INTO budget_reservation_lines (reservation_id, position, budget_id, period_key) VALUES (?, ?, ?, ?)'),
      deleteReservation: db.prepare('DELETE FROM budget_reservations WHERE id = ?'),
      deleteLines: db.prepare('DELETE FROM budget_reservation_lines WHERE reservation_id = ?'),
      overdue: db.prepare('SELECT id, amount_nanos, live, expires_at FROM budget_reservations WHERE live = 1 AND expires_at <= ?'),
      expire: db.prepare('UPDATE budget_reservations SET live = 0, forget_at = ? WHERE id = ?'),
      forgetLines: db.prepare('DELETE FROM budget_reservation_lines WHERE reservation_id IN (SELECT id FROM budget_reservations WHERE live = 0 AND forget_at <= ?)'),
      forget: db.prepare('DELETE FROM budget_reservations WHERE live = 0 AND forget_at <= ?'),
    };
    this.statements = s;

    this.reserveTransaction = db.transaction((budgets: readonly BudgetLedgerRef[], limits: number[], amountNanos: number, id: string): ReserveResult => {
      this.sweep();
      const existing = s.reservation.get(id) as ReservationRow | undefined;
      if (existing?.live === 1) return { ok: true };
      // One id names at most one record: a reused id drops the expired one it named before.
      if (existing !== undefined) this.remove(id);
      // Check every line before touching any: all or nothing.
      for (const [index, budget] of budgets.entries()) {
        const line = (s.line.get(budget.id, budget.periodKey) as LineRow | undefined) ?? { spent_nanos: 0, reserved_nanos: 0 };
        if (line.spent_nanos + line.reserved_nanos + amountNanos > (limits[index] ?? 0)) {
          return { ok: false, refused: { ...budget }, usage: toUsage(line) };
        }
      }
      const expiresAt = this.clock.now() + this.ttlMs;
      s.insertReservation.run(id, amountNanos, expiresAt, expiresAt + this.ttlMs);
      for (const [index, budget] of budgets.entries()) {
        s.hold.run(budget.id, budget.periodKey, amountNanos);
        s.insertLine.run(id, index, budget.id, budget.periodKey);
      }
      return { ok: true };
    });

    this.settleTransaction = db.transaction((id: string, actualNanos: number): FinishOutcome => {
      this.sweep();
      const reservation = s.reservation.get(id) as ReservationRow | undefined;
      if (reservation === undefined) return 'unknown';
      // A live hold is released and charged; an expired one no longer holds anything, but its cost is still charged.
      s.adjust.run({ id, released: reservation.live === 1 ? reservation.amount_nanos : 0, spent: actualNanos });
      this.remove(id);
      return reservation.live === 1 ? 'settled' : 'late';
    });

    this.usageTransaction = db.transaction((budgetId: string, periodKey: string): BudgetUsage => {
      this.sweep();
      const line = s.line.get(budgetId, periodKey) as LineRow | undefined;
      return line === undefined ? { spentUsd: 0, reservedUsd: 0 } : toUsage(line);
    });
  }

  async reserve(budgets: readonly BudgetLedgerRef[], amountUsd: number, reservationId: string): Promise<ReserveResult> {
    const amountNanos = usdToNanos(amountUsd, 'reservation amount');
    const seen = new Set<string>();
    for (const budget of budgets) {
      const name = `${budget.id}\u0000${budget.periodKey}`;
      if (seen.has(name)) throw new RungError('internal_error', `budget ledger: line ${budget.id} ${budget.periodKey} given twice`);
      seen.add(name);
    }
    const limits = budgets.map((budget) => usdToNanos(budget.limitUsd, `limit of budget ${budget.id}`));
    return this.reserveTransaction.immediate(budgets, limits, amountNanos, reservationId);
  }

  async settle(reservationId: string, actualUsd: number): Promise<FinishOutcome> {
    const actualNanos = usdToNanos(actualUsd, 'actual cost');
    return this.settleTransaction.immediate(reservationId, actualNanos);
  }

  async release(reservationId: string): Promise<FinishOutcome> {
    return this.settle(reservationId, 0);
  }

  async usage(budgetId: string, periodKey: string): Promise<BudgetUsage> {
    return this.usageTransaction.immediate(budgetId, periodKey);
  }

  /** Expires overdue holds and forgets expired ones a further TTL on; runs inside each transaction. */
  private sweep(): void {
    const s = this.statements;
    const now = this.clock.now();
    for (const overdue of s.overdue.all(now) as ReservationRow[]) {
      s.adjust.run({ id: overdue.id, released: overdue.amount_nanos, spent: 0 });
      s.expire.run(overdue.expires_at + this.ttlMs, overdue.id);
    }
    s.forgetLines.run(now);
    s.forget.run(now);
  }

  private remove(id: string): void {
    this.statements.deleteLines.run(id);
    this.statements.deleteReservation.run(id);
  }
}

function toUsage(line: LineRow): BudgetUsage {
  return { spentUsd: nanosToUsd(line.spent_nanos), reservedUsd: nanosToUsd(line.reserved_nanos) };
}
