// `openSqliteStore`: one SQLite file (WAL) holding every part of the Store, upgraded to the current
// schema on open, with the retention purge run before the promise resolves and then daily.
import { systemClock, type Clock } from '../../resilience/clock.ts';
import { checkRetentionDays, RetentionSchedule } from '../retention.ts';
import type { Store } from '../types.ts';
import { SqliteBudgetStore } from './budget-ledger.ts';
import { openDatabase, type SqliteDatabase } from './database.ts';
import { migrate } from './migrate.ts';
import { SqliteEvalHistory, SqliteModelRegistry } from './model-registry.ts';
import { SqliteOutcomes } from './outcomes.ts';
import { SqliteRequestLog } from './request-log.ts';

export interface SqliteStoreOptions {
  /** The database file (its folder is created); `:memory:` for a throwaway store. */
  path: string;
  /** Purge requests older than this many days on open, then daily. Default: keep all. */
  retentionDays?: number;
  clock?: Clock;
  /** Budget holds not finished within this time expire; default BUDGET_DEFAULTS.reservationTtlMs. */
  reservationTtlMs?: number;
  /** A failed daily purge is reported here (it is retried the next day). Default: a process warning. */
  onRetentionError?: (error: unknown) => void;
}

export interface SqliteStore extends Store {
  /** For tools and tests that need SQL the interfaces do not offer (reports, integrity checks). */
  readonly database: SqliteDatabase;
}

export async function openSqliteStore(options: SqliteStoreOptions): Promise<SqliteStore> {
  const clock = options.clock ?? systemClock;
  if (options.retentionDays !== undefined) checkRetentionDays(options.retentionDays);
  const db = openDatabase(options.path);
  try {
    return await assemble(db, clock, options);
  } catch (error) {
    db.close();
    throw error;
  }
}

async function assemble(db: SqliteDatabase, clock: Clock, options: SqliteStoreOptions): Promise<SqliteStore> {
  migrate(db, { now: clock.now() });
  const requests = new SqliteRequestLog(db);
  const retention =
    options.retentionDays === undefined
      ? undefined
      : new RetentionSchedule({
          retentionDays: options.retentionDays,
          clock,
          purge: (cutoff) => requests.purgeBefore(cutoff),
          onError: options.onRetentionError ?? ((error) => process.emitWarning(`rung store: retention purge failed: ${error instanceof Error ? error.message : String(error)}`)),
        });
  if (retention !== undefined) {
    await retention.runNow();
    retention.start();
  }
  let closed = false;
  return {
    database: db,
    requests,
    outcomes: new SqliteOutcomes(db),
    budgets: new SqliteBudgetStore(db, { clock, ...(options.reservationTtlMs === undefined ? {} : { reservationTtlMs: options.reservationTtlMs }) }),
    models: new SqliteModelRegistry(db, clock),
    evals: new SqliteEvalHistory(db),
    close: async () => {
      if (closed) return;
      closed = true;
      await retention?.stop();
      db.close();
    },
  };
}
