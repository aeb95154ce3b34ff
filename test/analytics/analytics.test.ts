// GET /api/v1/analytics against a real SQLite store holding six requests whose every figure is
// computed by hand below, for each grouping, a range that cuts hours, the before/after comparison,
// parameter errors and admin access.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { registerAnalyticsRoutes } from '../../src/gateway/routes/analytics.ts';
import { ManualClock } from '../../src/resilience/clock.ts';
import { sumTotals, toMetrics, type AnalyticsMetrics } from '../../src/analytics/metrics-view.ts';
import { emptyTotals } from '../../src/store/metrics.ts';
import { ADMIN, ADMIN_KEY, at, bearer, KEYS, NOON, openTestStore, routesApp, seedSix, testRuntime, type TestStore } from './harness.ts';

const clock = new ManualClock(at(4, 0));
let db: TestStore;
let app: FastifyInstance;

beforeAll(async () => {
  db = await openTestStore();
  await seedSix(db.store);
  app = await routesApp((instance) =>
    registerAnalyticsRoutes(instance, {
      runtime: testRuntime(),
      store: db.store,
      clock,
      isAdminSession: (request) => request.headers.cookie === 'rung_session=valid',
    }),
  );
});
afterAll(async () => {
  await app.close();
  await db.close();
});

const RANGE = `from=${new Date(NOON).toISOString()}&to=${new Date(at(3, 0)).toISOString()}`;

async function analytics(query: string, headers: Record<string, string> = ADMIN) {
  return app.inject({ method: 'GET', url: `/api/v1/analytics?${query}`, headers });
}

type Body = { from: string; to: string; group_by: string; tag: string | null; totals: AnalyticsMetrics; groups: (AnalyticsMetrics & { key: string | null })[] };

async function grouped(query: string): Promise<Body> {
  const response = await analytics(query);
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as Body;
}

/** Exact for counts and nulls; USD, rates and means to 6 decimals. */
function expectMetrics(actual: AnalyticsMetrics | undefined, expected: Partial<AnalyticsMetrics>): void {
  expect(actual).toBeDefined();
  for (const [name, value] of Object.entries(expected) as [keyof AnalyticsMetrics, number | null][]) {
    const got = actual?.[name];
    if (value === null || Number.isInteger(value)) expect(got, name).toBe(value);
    else expect(got, name).toBeCloseTo(value, 6);
  }
}

const group = (body: Body, key: string | null) => body.groups.find((candidate) => candidate.key === key);

describe('totals', () => {
  it('computes every metric of the contract over the six requests', async () => {
    const body = await grouped(`${RANGE}&group_by=model`);
    expect(body).toMatchObject({ from: '2024-05-17T12:00:00.000Z', to: '2024-05-17T15:00:00.000Z', group_by: 'model', tag: null });
    expect(Object.keys(body.totals).sort()).toEqual(
      [
        'requests', 'errors', 'error_rate', 'cost_usd', 'reference_cost_usd', 'premium_cost_usd', 'savings_vs_requested_usd', 'savings_vs_premium_usd',
        'cost_routed_requests', 'fallback_count', 'fallback_success_rate', 'avg_fallback_latency_ms', 'avg_latency_ms', 'strong_tier_share',
        'escalation_rate', 'overkill_count', 'feedback_avg', 'feedback_count',
      ].sort(),
    );
    expectMetrics(body.totals, {
      requests: 6,
      errors: 1, // r3
      error_rate: 1 / 6,
      cost_usd: 0.001 + 0.01 + 0 + 0.004 + 0.0127 + 0.0004,
      reference_cost_usd: 0.01 + 0.01 + 0 + 0.004 + 0.0123 + 0.0123,
      premium_cost_usd: 0.02 + 0.01 + 0 + 0.03 + 0.0123 + 0.0123,
      savings_vs_requested_usd: 0.0486 - 0.0281,
      savings_vs_premium_usd: 0.0846 - 0.0281,
      cost_routed_requests: 1, // r1: cheap answered ok for less than the strong reference
      fallback_count: 3, // r2, r3, r5
      fallback_success_rate: 2 / 3,
      avg_fallback_latency_ms: (40 + 0 + 50) / 3,
      avg_latency_ms: 350,
      strong_tier_share: 2 / 6, // r2, r5
      escalation_rate: 1 / 2, // r5 of the cascades r5, r6
      overkill_count: 1, // r2: premium at score 0.3
      feedback_avg: 0.5833, // (1 + 0 + 0.75) / 3, 4 decimals
      feedback_count: 3,
    });
  });

  it('rounds USD to the nano-dollar so float noise does not reach the client', async () => {
    const body = await grouped(`${RANGE}&group_by=model`);
    expect(body.totals.cost_usd).toBe(0.0281);
    expect(body.totals.savings_vs_premium_usd).toBe(0.0565);
  });

  it('defaults to the last 24 hours by model', async () => {
    const body = await grouped('');
    expect(body.from).toBe(new Date(at(4, 0) - 86_400_000).toISOString());
    expect(body.to).toBe(new Date(at(4, 0)).toISOString());
    expect(body.group_by).toBe('model');
    expect(body.totals.requests).toBe(6);
  });

  it('counts exactly the requests inside a range that cuts hours', async () => {
    const body = await grouped(`from=${new Date(at(0, 30)).toISOString()}&to=${new Date(at(2, 40)).toISOString()}&group_by=hour`);
    expect(body.totals.requests).toBe(4); // r2, r3, r4, r5
    expect(body.groups.map((g) => [g.key, g.requests])).toEqual([['2024-05-17T12', 1], ['2024-05-17T13', 2], ['2024-05-17T14', 1]]);
  });

  it('gives null, not 0, for rates and means with nothing to divide', async () => {
    const body = await grouped(`from=${new Date(at(10, 0)).toISOString()}&to=${new Date(at(11, 0)).toISOString()}`);
    expect(body.groups).toEqual([]);
    expectMetrics(body.totals, { requests: 0, error_rate: null, fallback_success_rate: null, avg_fallback_latency_ms: null, avg_latency_ms: null, strong_tier_share: null, escalation_rate: null, feedback_avg: null, cost_usd: 0 });
  });
});

