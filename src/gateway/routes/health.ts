// GET /healthz (liveness, no auth) and GET /api/v1/admin/router/health (per provider and
// deployment, from real traffic only: no billed health-check calls).
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../app-context.ts';
import type { GatewayRuntime } from '../runtime.ts';
import { requireAdmin, type AdminAccess } from '../auth/require-admin.ts';

type Status = 'healthy' | 'degraded' | 'down';

export function registerHealthRoutes(app: FastifyInstance, { runtime }: AppContext, access: AdminAccess): void {
  const admin = { preHandler: requireAdmin(access) };
  app.get('/healthz', (_request, reply) => reply.send({ status: 'ok' }));
  app.get('/api/v1/admin/router/health', admin, (_request, reply) => reply.send(routerHealth(runtime)));
  app.get('/api/v1/admin/budgets', admin, async (_request, reply) => reply.send({ budgets: await runtime.budgets.snapshot() }));
}

export function routerHealth(runtime: GatewayRuntime) {
  const { breakers, health } = runtime.executor;
  const deployments = runtime.catalog.all().map((deployment) => {
    const breaker = breakers.get(deployment.id).snapshot();
    const lastError = health.lastError(deployment.id);
    return {
      id: deployment.id,
      provider: deployment.provider,
      model: deployment.model,
      tier: deployment.tier,
      region: deployment.region ?? null,
      status: health.status(deployment.id, breaker.state) as Status,
      latency_ms: roundOrNull(health.latencyMs(deployment.id)),
      success_rate: roundOrNull(health.successRate(deployment.id), 4),
      in_flight: health.inFlight(deployment.id),
      breaker: { state: breaker.state, consecutive_failures: breaker.consecutiveFailures },
      last_error_class: lastError?.errorClass ?? null,
      last_error_at: lastError === undefined ? null : new Date(lastError.at).toISOString(),
    };
  });
  const providers = runtime.config.providers.map((provider) => {
    const own = deployments.filter((deployment) => deployment.provider === provider.id);
    const latencies = own.map((d) => d.latency_ms).filter((v): v is number => v !== null);
    const rates = own.map((d) => d.success_rate).filter((v): v is number => v !== null);
    return {
      id: provider.id,
      type: provider.type,
      region: provider.region ?? null,
      status: combine(own.map((d) => d.status)),
      latency_ms: latencies.length === 0 ? null : Math.round(Math.min(...latencies)),
      success_rate: rates.length === 0 ? null : Math.round((rates.reduce((a, b) => a + b, 0) / rates.length) * 10_000) / 10_000,
      deployments: own.map((d) => d.id),
    };
  });
  return { providers, deployments };
}

/** A provider is healthy when all its deployments are, down when all are down, else degraded. */
function combine(statuses: Status[]): Status {
  if (statuses.length === 0 || statuses.every((s) => s === 'healthy')) return 'healthy';
  if (statuses.every((s) => s === 'down')) return 'down';
  return 'degraded';
}

function roundOrNull(value: number | undefined, digits = 1): number | null {
  if (value === undefined) return null;
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
