// Gauges sampled at scrape time: breaker state per deployment, budgets in their current period and
// the scorer drift alarm. Every source is read first (some are async), then all gauges are set in
// one synchronous step, so a concurrent scrape never renders half-updated state. A failing source
// keeps its gauges' last values and is counted in `rung_metrics_scrape_errors_total`.
import type { RungMetrics } from './rung-metrics.ts';

/** What the budget gauges read from `BudgetService.snapshot()`. */
export interface BudgetFigures {
  id: string;
  limitUsd: number;
  spentUsd: number;
  reservedUsd: number;
  usedShare: number;
  state: string;
}

export const BUDGET_STATE_NAMES = ['ok', 'soft', 'throttle', 'exhausted'] as const;

export interface StateSources {
  /** Every deployment of the catalogue with its breaker state. */
  breakers: () => readonly { deployment: string; state: 'closed' | 'open' | 'half_open' }[];
  budgets?: () => Promise<readonly BudgetFigures[]>;
  /** The newest evaluation run's `accepted`, or null when there is none. */
  lastEvalAccepted?: () => Promise<boolean | null>;
}

type Read<T> = { ok: true; value: T } | { ok: false };

async function read<T>(source: (() => Promise<T>) | undefined): Promise<Read<T> | undefined> {
  if (source === undefined) return undefined;
  try {
    return { ok: true, value: await source() };
  } catch {
    return { ok: false };
  }
}

export async function updateStateGauges(metrics: RungMetrics, sources: StateSources): Promise<void> {
  const [budgets, accepted] = await Promise.all([read(sources.budgets), read(sources.lastEvalAccepted)]);
  const breakers = sources.breakers();

  metrics.breakerOpen.clear();
  for (const { deployment, state } of breakers) metrics.breakerOpen.set([deployment], state === 'closed' ? 0 : 1);

  if (budgets?.ok === false) metrics.scrapeErrors.inc(['budgets']);
  if (budgets?.ok === true) {
    for (const gauge of [metrics.budgetLimit, metrics.budgetSpent, metrics.budgetReserved, metrics.budgetUsedRatio, metrics.budgetState]) gauge.clear();
    for (const budget of budgets.value) {
      metrics.budgetLimit.set([budget.id], budget.limitUsd);
      metrics.budgetSpent.set([budget.id], budget.spentUsd);
      metrics.budgetReserved.set([budget.id], budget.reservedUsd);
      metrics.budgetUsedRatio.set([budget.id], budget.usedShare);
      for (const state of BUDGET_STATE_NAMES) metrics.budgetState.set([budget.id, state], budget.state === state ? 1 : 0);
    }
  }

  if (accepted?.ok === false) metrics.scrapeErrors.inc(['scorer_evals']);
  if (accepted?.ok === true) metrics.scorerDriftAlarm.set([], accepted.value === false ? 1 : 0);
}
