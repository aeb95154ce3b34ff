// The in-memory Store: for tests, the demo and single-process setups that need no durability.
import { MemoryBudgetStore } from '../../budgets/memory-store.ts';
import { systemClock, type Clock } from '../../resilience/clock.ts';
import { RetentionSchedule } from '../retention.ts';
import type { Store } from '../types.ts';
import { MemoryState } from './memory-state.ts';
import { MemoryModelRegistry, MemoryEvalHistory } from './model-registry.ts';
import { MemoryOutcomes } from './outcomes.ts';
import { MemoryRequestLog } from './request-log.ts';

export interface MemoryStoreOptions {
  clock?: Clock;
  /** Budget holds not finished within this time expire; default BUDGET_DEFAULTS.reservationTtlMs. */
  reservationTtlMs?: number;
  /** Requests kept at most; the oldest appended go first. Default 100,000. */
  maxRequests?: number;
  /** Purge requests older than this many days (on creation, then daily). Default: keep all. */
  retentionDays?: number;
}

export const DEFAULT_MEMORY_MAX_REQUESTS = 100_000;

export function createMemoryStore(options: MemoryStoreOptions = {}): Store {
  const clock = options.clock ?? systemClock;
  const state = new MemoryState(options.maxRequests ?? DEFAULT_MEMORY_MAX_REQUESTS);
  const requests = new MemoryRequestLog(state);
  const retention =
    options.retentionDays === undefined
      ? undefined
      : new RetentionSchedule({ retentionDays: options.retentionDays, clock, purge: (cutoff) => requests.purgeBefore(cutoff) });
  // Nothing is stored yet, so the purge on creation has nothing to do; only the daily run matters.
  retention?.start();
  return {
    requests,
    outcomes: new MemoryOutcomes(state),
    budgets: new MemoryBudgetStore({ clock, ...(options.reservationTtlMs === undefined ? {} : { reservationTtlMs: options.reservationTtlMs }) }),
    models: new MemoryModelRegistry(clock),
    evals: new MemoryEvalHistory(),
    close: async () => {
      await retention?.stop();
    },
  };
}
