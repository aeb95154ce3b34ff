// The `store:` config section and opening the configured store. The lead adds
// `store: StoreConfigSchema` to ConfigSchema (src/config/schema.ts).
import { z } from 'zod';
import type { Clock } from '../resilience/clock.ts';
import { DEFAULT_FLUSH_INTERVAL_MS, DEFAULT_MAX_BATCH } from './batch-writer.ts';
import { createMemoryStore, DEFAULT_MEMORY_MAX_REQUESTS } from './memory/create-memory-store.ts';
import type { Store } from './types.ts';

export const StoreConfigSchema = z
  .strictObject({
    /**
     * `memory` keeps nothing across restarts; `sqlite` writes `path`; `off` keeps no request log at
     * all (analytics, feedback and retraining then have nothing to read; budgets stay in memory).
     */
    driver: z.enum(['memory', 'sqlite', 'off']).default('sqlite'),
    /** The SQLite file (WAL mode: `-wal` and `-shm` files sit beside it). */
    path: z.string().min(1).default('./data/rung.db'),
    /** Delete requests (and their prompts and feedback) older than this; absent: keep all. */
    retention_days: z.number().positive().optional(),
    /**
     * Keep the scorer's text of each request for retraining. It is the user's prompt (system
     * prompt and last user turns, up to 4,000 characters): turn this off where prompts may hold
     * personal or confidential data that must not rest on the gateway's disk.
     */
    keep_prompts: z.boolean().default(true),
    /** `memory` driver only: requests kept at most, the oldest dropped first (bounds its memory). */
    max_requests: z.number().int().positive().default(DEFAULT_MEMORY_MAX_REQUESTS),
    flush_interval_ms: z.number().int().positive().default(DEFAULT_FLUSH_INTERVAL_MS),
    max_batch: z.number().int().positive().default(DEFAULT_MAX_BATCH),
  })
  .prefault({});

export type StoreConfig = z.infer<typeof StoreConfigSchema>;

export interface OpenStoreDeps {
  clock?: Clock;
  /** From `budget_ledger.reservation_ttl_s` × 1000. */
  reservationTtlMs?: number;
}

export async function openConfiguredStore(config: StoreConfig, deps: OpenStoreDeps = {}): Promise<Store> {
  const common = {
    ...(deps.clock === undefined ? {} : { clock: deps.clock }),
    ...(deps.reservationTtlMs === undefined ? {} : { reservationTtlMs: deps.reservationTtlMs }),
    ...(config.retention_days === undefined ? {} : { retentionDays: config.retention_days }),
  };
  if (config.driver === 'memory') return createMemoryStore({ ...common, maxRequests: config.max_requests });
  // `off`: no request log is written (app.ts leaves the writer out); budgets still need a ledger.
  if (config.driver === 'off') return createMemoryStore(common);
  // Loaded only when used: the native SQLite module costs memory a memory-store gateway never needs.
  const { openSqliteStore } = await import('./sqlite/open-sqlite-store.ts');
  return openSqliteStore({ path: config.path, ...common });
}
