// The client-facing errors and reason strings for budgets. Messages name the budget, its limit,
// what was spent and when the period ends, so a caller can tell which limit stopped it and when
// it lifts. Reasons are plain ASCII because they travel in the `x-rung-reason` header.
import type { BudgetConfig } from '../config/budget-schema.ts';
import { RungError } from '../errors/rung-error.ts';
import { formatUsd } from './money.ts';
import { budgetScope } from './scope.ts';
import type { BudgetState } from './state.ts';

/** A budget with its current figures, as the errors describe it. */
export interface BudgetFigures {
  budget: BudgetConfig;
  spentUsd: number;
  reservedUsd: number;
  periodEndMs: number;
}

const PERIOD_ADJECTIVE = { day: 'daily', month: 'monthly' } as const;

/** 402: the budget has no room left for this request in this period. */
export function budgetExceededError(figures: BudgetFigures, estimateUsd?: number): RungError {
  const { budget, spentUsd, reservedUsd } = figures;
  const limit = `${formatUsd(budget.limit_usd)} ${PERIOD_ADJECTIVE[budget.period]} limit`;
  const periodEnd = new Date(figures.periodEndMs).toISOString();
  const message = estimateUsd === undefined
    ? `Budget "${budget.id}" is exhausted: ${formatUsd(spentUsd)} spent of its ${limit}; it resets at ${periodEnd}.`
    : `Budget "${budget.id}" has no room for this request: ${formatUsd(spentUsd)} spent + ${formatUsd(reservedUsd)} held by requests in flight`
      + ` + ${formatUsd(estimateUsd)} (this request's maximum estimated cost) would exceed its ${limit}; it resets at ${periodEnd}.`;
  return new RungError('budget_exceeded', message, { details: { budget: budgetDetails(figures) } });
}

/** 429: the budget is past its throttle threshold. */
export function budgetThrottledError(figures: BudgetFigures, nowMs: number): RungError {
  const { budget, spentUsd } = figures;
  const retryAfterMs = throttleRetryAfterMs(figures, nowMs);
  const percent = Math.floor((spentUsd / budget.limit_usd) * 100);
  const message = `Budget "${budget.id}" is at ${percent}% of its ${formatUsd(budget.limit_usd)} ${PERIOD_ADJECTIVE[budget.period]} limit`
    + ` (${formatUsd(spentUsd)} spent; throttled from ${Math.round(budget.throttle_threshold * 100)}%);`
    + ` retry after ${Math.ceil(retryAfterMs / 1000)} s. The period resets at ${new Date(figures.periodEndMs).toISOString()}.`;
  return new RungError('budget_throttled', message, { retryAfterMs, details: { budget: budgetDetails(figures) } });
}

/** The configured throttle window, but never past the reset, which lifts the throttle anyway. */
export function throttleRetryAfterMs(figures: Pick<BudgetFigures, 'budget' | 'periodEndMs'>, nowMs: number): number {
  const untilReset = Math.max(0, figures.periodEndMs - nowMs);
  const windowS = figures.budget.throttle_retry_after_s;
  return windowS === undefined ? untilReset : Math.min(windowS * 1000, untilReset);
}

/** For `x-rung-reason`, e.g. `budget support-daily soft: 82% of $50.00 daily`. */
export function budgetReason(figures: BudgetFigures, state: BudgetState): string {
  const { budget, spentUsd } = figures;
  const percent = Math.floor((spentUsd / budget.limit_usd) * 100);
  return `budget ${budget.id} ${state}: ${percent}% of ${formatUsd(budget.limit_usd)} ${PERIOD_ADJECTIVE[budget.period]}`;
}

/** Returned to clients under `error.budget` (snake_case like the rest of the OpenAI-style body). */
function budgetDetails(figures: BudgetFigures): Record<string, unknown> {
  const scope = budgetScope(figures.budget);
  return {
    id: figures.budget.id,
    scope: { [scope.kind]: scope.value },
    period: figures.budget.period,
    limit_usd: figures.budget.limit_usd,
    spent_usd: figures.spentUsd,
    reserved_usd: figures.reservedUsd,
    period_end: new Date(figures.periodEndMs).toISOString(),
  };
}
