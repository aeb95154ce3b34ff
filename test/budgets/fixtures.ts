// Shared test parts for budgets: budgets parsed by the real schema, a fixed noon UTC start time,
// a seeded PRNG and a helper that yields to the event loop a random number of times.
import { BudgetSchema, type BudgetConfig } from '../../src/config/budget-schema.ts';

/** 2024-05-17T12:00:00Z, a Friday in the middle of a month. */
export const NOON = Date.UTC(2024, 4, 17, 12);

export function budget(fields: Record<string, unknown>): BudgetConfig {
  return BudgetSchema.parse({ period: 'day', limit_usd: 10, ...fields });
}

export const identity = (fields: Partial<Record<'keyId' | 'agent' | 'department' | 'workspace', string>> = {}) => ({
  keyId: fields.keyId ?? null,
  agent: fields.agent ?? null,
  department: fields.department ?? null,
  workspace: fields.workspace ?? null,
});

/** mulberry32: deterministic uniform [0, 1). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Yields up to `maxRounds` times, each a macrotask (setImmediate) or a microtask, at random. */
export async function yieldRandomly(random: () => number, maxRounds: number): Promise<void> {
  const rounds = Math.floor(random() * (maxRounds + 1));
  for (let round = 0; round < rounds; round += 1) {
    if (random() < 0.5) await new Promise<void>((resolve) => setImmediate(resolve));
    else await new Promise<void>((resolve) => queueMicrotask(resolve));
  }
}
