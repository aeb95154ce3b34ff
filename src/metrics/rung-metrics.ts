// Rung's metric families and how one request record moves them. `observe` is on the request path
// (through MetricsSink; `observeScoring` is called by the chat route itself): a fixed handful of
// counter and histogram updates, no I/O, no allocation beyond a new label tuple. Gauges that
// describe state (breakers, budgets, scorer drift) are set at scrape time by `updateStateGauges`
// (state-gauges.ts).
import type { RequestRecord } from '../records/request-record.ts';
import { MetricsRegistry } from './registry.ts';

/** Seconds. A chat request takes from a few hundred milliseconds to minutes for long generations. */
export const REQUEST_DURATION_BUCKETS: readonly number[] = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120];
/** Seconds. A fallback costs one failed call (often a fast 429/5xx) plus backoff; timeouts take longer. */
export const FALLBACK_ADDED_BUCKETS: readonly number[] = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/** Seconds. The built-in scorer takes a fraction of a millisecond; its deadline defaults to 10 ms. */
export const SCORER_DURATION_BUCKETS: readonly number[] = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.1];

/** A non-finite or negative amount (a bug upstream) must not break the sink: it counts as 0. */
function amount(value: number): number {
  return Number.isFinite(value) && value > 0 ? value : 0;
}

export class RungMetrics {
  readonly registry = new MetricsRegistry();

  readonly requests = this.registry.counter(
    'rung_requests_total',
    'Recorded requests by policy (empty for a direct deployment request), serving deployment (empty when none served), its tier and status (ok, error, stream_error, client_closed).',
    ['policy', 'deployment', 'tier', 'status'],
  );
  readonly cost = this.registry.counter('rung_cost_usd_total', 'USD spent, by deployment; each cascade step is charged to the deployment that ran it.', ['deployment']);
  readonly referenceCost = this.registry.counter(
    'rung_reference_cost_usd_total',
    "USD the same usage would have cost at each request's reference deployment (the requested model, or the policy's most expensive).",
  );
  readonly premiumCounterfactual = this.registry.counter(
    'rung_premium_counterfactual_usd_total',
    'USD the same usage would have cost on the most expensive deployment: the all-premium counterfactual.',
  );
  readonly fallbacks = this.registry.counter('rung_fallbacks_total', 'Requests that called more than one target, by outcome (success: answered ok, failure: not).', ['outcome']);
  readonly cascades = this.registry.counter('rung_cascades_total', 'Cascade requests by outcome (passed at the first step, escalated, exhausted).', ['outcome']);
  readonly escalations = this.registry.counter(
    'rung_escalations_total',
    'Cascade requests whose answer did not come from the first step, by outcome (escalated: a later step passed; exhausted: no step passed).',
    ['outcome'],
  );
  readonly duration = this.registry.histogram('rung_request_duration_seconds', 'End-to-end latency of recorded requests.', [], REQUEST_DURATION_BUCKETS);
  readonly fallbackAdded = this.registry.histogram(
    'rung_fallback_added_seconds',
    'Time failed attempts and backoff added before the serving attempt started, for requests that fell back and were served.',
    [],
    FALLBACK_ADDED_BUCKETS,
  );
  readonly scorerDuration = this.registry.histogram(
    'rung_scorer_duration_seconds',
    'Time spent scoring requests of score-driven routes, by outcome (ok, timeout, error): what the scorer adds before the first upstream call.',
    ['outcome'],
    SCORER_DURATION_BUCKETS,
  );
  readonly breakerOpen = this.registry.gauge('rung_breaker_open', "1 while the deployment's circuit breaker is open or half-open (probing), 0 when closed.", ['deployment']);
  readonly scorerDriftAlarm = this.registry.gauge('rung_scorer_drift_alarm', '1 when the latest scorer evaluation was not accepted (quality fell below the last accepted run), else 0.');
  readonly budgetLimit = this.registry.gauge('rung_budget_limit_usd', 'Limit of each budget in its current period.', ['budget']);
  readonly budgetSpent = this.registry.gauge('rung_budget_spent_usd', 'USD spent against each budget in its current period.', ['budget']);
  readonly budgetReserved = this.registry.gauge('rung_budget_reserved_usd', 'USD held by in-flight requests against each budget.', ['budget']);
  readonly budgetUsedRatio = this.registry.gauge('rung_budget_used_ratio', 'Spent / limit of each budget in its current period.', ['budget']);
  readonly budgetState = this.registry.gauge('rung_budget_state', 'One series per budget and state (ok, soft, throttle, exhausted): 1 for its current state.', ['budget', 'state']);
  readonly scrapeErrors = this.registry.counter('rung_metrics_scrape_errors_total', 'Scrapes where a source of state gauges failed (its gauges keep their last values).', ['source']);

  /** Counts one finished request. `premiumCostUsd` is its all-premium counterfactual (store/counterfactual.ts). */
  observe(record: RequestRecord, premiumCostUsd: number): void {
    const deployment = record.finalDeployment ?? '';
    this.requests.inc([record.policy ?? '', deployment, record.tier ?? '', record.status]);
    this.chargeCost(record);
    this.referenceCost.inc([], amount(record.referenceCostUsd));
    this.premiumCounterfactual.inc([], amount(premiumCostUsd));
    if (record.fallback) {
      this.fallbacks.inc([record.status === 'ok' ? 'success' : 'failure']);
      // Only a served request has a serving attempt whose start the fallback delayed.
      if (record.finalDeployment !== null) this.fallbackAdded.observe([], amount(record.fallbackLatencyMs) / 1000);
    }
    if (record.cascade !== null) {
      this.cascades.inc([record.cascade.outcome]);
      if (record.cascade.outcome !== 'passed') this.escalations.inc([record.cascade.outcome]);
    }
    this.duration.observe([], amount(record.latencyMs) / 1000);
  }

  /** Counts one score call of the request path (`failure` null when it produced a score). */
  observeScoring(failure: 'timeout' | 'error' | 'disabled' | null, latencyMs: number): void {
    if (failure === 'disabled') return;
    this.scorerDuration.observe([failure ?? 'ok'], amount(latencyMs) / 1000);
  }

  /** The whole exposition (call `updateStateGauges` first for fresh state gauges). */
  render(): string {
    return this.registry.render();
  }

  private chargeCost(record: RequestRecord): void {
    const total = amount(record.costUsd);
    if (total === 0) return;
    let charged = 0;
    for (const step of record.cascade?.steps ?? []) {
      const stepCost = amount(step.costUsd);
      if (stepCost === 0) continue;
      this.cost.inc([step.deployment ?? record.finalDeployment ?? ''], stepCost);
      charged += stepCost;
    }
    // Whatever the steps do not account for (every non-cascade request) is the serving deployment's.
    const rest = total - charged;
    if (rest > 1e-12) this.cost.inc([record.finalDeployment ?? ''], rest);
  }
}
