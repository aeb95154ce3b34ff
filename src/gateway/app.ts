// The gateway's app factory. Tests call `buildApp` and drive it with `inject()` or a real socket;
// `src/cli/commands/serve.ts` is the only place that listens on a configured port.
import fastify, { type FastifyInstance } from 'fastify';
import type { RungConfig } from '../config/schema.ts';
import { systemClock, type Clock } from '../resilience/clock.ts';
import type { RecordSink } from '../records/request-record.ts';
import { FanOutSink, JsonLineSink } from '../records/sinks.ts';
import type { Store } from '../store/types.ts';
import { openConfiguredStore } from '../store/config.ts';
import { BatchingRecordSink } from '../store/batch-writer.ts';
import { mostExpensivePrice } from '../store/counterfactual.ts';
import { errorFromFastify } from './openai-api/render-error.ts';
import { GatewayRuntime, type RuntimeOptions } from './runtime.ts';
import type { AppContext } from './app-context.ts';
import { registerChatRoutes } from './routes/chat-completions.ts';
import { registerModelRoutes } from './routes/models.ts';
import { registerHealthRoutes } from './routes/health.ts';
import { registerScorerAdminRoutes } from './routes/scorer-admin.ts';
import { registerAnalyticsRoutes } from './routes/analytics.ts';
import { registerFeedbackRoutes } from './routes/feedback.ts';
import { registerMetricsRoutes } from './routes/metrics.ts';
import { registerExperimentRoutes } from './routes/experiments.ts';
import { registerScorerInfoRoutes } from './routes/scorer-info.ts';
import { MetricsSink, RungMetrics } from '../metrics/index.ts';
import { isDashboardSession, registerDashboard } from '../dashboard/register-dashboard.ts';
import { RungError } from '../errors/rung-error.ts';
import { sendError } from './send-error.ts';
import type { ComplexityScorer } from '../scorer/complexity-scorer.ts';
import { DEFAULT_MODEL_DIRECTORY } from '../scorer/default-model.ts';

/** Loads the scorer named in config (default: the shipped model). A configured model that fails to load stops the boot. */
async function loadConfiguredScorer(config: RungConfig): Promise<ComplexityScorer | null> {
  if (!config.scorer.enabled) return null;
  const directory = config.scorer.model_dir ?? DEFAULT_MODEL_DIRECTORY;
  try {
    // Imported on demand: the ONNX runtime and the kNN index cost memory a gateway without
    // score-driven routing should not pay.
    const { loadScorerModel } = await import('../scorer/scorer.ts');
    const { SwappableScorer } = await import('../scorer/swappable-scorer.ts');
    return new SwappableScorer(await loadScorerModel(directory), directory);
  } catch (error) {
    throw new Error(`scorer.model_dir: cannot load the scorer model at ${directory}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}

async function loadScorerVersions(config: RungConfig): Promise<Map<string, ComplexityScorer>> {
  const versions = new Map<string, ComplexityScorer>();
  for (const [name, directory] of Object.entries(config.scorer.versions)) {
    try {
      const { loadScorerModel } = await import('../scorer/scorer.ts');
      versions.set(name, await loadScorerModel(directory));
    } catch (error) {
      throw new Error(`scorer.versions.${name}: cannot load the scorer model at ${directory}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
  }
  return versions;
}

export interface AppDeps extends RuntimeOptions {
  clock?: Clock;
  /** An extra sink for request records (tests read them back); the store and the stdout log get them too. */
  records?: RecordSink;
  /** The store to use instead of opening the one in config (closed with the app either way). */
  store?: Store;
}

export interface BuiltApp {
  app: FastifyInstance;
  runtime: GatewayRuntime;
  context: AppContext;
}

export async function buildApp(config: RungConfig, deps: AppDeps = {}): Promise<BuiltApp> {
  const clock = deps.clock ?? systemClock;
  const scorer = deps.scorer !== undefined ? deps.scorer : await loadConfiguredScorer(config);
  const scorerVersions = deps.scorerVersions ?? (await loadScorerVersions(config));
  const store = deps.store ?? (await openConfiguredStore(config.store, { clock, reservationTtlMs: config.budget_ledger.reservation_ttl_s * 1000 }));
  const runtime = new GatewayRuntime(config, { ...deps, clock, scorer, scorerVersions, budgetStore: deps.budgetStore ?? store.budgets });
  const storeSink = new BatchingRecordSink(store.requests, {
    flushIntervalMs: config.store.flush_interval_ms,
    maxBatch: config.store.max_batch,
    keepPrompts: config.store.keep_prompts,
    premiumPrice: mostExpensivePrice(config.deployments),
  });
  const metrics = new RungMetrics();
  const sinks: RecordSink[] = [new MetricsSink(metrics, { premiumPrice: mostExpensivePrice(config.deployments) })];
  if (config.store.driver !== 'off') sinks.push(storeSink);
  if (config.server.request_log === 'stdout') sinks.push(new JsonLineSink(process.stdout));
  if (deps.records !== undefined) sinks.push(deps.records);
  const records = new FanOutSink(sinks);
  const context: AppContext = { runtime, records, clock, store, metrics, flushRecords: () => storeSink.flush() };

  const app = fastify({
    // Rung writes its own structured line per request; fastify's logger stays off.
    logger: false,
    bodyLimit: config.server.body_limit_bytes,
    return503OnClosing: true,
    forceCloseConnections: true,
  });

  app.setErrorHandler((error, _request, reply) => sendError(reply, errorFromFastify(error)));
  app.setNotFoundHandler((request, reply) =>
    sendError(reply, new RungError('route_not_found', `No route ${request.method} ${request.url.split('?')[0] ?? ''}.`)),
  );

  registerChatRoutes(app, context);
  registerModelRoutes(app, context);
  // Admin routes accept the admin key as a Bearer token or the dashboard's session cookie.
  const routeContext = { ...context, isAdminSession: (request: { headers: { cookie?: string } }) => isDashboardSession(request, config.server.admin_key) };
  registerHealthRoutes(app, context, routeContext);
  registerScorerAdminRoutes(app, context, routeContext);
  registerAnalyticsRoutes(app, routeContext);
  registerFeedbackRoutes(app, routeContext);
  registerMetricsRoutes(app, routeContext);
  registerExperimentRoutes(app, routeContext);
  registerScorerInfoRoutes(app, routeContext);
  registerDashboard(app, { adminKey: config.server.admin_key });

  app.addHook('onClose', async () => {
    // Flush buffered records before the store closes.
    await records.close();
    await store.close();
    await runtime.close();
  });
  await app.ready();
  return { app, runtime, context };
}
