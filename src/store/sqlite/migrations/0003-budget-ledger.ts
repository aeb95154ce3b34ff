// v3: the budget ledger (see src/budgets/ledger-store.ts). Amounts are integer nano-dollars.
// A reservation is live (`live` = 1) until finished or expired; an expired one is kept until
// `forget_at` so a late settle can still charge the lines it held.
import type { Migration } from './migration.ts';

export const budgetLedgerMigration: Migration = {
  version: 3,
  name: 'budget ledger',
  up(db) {
    db.exec(`
      CREATE TABLE budget_lines (
        budget_id TEXT NOT NULL,
        period_key TEXT NOT NULL,
        spent_nanos INTEGER NOT NULL,
        reserved_nanos INTEGER NOT NULL,
        PRIMARY KEY (budget_id, period_key)
      ) WITHOUT ROWID;
      CREATE TABLE budget_reservations (
        id TEXT PRIMARY KEY,
        amount_nanos INTEGER NOT NULL,
        live INTEGER NOT NULL,
        expires_at INTEGER NOT NULL,
        forget_at INTEGER NOT NULL
      );
      CREATE INDEX budget_reservations_expiry ON budget_reservations (live, expires_at);
      CREATE INDEX budget_reservations_forget ON budget_reservations (live, forget_at);
      CREATE TABLE budget_reservation_lines (
        reservation_id TEXT NOT NULL,
        position INTEGER NOT NULL,
        budget_id TEXT NOT NULL,
        period_key TEXT NOT NULL,
        PRIMARY KEY (reservation_id, position)
      ) WITHOUT ROWID;
    `);
  },
};