describe('group_by', () => {
  it('model: serving deployment, the failed request under null', async () => {
    const body = await grouped(`${RANGE}&group_by=model`);
    expect(body.groups.map((g) => g.key)).toEqual(['cheap', 'mid', 'strong', null]);
    expectMetrics(group(body, 'cheap'), {
      requests: 2, errors: 0, error_rate: 0, cost_usd: 0.0014, reference_cost_usd: 0.0223, premium_cost_usd: 0.0323, cost_routed_requests: 1,
      fallback_count: 0, fallback_success_rate: null, avg_fallback_latency_ms: null, avg_latency_ms: 350, strong_tier_share: 0, escalation_rate: 0, // r6 passed
      overkill_count: 0, feedback_avg: 1, feedback_count: 1,
    });
    expectMetrics(group(body, 'strong'), {
      requests: 2, cost_usd: 0.0227, reference_cost_usd: 0.0223, premium_cost_usd: 0.0223, savings_vs_requested_usd: -0.0004, fallback_count: 2,
      fallback_success_rate: 1, avg_fallback_latency_ms: 45, strong_tier_share: 1, escalation_rate: 1, overkill_count: 1, // r5, the one cascade of r2, r5
      feedback_avg: 0.375, feedback_count: 2,
    });
    expectMetrics(group(body, 'mid'), { requests: 1, escalation_rate: null, cost_usd: 0.004, premium_cost_usd: 0.03, savings_vs_requested_usd: 0, savings_vs_premium_usd: 0.026, cost_routed_requests: 0, feedback_count: 0, feedback_avg: null });
    expectMetrics(group(body, null), { requests: 1, escalation_rate: null, errors: 1, error_rate: 1, fallback_count: 1, fallback_success_rate: 0, avg_fallback_latency_ms: 0, avg_latency_ms: 300, cost_usd: 0 });
  });

  it('policy, key, tier, day and hour', async () => {
    const counts = async (by: string) => (await grouped(`${RANGE}&group_by=${by}`)).groups.map((g) => [g.key, g.requests]);
    expect(await counts('policy')).toEqual([['auto', 3], ['cascade-p', 2], [null, 1]]);
    expect(await counts('key')).toEqual([['key-a', 3], ['key-b', 3]]);
    expect(await counts('tier')).toEqual([['light', 2], ['mid', 1], ['premium', 2], [null, 1]]);
    expect(await counts('day')).toEqual([['2024-05-17', 6]]);
    expect(await counts('hour')).toEqual([['2024-05-17T12', 2], ['2024-05-17T13', 2], ['2024-05-17T14', 2]]);
    const byPolicy = await grouped(`${RANGE}&group_by=policy`);
    expectMetrics(group(byPolicy, 'auto'), { errors: 1, error_rate: 1 / 3, cost_usd: 0.011, overkill_count: 1, feedback_avg: 0.5, feedback_count: 2, escalation_rate: null });
    expectMetrics(group(byPolicy, 'cascade-p'), { requests: 2, escalation_rate: 0.5 }); // r5 escalated, r6 passed
  });

  it('tag: groups hold only tagged requests, totals every request', async () => {
    const body = await grouped(`${RANGE}&group_by=tag&tag=team`);
    expect(body.tag).toBe('team');
    expect(body.groups.map((g) => [g.key, g.requests])).toEqual([['blue', 1], ['red', 2]]);
    expectMetrics(group(body, 'red'), { cost_usd: 0.005, premium_cost_usd: 0.05, feedback_avg: 1, feedback_count: 1, escalation_rate: null });
    expect(body.totals.requests).toBe(6);
    expect(body.totals.escalation_rate).toBe(0.5); // the untagged cascades r5, r6 still count in the totals
    expect(body.totals.cost_usd).toBe(0.0281);
  });
});

