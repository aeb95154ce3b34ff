// Budget states and the rule that picks the one that governs a request.
//
// A budget's state depends on its settled spend only, as a share of its limit:
//   ok        spent < soft_threshold x limit
//   soft      from soft_threshold: the gateway downgrades to a cheaper allowed model
//   throttle  from throttle_threshold: 429 budget_throttled with Retry-After
//   exhausted spent >= limit: 402 budget_exceeded
// Reservations of requests in flight are left out on purpose: they are maximum estimates, often
// far above what the calls end up costing, and counting them would flip states during bursts.
// They still count where it matters, in the hard reserve check (spent + reserved + estimate).
import type { BudgetConfig } from '../config/budget-schema.ts';

export const BUDGET_STATES = ['ok', 'soft', 'throttle', 'exhausted'] as const;
export type BudgetState = (typeof BUDGET_STATES)[number];

/** What is known about one applicable budget at decision time. */
export interface BudgetSignal {
  budget: Pick<BudgetConfig, 'id' | 'limit_usd' | 'soft_threshold' | 'throttle_threshold'>;
  spentUsd: number;
  reservedUsd: number;
  /** First millisecond of the next period, when spend starts again at zero. */
  periodEndMs: number;
}

export interface BudgetStateResult<Signal extends BudgetSignal = BudgetSignal> {
  state: BudgetState;
  /** The budget that set the state; null when no budget applies. */
  cause: Signal | null;
}

export function usedShare(signal: Pick<BudgetSignal, 'budget' | 'spentUsd'>): number {
  return signal.spentUsd / signal.budget.limit_usd;
}

export function stateOf(signal: Pick<BudgetSignal, 'budget' | 'spentUsd'>): BudgetState {
  const share = usedShare(signal);
  if (share >= 1) return 'exhausted';
  if (share >= signal.budget.throttle_threshold) return 'throttle';
  if (share >= signal.budget.soft_threshold) return 'soft';
  return 'ok';
}

export function severity(state: BudgetState): number {
  return BUDGET_STATES.indexOf(state);
}

/**
 * The worst state over the applicable budgets and the budget that caused it. Ties go to the
 * budget with the higher used share, then to the earlier one in the list (config order), so the
 * reason a client sees is stable. With every budget `ok`, the cause is the most used one.
 */
export function budgetState<Signal extends BudgetSignal>(signals: readonly Signal[]): BudgetStateResult<Signal> {
  let worst: { signal: Signal; state: BudgetState; share: number } | null = null;
  for (const signal of signals) {
    const state = stateOf(signal);
    const share = usedShare(signal);
    if (worst === null || severity(state) > severity(worst.state) || (state === worst.state && share > worst.share)) {
      worst = { signal, state, share };
    }
  }
  return worst === null ? { state: 'ok', cause: null } : { state: worst.state, cause: worst.signal };
}
