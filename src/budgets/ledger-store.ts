// The storage seam of the budget ledger. Narrow on purpose: the in-memory store, a SQLite store
// (one transaction per call) and a store shared by replicas (one atomic script or transaction per
// call) must all be able to implement it. Methods return promises so a networked store fits.
//
// Model: each (budget id, period key) pair is a ledger line with `spent` (settled cost) and
// `reserved` (the estimates of requests in flight). A reservation holds the same amount on one or
// more lines and is finished exactly once, by `settle` or `release`.
//
// Contract every implementation keeps (test/budgets/store-contract.ts checks it):
// - `reserve` is atomic across all given lines: either every line gets the amount or none does.
//   It refuses when, on any line, spent + reserved + amount > limitUsd. Hence spent + reserved
//   never passes the limit through reservations; only settling above the estimate can push a
//   line past it (by the overrun).
// - Reserving again with a live reservation id changes nothing and succeeds (safe retry).
// - `settle` moves the reservation's amount out of `reserved` and adds the actual cost to
//   `spent` on every line it held. `release` is `settle` with an actual cost of 0.
// - Finishing is idempotent: a second settle or release of the same id changes nothing.
// - A reservation not finished within the store's TTL expires: its amount stops counting as
//   reserved. Settling it later (within a further TTL) still adds the actual cost to spent, on the
//   period lines it was reserved on, because that money was really spent.
// - Lines are independent: another period key of the same budget starts at zero.
// - Amounts are exact to the nano-dollar (see money.ts); amounts summing to the limit fit.

/** One ledger line a reservation should hold an amount on. */
export interface BudgetLedgerRef {
  /** Budget id from config. */
  id: string;
  /** From `periodWindow()`, e.g. `day:2024-05-17`. */
  periodKey: string;
  /** The budget's limit now; config stays the source of truth, the store only counts. */
  limitUsd: number;
}

export interface BudgetUsage {
  spentUsd: number;
  reservedUsd: number;
}

export type ReserveResult =
  | { ok: true }
  /** Nothing was reserved; `refused` is the first line (in the given order) that had no room. */
  | { ok: false; refused: BudgetLedgerRef; usage: BudgetUsage };

/**
 * - `settled`: the reservation was live and is now finished.
 * - `late`: it had already expired; the actual cost was still added to spent.
 * - `unknown`: no such live or recently expired reservation (already finished, never made, or
 *   expired more than a TTL ago); nothing changed.
 */
export type FinishOutcome = 'settled' | 'late' | 'unknown';

export interface BudgetLedgerStore {
  reserve(budgets: readonly BudgetLedgerRef[], amountUsd: number, reservationId: string): Promise<ReserveResult>;
  settle(reservationId: string, actualUsd: number): Promise<FinishOutcome>;
  release(reservationId: string): Promise<FinishOutcome>;
  usage(budgetId: string, periodKey: string): Promise<BudgetUsage>;
}