describe('compare_before', () => {
  it('returns the metrics before and after the instant', async () => {
    const response = await analytics(`${RANGE}&compare_before=${new Date(at(1, 30)).toISOString()}`);
    expect(response.statusCode).toBe(200);
    const body = response.json() as { from: string; compare_before: string; to: string; before: AnalyticsMetrics; after: AnalyticsMetrics };
    expect(body).toMatchObject({ from: '2024-05-17T12:00:00.000Z', compare_before: '2024-05-17T13:30:00.000Z', to: '2024-05-17T15:00:00.000Z' });
    expectMetrics(body.before, { requests: 3, errors: 1, error_rate: 1 / 3, avg_latency_ms: 200, escalation_rate: null });
    expectMetrics(body.after, { requests: 3, errors: 0, error_rate: 0, avg_latency_ms: 500, cost_usd: 0.0171, escalation_rate: 0.5 });
  });

  it('defaults to the day before and the day after, up to now', async () => {
    const response = await analytics(`compare_before=${new Date(at(1, 30)).toISOString()}`);
    expect(response.json()).toMatchObject({ from: new Date(at(1, 30) - 86_400_000).toISOString(), to: new Date(at(4, 0)).toISOString() });
  });

  it('refuses an instant in the future or outside the range', async () => {
    const future = await analytics(`compare_before=${new Date(at(5, 0)).toISOString()}`);
    expect(future.statusCode).toBe(400);
    expect(future.json().error).toMatchObject({ code: 'invalid_request', param: 'compare_before' });
    const outside = await analytics(`${RANGE}&compare_before=${new Date(at(3, 30)).toISOString()}`);
    expect(outside.json().error.param).toBe('compare_before');
  });
});

describe('parameter errors', () => {
  const cases: [string, string][] = [
    ['from=yesterday', 'from'],
    ['to=2024-13-45T00:00:00Z', 'to'],
    ['from=2024-05-17T12:00:00', 'from'], // no offset: a different instant on every server
    ['group_by=week', 'group_by'],
    ['group_by=tag', 'tag'],
    ['group_by=model&tag=team', 'tag'],
    ['group_by=model&group_by=key', 'group_by'],
    [`from=${new Date(at(3, 0)).toISOString()}&to=${new Date(NOON).toISOString()}`, 'to'],
  ];
  it.each(cases)('%s → 400 naming %s', async (query, param) => {
    const response = await analytics(query);
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({ code: 'invalid_request', type: 'invalid_request_error', param });
  });
});

describe('admin access', () => {
  it('refuses no key, a wrong key and a client key', async () => {
    for (const headers of [{}, bearer('not-the-admin-key-at-all'), bearer(KEYS.a)]) {
      const response = await analytics(RANGE, headers);
      expect(response.statusCode).toBe(401);
      expect(response.json().error.code).toBe('admin_key_required');
    }
  });

  it('accepts the admin key or a dashboard session', async () => {
    expect((await analytics(RANGE, bearer(ADMIN_KEY))).statusCode).toBe(200);
    expect((await analytics(RANGE, { cookie: 'rung_session=valid' })).statusCode).toBe(200);
    expect((await analytics(RANGE, { cookie: 'rung_session=forged' })).statusCode).toBe(401);
  });
});

describe('toMetrics', () => {
  it('divides escalations by cascade requests, not by all requests', () => {
    expect(toMetrics({ ...emptyTotals(), requests: 10, cascadeRequests: 4, escalations: 2 }).escalation_rate).toBe(0.5);
  });

  it('gives a null escalation rate where no request ran a cascade', () => {
    expect(toMetrics({ ...emptyTotals(), requests: 10 }).escalation_rate).toBeNull();
  });

  it('sums cascade requests across groups', () => {
    const groups = [
      { ...emptyTotals(), requests: 3, cascadeRequests: 2, escalations: 1 },
      { ...emptyTotals(), requests: 5 },
      { ...emptyTotals(), requests: 1, cascadeRequests: 1, escalations: 1 },
    ];
    expect(sumTotals(groups)).toMatchObject({ requests: 9, cascadeRequests: 3, escalations: 2 });
    expect(toMetrics(sumTotals(groups)).escalation_rate).toBe(0.666667);
  });
});
