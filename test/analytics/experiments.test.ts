// GET /api/v1/experiments and /api/v1/experiments/{id} over a real SQLite store: records of both
// arms inside the window (with feedback), records outside it or of another experiment left out,
// the report's figures, its snake_case shape, the status, 404 and admin access.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { registerExperimentRoutes } from '../../src/gateway/routes/experiments.ts';
import { ManualClock } from '../../src/resilience/clock.ts';
import { EXPERIMENTS, seedExperiment } from './experiment-fixtures.ts';
import { ADMIN, at, HOUR, openTestStore, routesApp, testConfig, testRuntime, type TestStore } from './harness.ts';

let db: TestStore;
let app: FastifyInstance;

beforeAll(async () => {
  db = await openTestStore();
  await seedExperiment(db);
  const runtime = testRuntime(testConfig({ experiments: EXPERIMENTS }));
  app = await routesApp((instance) => registerExperimentRoutes(instance, { runtime, store: db.store, clock: new ManualClock(at(6, 0)) }));
});
afterAll(async () => {
  await app.close();
  await db.close();
});

type Json = Record<string, unknown> & { arms: Record<string, unknown>[] };

describe('one experiment', () => {
  it('reports both arms from the records in its window, with their feedback', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/v1/experiments/exp-1', headers: ADMIN });
    expect(response.statusCode).toBe(200);
    const body = response.json() as Json;
    expect(body).toMatchObject({
      status: 'running',
      confidence_level: 0.95,
      unplaced_requests: 0,
      experiment: { id: 'exp-1', description: 'cheap chain against strong chain', split_by: 'request', min_requests_per_arm: 2, min_feedback_per_arm: 2, start: '2024-05-17T00:00:00Z' },
    });
    const [control, treatment] = body.arms;
    expect(control).toMatchObject({ name: 'control', role: 'control', policy: 'chain-a', requests: 3, units: 3, scorer_model: null, share: 0.5 });
    expect(control).toMatchObject({ cost: { n: 3, mean: 0.01 }, error: { count: 0, n: 3 }, feedback: { n: 2, mean: 0.75 } });
    expect(treatment).toMatchObject({ name: 'treatment', requests: 3, cost: { n: 3, mean: 0.002 }, error: { count: 1, n: 3, rate: 1 / 3 }, feedback: { n: 1, mean: 0 } });
    expect(body.difference).toMatchObject({ cost: { method: 'welch' }, error: { method: 'newcombe' } });
    expect((body.difference as { cost: { estimate: number } }).cost.estimate).toBeCloseTo(-0.008, 12);
    expect(body.verdict).toMatchObject({ outcome: expect.any(String), headline: expect.any(String) });
  });

  it('uses only snake_case keys', async () => {
    const text = (await app.inject({ method: 'GET', url: '/api/v1/experiments/exp-1', headers: ADMIN })).body;
    const keys = [...text.matchAll(/"([^"]+)":/g)].map((match) => match[1] ?? '');
    expect(keys.filter((key) => /[A-Z]/.test(key))).toEqual([]);
  });

  it('answers 404 for an experiment that is not configured', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/v1/experiments/nope', headers: ADMIN });
    expect(response.statusCode).toBe(404);
    expect(response.json().error).toMatchObject({ code: 'route_not_found', param: 'id' });
    expect(response.json().error.message).toContain('nope');
  });

  it('needs the admin key', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/v1/experiments/exp-1' })).statusCode).toBe(401);
    expect((await app.inject({ method: 'GET', url: '/api/v1/experiments' })).statusCode).toBe(401);
  });
});

describe('the list', () => {
  it('reports every configured experiment with its status', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/v1/experiments', headers: ADMIN });
    const { experiments } = response.json() as { experiments: Json[] };
    expect(experiments.map((experiment) => [(experiment.experiment as { id: string }).id, experiment.status])).toEqual([['exp-1', 'running'], ['exp-later', 'scheduled']]);
    expect(experiments[0]?.arms.map((arm) => arm.requests)).toEqual([3, 3]);
    expect(experiments[1]?.arms.map((arm) => arm.requests)).toEqual([0, 0]);
    expect(experiments[1]?.verdict).toMatchObject({ outcome: 'not_enough_data' });
  });

  it('shows an ended experiment as ended', async () => {
    const runtime = testRuntime(testConfig({ experiments: EXPERIMENTS }));
    const later = await routesApp((instance) => registerExperimentRoutes(instance, { runtime, store: db.store, clock: new ManualClock(at(48, 0) + HOUR) }));
    const body = (await later.inject({ method: 'GET', url: '/api/v1/experiments/exp-1', headers: ADMIN })).json() as Json;
    expect(body.status).toBe('ended');
    expect(body.arms.map((arm) => arm.requests)).toEqual([3, 3]);
    await later.close();
  });
});
