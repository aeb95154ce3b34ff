// GET /metrics fed by MetricsSink: request, cost, counterfactual, fallback and escalation counters
// from hand-made records, both histograms, and the scrape-time gauges (breakers from the runtime,
// budgets from the budget service, the drift alarm from a real SQLite eval history). Every page is
// checked against the exposition rules before values are read from it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { registerMetricsRoutes } from '../../src/gateway/routes/metrics.ts';
import type { GatewayRuntime } from '../../src/gateway/runtime.ts';
import { MetricsSink } from '../../src/metrics/metrics-sink.ts';
import { RungMetrics } from '../../src/metrics/rung-metrics.ts';
import { FanOutSink, MemorySink } from '../../src/records/sinks.ts';
import { parseExposition, valueOf, type Family } from './exposition-check.ts';
import { at, makeRecord, NOON, openTestStore, richRecord, routesApp, testConfig, testRuntime, type TestStore } from './harness.ts';

let db: TestStore;
let app: FastifyInstance;
let runtime: GatewayRuntime;
const metrics = new RungMetrics();
const memory = new MemorySink();
const errors: unknown[] = [];

const r1 = makeRecord({ requestId: 'm1', policy: 'auto', latencyMs: 130 }); // cheap, ok, cost 0.001, reference 0.01
// A direct request: its premium counterfactual is priced at the catalogue's dearest deployment.
const r4 = makeRecord({
  requestId: 'm4', routeKind: 'deployment', requested: 'mid', policy: null, finalDeployment: 'mid', tier: 'mid', referenceDeployment: 'mid',
  usage: { promptTokens: 1000, completionTokens: 500, totalTokens: 1500 }, costUsd: 0.004, referenceCostUsd: 0.004, latencyMs: 400,
});
const r5 = richRecord('m5'); // escalated cascade: cheap 0.0004 + strong 0.0123; fallback served after 50 ms; latency 951
const r3 = makeRecord({
  requestId: 'm3', status: 'error', httpStatus: 502, finalDeployment: null, finalProvider: null, finalModel: null, tier: null, usage: null,
  costUsd: 0, referenceCostUsd: 0, fallback: true, fallbackLatencyMs: 0, latencyMs: 300,
});
const odd = makeRecord({ requestId: 'm7', policy: 'we"ird\\pol', costUsd: Number.NaN, latencyMs: 20 });

async function scrape(): Promise<{ text: string; families: Map<string, Family>; contentType: string }> {
  const response = await app.inject({ method: 'GET', url: '/metrics' });
  expect(response.statusCode).toBe(200);
  return { text: response.body, families: parseExposition(response.body), contentType: String(response.headers['content-type']) };
}

beforeAll(async () => {
  db = await openTestStore();
  runtime = testRuntime(testConfig({ budgets: [{ id: 'team-a', scope: { key: 'key-a' }, period: 'day', limit_usd: 10 }] }));
  app = await routesApp((instance) => registerMetricsRoutes(instance, { runtime, metrics, store: db.store }));
  // As the lead wires it: one fan-out to the store's writer (here a memory sink) and the metrics.
  const records = new FanOutSink([memory, new MetricsSink(metrics, { premiumPrice: { input_per_mtok: 10, output_per_mtok: 30 }, onError: (error) => errors.push(error) })]);
  for (const record of [r1, r4, r5, r3, odd]) records.write(record);
});
afterAll(async () => {
  await app.close();
  await db.close();
});

