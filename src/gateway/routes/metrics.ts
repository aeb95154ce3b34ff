// GET /metrics: Prometheus text exposition, no auth (bind the gateway to a private interface or
// scrape through it). Request counters are fed by MetricsSink as records are written; breaker,
// budget and scorer-drift gauges are read here, at scrape time.
import type { FastifyInstance } from 'fastify';
import { EXPOSITION_CONTENT_TYPE } from '../../metrics/exposition.ts';
import type { RungMetrics } from '../../metrics/rung-metrics.ts';
import { updateStateGauges, type StateSources } from '../../metrics/state-gauges.ts';
import type { EvalHistoryStore } from '../../store/types.ts';
import type { GatewayRuntime } from '../runtime.ts';
import { answerError } from '../auth/require-admin.ts';

export interface MetricsRoutesContext {
  runtime: Pick<GatewayRuntime, 'catalog' | 'executor' | 'budgets'>;
  metrics: RungMetrics;
  /** For `rung_scorer_drift_alarm`; absent: the gauge stays 0. */
  store?: { readonly evals: Pick<EvalHistoryStore, 'list'> };
}

export function registerMetricsRoutes(app: FastifyInstance, context: MetricsRoutesContext): void {
  const sources = stateSources(context);
  app.get('/metrics', async (_request, reply) => {
    try {
      await updateStateGauges(context.metrics, sources);
      return reply.type(EXPOSITION_CONTENT_TYPE).send(context.metrics.render());
    } catch (error) {
      return answerError(reply, error);
    }
  });
}

function stateSources({ runtime, store }: MetricsRoutesContext): StateSources {
  const evals = store?.evals;
  return {
    breakers: () => runtime.catalog.all().map((deployment) => ({ deployment: deployment.id, state: runtime.executor.breakers.state(deployment.id) })),
    budgets: () => runtime.budgets.snapshot(),
    ...(evals === undefined ? {} : { lastEvalAccepted: async () => (await evals.list(1))[0]?.accepted ?? null }),
  };
}
