// GET /api/v1/analytics/requests: newest first, paging by `next_before` until null, `before` as an
// ISO time, filters, parameter errors, and the snake_case view of one record.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { registerAnalyticsRoutes } from '../../src/gateway/routes/analytics.ts';
import { ManualClock } from '../../src/resilience/clock.ts';
import type { RequestView } from '../../src/analytics/request-view.ts';
import { ADMIN, at, openTestStore, routesApp, seedSix, testRuntime, type TestStore } from './harness.ts';

let db: TestStore;
let app: FastifyInstance;

beforeAll(async () => {
  db = await openTestStore();
  await seedSix(db.store);
  app = await routesApp((instance) => registerAnalyticsRoutes(instance, { runtime: testRuntime(), store: db.store, clock: new ManualClock(at(4, 0)) }));
});
afterAll(async () => {
  await app.close();
  await db.close();
});

type Page = { requests: RequestView[]; next_before: string | null };

async function list(query: string): Promise<Page> {
  const response = await app.inject({ method: 'GET', url: `/api/v1/analytics/requests?${query}`, headers: ADMIN });
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as Page;
}

const ids = (page: Page) => page.requests.map((request) => request.request_id);

describe('paging', () => {
  it('lists newest first and pages with next_before until it is null', async () => {
    const first = await list('limit=4');
    expect(ids(first)).toEqual(['r6', 'r5', 'r4', 'r3']);
    expect(first.next_before).toEqual(expect.any(String));
    const second = await list(`limit=4&before=${encodeURIComponent(first.next_before ?? '')}`);
    expect(ids(second)).toEqual(['r2', 'r1']);
    expect(second.next_before).toBeNull();
  });

  it('takes an ISO time as before (exclusive)', async () => {
    expect(ids(await list(`before=${new Date(at(1, 40)).toISOString()}`))).toEqual(['r3', 'r2', 'r1']);
  });

  it('filters by policy, serving model, tier and status', async () => {
    expect(ids(await list('policy=auto'))).toEqual(['r3', 'r2', 'r1']);
    expect(ids(await list('model=strong'))).toEqual(['r5', 'r2']);
    expect(ids(await list('tier=light'))).toEqual(['r6', 'r1']);
    expect(ids(await list('status=error'))).toEqual(['r3']);
    expect(ids(await list('policy=cascade-p&status=client_closed'))).toEqual(['r6']);
  });
});

describe('the request view', () => {
  it('shows the decision, every attempt, the cascade and the experiment in snake_case', async () => {
    const r5 = (await list('model=strong')).requests[0];
    expect(r5).toMatchObject({
      request_id: 'r5',
      received_at: '2024-05-17T14:30:00.000Z',
      key_id: 'key-b',
      requested: 'auto',
      policy: 'cascade-p',
      strategy: 'cascade',
      tier: 'premium',
      deployment: 'strong',
      provider: 'openai',
      model: 'gpt-strong',
      status: 'ok',
      http_status: 200,
      error_code: null,
      score: 0.734_512_9,
      task: 'qa',
      fallback: true,
      fallback_latency_ms: 50,
      cost_usd: 0.0127,
      reference_cost_usd: 0.0123,
      cost_delta_usd: 0.0127 - 0.0123,
      premium_cost_usd: 0.0123,
      latency_ms: 500,
      experiment: { id: 'prompt-v2', arm: 'treatment', unit: 'key' },
    });
    expect(r5?.attempts).toHaveLength(4);
    expect(r5?.attempts[0]).toEqual({
      deployment: 'flaky', provider: 'anthropic', model: 'claude-x', try: 1, status: 'error', error_class: 'rate_limited', message: 'HTTP 429 "slow down"',
      started_at: new Date(at(2, 30) + 1).toISOString(), latency_ms: 30.5,
    });
    expect(r5?.attempts[1]).toMatchObject({ status: 'skipped', error_class: 'breaker_open', try: 2, message: null });
    expect(r5?.cascade).toMatchObject({ outcome: 'escalated', answer_step: 2, total_cost_usd: 0.0127, top_deployment: 'strong', saved_vs_top_usd: -0.0004 });
    expect(r5?.cascade?.steps[0]).toEqual({
      step: 1, deployment: 'cheap', status: 'rejected', cost_usd: 0.0004,
      verdicts: [{ validator: 'json', verdict: 'fail', reason: 'not JSON' }, { validator: 'length', verdict: 'pass', reason: null }],
    });
  });

  it('shows a failed request with no serving deployment and its tags', async () => {
    const [r3] = (await list('status=error')).requests;
    expect(r3).toMatchObject({ deployment: null, provider: null, tier: null, http_status: 502, error_code: 'all_targets_failed', usage: null, cascade: null, experiment: null });
    const [r4] = (await list('model=mid')).requests;
    expect(r4).toMatchObject({ policy: null, route_kind: 'deployment', tags: { team: 'red' }, premium_cost_usd: 0.03, usage: { prompt_tokens: 100, completion_tokens: 50, total_tokens: 150 } });
  });
});

describe('parameter errors', () => {
  const cases: [string, string][] = [
    ['limit=0', 'limit'],
    ['limit=1001', 'limit'],
    ['limit=ten', 'limit'],
    ['status=failed', 'status'],
    ['before=not-a-cursor', 'before'],
    ['before=2024-05-17T12:00:00', 'before'],
  ];
  it.each(cases)('%s → 400 naming %s', async (query, param) => {
    const response = await app.inject({ method: 'GET', url: `/api/v1/analytics/requests?${query}`, headers: ADMIN });
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({ code: 'invalid_request', param });
  });

  it('needs the admin key', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/v1/analytics/requests' });
    expect(response.statusCode).toBe(401);
  });
});