describe('request counters', () => {
  it('serves the text format with its content type', async () => {
    const { contentType, families } = await scrape();
    expect(contentType).toBe('text/plain; version=0.0.4; charset=utf-8');
    expect(families.get('rung_requests_total')?.type).toBe('counter');
    expect(families.get('rung_request_duration_seconds')?.type).toBe('histogram');
    expect(memory.records).toHaveLength(5);
    expect(errors).toEqual([]);
  });

  it('counts requests by policy, deployment, tier and status, escaping odd label values', async () => {
    const { families, text } = await scrape();
    expect(valueOf(families, 'rung_requests_total', { policy: 'auto', deployment: 'cheap', tier: 'light', status: 'ok' })).toBe(1);
    expect(valueOf(families, 'rung_requests_total', { policy: '', deployment: 'mid', tier: 'mid', status: 'ok' })).toBe(1);
    expect(valueOf(families, 'rung_requests_total', { policy: 'auto', deployment: 'strong', tier: 'premium', status: 'ok' })).toBe(1);
    expect(valueOf(families, 'rung_requests_total', { policy: 'auto', deployment: '', tier: '', status: 'error' })).toBe(1);
    expect(valueOf(families, 'rung_requests_total', { policy: 'we"ird\\pol', deployment: 'cheap', tier: 'light', status: 'ok' })).toBe(1);
    expect(text).toContain('policy="we\\"ird\\\\pol"');
  });

  it('charges cost per deployment, cascade steps to their own deployment; a NaN cost counts as 0', async () => {
    const { families } = await scrape();
    expect(valueOf(families, 'rung_cost_usd_total', { deployment: 'cheap' })).toBeCloseTo(0.001 + 0.0004, 12);
    expect(valueOf(families, 'rung_cost_usd_total', { deployment: 'strong' })).toBeCloseTo(0.0123, 12);
    expect(valueOf(families, 'rung_cost_usd_total', { deployment: 'mid' })).toBeCloseTo(0.004, 12);
    expect(families.get('rung_cost_usd_total')?.samples).toHaveLength(3);
  });

  it('sums the reference cost and the all-premium counterfactual', async () => {
    const { families } = await scrape();
    // m1 0.01, m4 0.004, m5 0.0123, m3 0, m7 0.01
    expect(valueOf(families, 'rung_reference_cost_usd_total')).toBeCloseTo(0.0363, 12);
    // policy routes: their reference; m4 direct: (1000 × 10 + 500 × 30) / 1e6 = 0.025
    expect(valueOf(families, 'rung_premium_counterfactual_usd_total')).toBeCloseTo(0.01 + 0.025 + 0.0123 + 0 + 0.01, 12);
  });

  it('counts fallbacks by outcome and escalations by cascade outcome', async () => {
    const { families } = await scrape();
    expect(valueOf(families, 'rung_fallbacks_total', { outcome: 'success' })).toBe(1);
    expect(valueOf(families, 'rung_fallbacks_total', { outcome: 'failure' })).toBe(1);
    expect(valueOf(families, 'rung_escalations_total', { outcome: 'escalated' })).toBe(1);
    expect(valueOf(families, 'rung_escalations_total', { outcome: 'exhausted' })).toBeUndefined();
    expect(valueOf(families, 'rung_cascades_total', { outcome: 'escalated' })).toBe(1);
  });

  it('observes latency for every request and fallback time for served fallbacks only', async () => {
    const { families } = await scrape();
    expect(valueOf(families, 'rung_request_duration_seconds', {}, 'rung_request_duration_seconds_count')).toBe(5);
    expect(valueOf(families, 'rung_request_duration_seconds', {}, 'rung_request_duration_seconds_sum')).toBeCloseTo((130 + 400 + 951 + 300 + 20) / 1000, 12);
    expect(valueOf(families, 'rung_request_duration_seconds', { le: '0.25' }, 'rung_request_duration_seconds_bucket')).toBe(2); // 0.13, 0.02
    expect(valueOf(families, 'rung_request_duration_seconds', { le: '0.5' }, 'rung_request_duration_seconds_bucket')).toBe(4);
    expect(valueOf(families, 'rung_request_duration_seconds', { le: '1' }, 'rung_request_duration_seconds_bucket')).toBe(5);
    expect(valueOf(families, 'rung_fallback_added_seconds', {}, 'rung_fallback_added_seconds_count')).toBe(1);
    expect(valueOf(families, 'rung_fallback_added_seconds', {}, 'rung_fallback_added_seconds_sum')).toBeCloseTo(0.05, 12);
    expect(valueOf(families, 'rung_fallback_added_seconds', { le: '0.05' }, 'rung_fallback_added_seconds_bucket')).toBe(1);
    expect(valueOf(families, 'rung_fallback_added_seconds', { le: '0.025' }, 'rung_fallback_added_seconds_bucket')).toBe(0);
  });
});

