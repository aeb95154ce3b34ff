// Records made by the real gateway (buildApp in front of a fake OpenAI server on 127.0.0.1) reach
// the analytics, feedback and metrics routes: the store's batch writer holds them until the
// feedback route flushes it, the analytics totals match the responses, and the Prometheus counters
// fed by MetricsSink agree with the store.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp, type BuiltApp } from '../../src/gateway/app.ts';
import { registerAnalyticsRoutes } from '../../src/gateway/routes/analytics.ts';
import { registerFeedbackRoutes } from '../../src/gateway/routes/feedback.ts';
import { registerMetricsRoutes } from '../../src/gateway/routes/metrics.ts';
import { startFakeProvider } from '../../src/fakes/server.ts';
import type { FakeProvider } from '../../src/fakes/types.ts';
import { MetricsSink } from '../../src/metrics/metrics-sink.ts';
import { RungMetrics } from '../../src/metrics/rung-metrics.ts';
import { ManualClock } from '../../src/resilience/clock.ts';
import { mostExpensivePrice } from '../../src/store/counterfactual.ts';
import { openSqliteStore, type SqliteStore } from '../../src/store/sqlite/open-sqlite-store.ts';
import { tempFolder } from '../store/fixtures/records.ts';
import { parseExposition, valueOf } from './exposition-check.ts';
import { ADMIN, ADMIN_KEY, bearer, KEY_ENV, KEYS, routesApp } from './harness.ts';
import { parseConfig } from '../../src/config/load.ts';

const folder = tempFolder('rung-gateway-records-');
const clock = new ManualClock(Date.UTC(2026, 10, 24, 12));
let fake: FakeProvider;
let store: SqliteStore;
let built: BuiltApp;
let routes: FastifyInstance;
const metrics = new RungMetrics();

beforeAll(async () => {
  fake = await startFakeProvider({ kind: 'openai' });
  const config = parseConfig(
    {
      server: { admin_key: ADMIN_KEY, request_log: 'off' },
      scorer: { enabled: false },
      // Only an explicit flush writes records: the test can see a request that is not stored yet.
      store: { flush_interval_ms: 3_600_000 },
      providers: [{ id: 'openai', type: 'openai', base_url: fake.url, api_key: 'sk-fake' }],
      deployments: [
        { id: 'cheap', provider: 'openai', model: 'gpt-cheap', price: { input_per_mtok: 0.1, output_per_mtok: 0.4 }, context_window: 128000, tier: 'light' },
        { id: 'strong', provider: 'openai', model: 'gpt-strong', price: { input_per_mtok: 10, output_per_mtok: 30 }, context_window: 128000, tier: 'premium' },
      ],
      keys: [{ id: 'key-a', key_env: 'KEY_A', workspace: 'ws' }],
      policies: { chain: { strategy: { type: 'priority', targets: ['cheap', 'strong'] } } },
    },
    'gateway-records',
    KEY_ENV,
  );
  store = await openSqliteStore({ path: folder.file('rung.db') });
  built = await buildApp(config, { env: KEY_ENV, clock, store, scorer: null, records: new MetricsSink(metrics, { premiumPrice: mostExpensivePrice(config.deployments) }) });
  const context = { runtime: built.runtime, store, clock, flushRecords: built.context.flushRecords, metrics };
  routes = await routesApp((app) => {
    registerAnalyticsRoutes(app, context);
    registerFeedbackRoutes(app, context);
    registerMetricsRoutes(app, context);
  });
});
afterAll(async () => {
  await routes.close();
  await built.app.close(); // flushes the writer, then closes the store
  await fake.close();
  folder.remove();
});

async function chat(model: string): Promise<{ requestId: string; costUsd: number }> {
  const response = await built.app.inject({
    method: 'POST',
    url: '/v1/chat/completions',
    headers: { 'content-type': 'application/json', ...bearer(KEYS.a) },
    payload: JSON.stringify({ model, messages: [{ role: 'user', content: 'Say hello in three words.' }] }),
  });
  expect(response.statusCode, response.body).toBe(200);
  return { requestId: String(response.headers['x-rung-request-id']), costUsd: Number(response.headers['x-rung-cost-usd']) };
}

describe('records from the gateway', () => {
  it('are rated through the writer flush, then counted by the analytics and the metrics alike', async () => {
    const answers = [await chat('cheap'), await chat('chain'), await chat('strong')];
    const [first] = answers;
    if (first === undefined) throw new Error('no answer');
    expect(await store.requests.get(first.requestId)).toBeNull(); // still in the writer's buffer
    // Ids lead with the gateway clock's receive time, so the log's index on them grows at its end.
    for (const answer of answers) expect(Number.parseInt(answer.requestId.slice(0, 12), 16)).toBe(clock.now());

    const feedback = await routes.inject({
      method: 'POST',
      url: '/v1/feedback',
      headers: { 'content-type': 'application/json', ...bearer(KEYS.a) },
      payload: JSON.stringify({ request_id: first.requestId, score: 'up' }),
    });
    expect(feedback.statusCode, feedback.body).toBe(200);
    expect(await store.requests.get(first.requestId)).not.toBeNull();

    const window = `from=${new Date(clock.now() - 60_000).toISOString()}&to=${new Date(clock.now() + 60_000).toISOString()}`;
    const analytics = (await routes.inject({ method: 'GET', url: `/api/v1/analytics?${window}&group_by=model`, headers: ADMIN })).json();
    const paid = answers.reduce((sum, answer) => sum + answer.costUsd, 0);
    expect(analytics.totals).toMatchObject({ requests: 3, errors: 0, feedback_count: 1, feedback_avg: 1, strong_tier_share: 0.333333 }); // rates have 6 decimals
    expect(analytics.totals.cost_usd).toBeCloseTo(paid, 7); // headers carry 8 decimals
    expect(analytics.groups.map((group: { key: string; requests: number }) => [group.key, group.requests])).toEqual([['cheap', 2], ['strong', 1]]);

    const list = (await routes.inject({ method: 'GET', url: '/api/v1/analytics/requests?policy=chain', headers: ADMIN })).json();
    expect(list.requests).toHaveLength(1);
    expect(list.requests[0]).toMatchObject({ request_id: answers[1]?.requestId, policy: 'chain', deployment: 'cheap', status: 'ok', reference_deployment: 'strong' });

    const page = parseExposition((await routes.inject({ method: 'GET', url: '/metrics' })).body);
    const requestSeries = page.get('rung_requests_total')?.samples ?? [];
    expect(requestSeries.reduce((sum, sample) => sum + sample.value, 0)).toBe(3);
    expect(valueOf(page, 'rung_requests_total', { policy: 'chain', deployment: 'cheap', tier: 'light', status: 'ok' })).toBe(1);
    const counted = (page.get('rung_cost_usd_total')?.samples ?? []).reduce((sum, sample) => sum + sample.value, 0);
    expect(counted).toBeCloseTo(analytics.totals.cost_usd, 9);
    expect(valueOf(page, 'rung_premium_counterfactual_usd_total')).toBeCloseTo(analytics.totals.premium_cost_usd, 9);
  });
});