describe('state gauges', () => {
  it('shows every deployment breaker, 1 once it opens', async () => {
    const before = await scrape();
    for (const deployment of ['cheap', 'mid', 'strong']) expect(valueOf(before.families, 'rung_breaker_open', { deployment })).toBe(0);
    const breaker = runtime.executor.breakers.get('strong');
    for (let failure = 0; failure < 2; failure++) {
      expect(breaker.tryAcquire()).toBe(true);
      breaker.recordFailure();
    }
    expect(breaker.state()).toBe('open');
    const after = await scrape();
    expect(valueOf(after.families, 'rung_breaker_open', { deployment: 'strong' })).toBe(1);
    expect(valueOf(after.families, 'rung_breaker_open', { deployment: 'cheap' })).toBe(0);
  });

  it('raises the drift alarm when the newest eval run was not accepted', async () => {
    expect(valueOf((await scrape()).families, 'rung_scorer_drift_alarm')).toBe(0);
    const run = { modelVersion: 'v1', dataset: 'dev', apgr: 0.6, auc: 0.8, cpt50: 0.3, cpt80: 0.5, notes: '' };
    await db.store.evals.append({ ...run, at: NOON, accepted: true });
    await db.store.evals.append({ ...run, at: at(1, 0), accepted: false, apgr: 0.4 });
    expect(valueOf((await scrape()).families, 'rung_scorer_drift_alarm')).toBe(1);
    await db.store.evals.append({ ...run, at: at(2, 0), accepted: true });
    expect(valueOf((await scrape()).families, 'rung_scorer_drift_alarm')).toBe(0);
  });

  it('shows each budget in its period', async () => {
    const reservation = await runtime.budgets.reserve({ keyId: 'key-a', agent: null, department: null, workspace: null }, 1);
    if (!('settle' in reservation)) throw reservation;
    await reservation.settle(2.5);
    const { families } = await scrape();
    expect(valueOf(families, 'rung_budget_limit_usd', { budget: 'team-a' })).toBe(10);
    expect(valueOf(families, 'rung_budget_spent_usd', { budget: 'team-a' })).toBeCloseTo(2.5, 9);
    expect(valueOf(families, 'rung_budget_reserved_usd', { budget: 'team-a' })).toBe(0);
    expect(valueOf(families, 'rung_budget_used_ratio', { budget: 'team-a' })).toBeCloseTo(0.25, 9);
    expect(valueOf(families, 'rung_budget_state', { budget: 'team-a', state: 'ok' })).toBe(1);
    expect(valueOf(families, 'rung_budget_state', { budget: 'team-a', state: 'exhausted' })).toBe(0);
  });

  it('keeps serving when a source fails, and counts the failure', async () => {
    const failing = await routesApp((instance) =>
      registerMetricsRoutes(instance, { runtime, metrics, store: { evals: { list: async () => Promise.reject(new Error('disk gone')) } } }),
    );
    const response = await failing.inject({ method: 'GET', url: '/metrics' });
    expect(response.statusCode).toBe(200);
    const families = parseExposition(response.body);
    expect(valueOf(families, 'rung_metrics_scrape_errors_total', { source: 'scorer_evals' })).toBe(1);
    expect(valueOf(families, 'rung_scorer_drift_alarm')).toBe(0); // its last value
    await failing.close();
  });
});
