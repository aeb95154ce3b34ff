// GET /api/v1/scorer: a model's manifest figures, a scorer without a manifest, named versions, the
// registry's active version, and the eval history newest first with the drift alarm. The scorer is
// a double carrying a manifest as the shipped `Scorer` does (the route reads it by shape), so the
// test does not depend on the model files in models/, which training rewrites.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { registerScorerInfoRoutes } from '../../src/gateway/routes/scorer-info.ts';
import { GatewayRuntime } from '../../src/gateway/runtime.ts';
import type { ScorerManifest } from '../../src/scorer/manifest.ts';
import { scriptedScorer } from '../helpers/scripted-scorer.ts';
import { ADMIN, at, KEY_ENV, NOON, openTestStore, routesApp, testConfig, testRuntime, type TestStore } from './harness.ts';

const featurizer = { version: 1 as const, buckets: 1024, wordNgrams: 2, charNgramMin: 3, charNgramMax: 4, maxFeatures: 256, seed: 7 };
const manifest: ScorerManifest = {
  format_version: 1,
  name: 'rung-scorer-test',
  created: '2026-11-20T10:00:00.000Z',
  encoder: { kind: 'builtin-onnx', id: 'builtin-0123abcd', dimensions: 64, file: 'encoder.onnx', featurizer },
  knn: { k: 32, ef_search: 64, index_file: 'knn-index.bin', neighbours_file: 'neighbours.json', rows: 900 },
  head_file: 'head.json',
  lexical: { file: 'lexical.bin', featurizer },
  training: {
    sources: [{ name: 'prompts.jsonl', sha256: 'cd'.repeat(32), rows: 1000 }],
    rows: { total: 1000, train: 900, validation: 100, indexed: 900 },
    seed: 1,
    options: { k: 32 },
  },
  thresholds: { cost_optimized: 0.17, balanced: 0.15, quality_first: 0.11 },
  eval: { rows: 100, roc_auc: 0.81, apgr: null },
  eval_curve: [
    { pct: 0, perf: 0.6 },
    { pct: 50, perf: 0.8 },
    { pct: 100, perf: 0.9 },
  ],
  files: { 'encoder.onnx': 'ef'.repeat(32) },
};
const withManifest = { ...scriptedScorer(manifest.thresholds), manifest };

let db: TestStore;

beforeAll(async () => {
  db = await openTestStore();
});
afterAll(async () => {
  await db.close();
});

async function scorerInfo(app: FastifyInstance, headers: Record<string, string> = ADMIN) {
  return app.inject({ method: 'GET', url: '/api/v1/scorer', headers });
}

describe('the model', () => {
  it("shows the model's manifest: name, date, encoder, thresholds, eval figures, no file checksums", async () => {
    const runtime = new GatewayRuntime(testConfig({ scorer: { enabled: true } }), { env: KEY_ENV, scorer: withManifest, scorerVersions: new Map([['v1-pinned', withManifest]]) });
    const app = await routesApp((instance) => registerScorerInfoRoutes(instance, { runtime, store: db.store }));
    const response = await scorerInfo(app);
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.enabled).toBe(true);
    expect(body.model).toEqual({
      name: manifest.name,
      created: manifest.created,
      format_version: manifest.format_version,
      encoder: { kind: manifest.encoder.kind, id: manifest.encoder.id, dimensions: manifest.encoder.dimensions },
      knn: { k: manifest.knn.k, rows: manifest.knn.rows },
      training: { rows: manifest.training.rows, sources: manifest.training.sources, seed: manifest.training.seed },
      thresholds: manifest.thresholds,
      eval: manifest.eval,
      curve: manifest.eval_curve,
    });
    expect(body.model).toMatchObject({ name: 'rung-scorer-test', encoder: { id: 'builtin-0123abcd' }, eval: { roc_auc: 0.81, apgr: null } });
    expect(body.versions).toEqual([{ name: 'v1-pinned', model: body.model }]);
    expect(JSON.stringify(body)).not.toContain('"files"');
    await app.close();
  });

  it('shows only the thresholds of a scorer without a manifest, and null when scoring is off', async () => {
    const thresholds = { cost_optimized: 0.6, balanced: 0.5, quality_first: 0.4 };
    const withDouble = await routesApp((instance) => registerScorerInfoRoutes(instance, { runtime: testRuntime(testConfig(), scriptedScorer(thresholds)), store: db.store }));
    expect((await scorerInfo(withDouble)).json().model).toMatchObject({ name: null, created: null, encoder: null, thresholds, eval: {} });
    await withDouble.close();
    const off = await routesApp((instance) => registerScorerInfoRoutes(instance, { runtime: testRuntime(), store: db.store }));
    expect((await scorerInfo(off)).json()).toMatchObject({ enabled: false, model: null, versions: [] });
    await off.close();
  });
});

describe('history and registry', () => {
  it('lists eval runs newest first, raises the drift alarm on a rejected run, and names the active version', async () => {
    const app = await routesApp((instance) => registerScorerInfoRoutes(instance, { runtime: testRuntime(), store: db.store }));
    expect((await scorerInfo(app)).json()).toMatchObject({ history: [], drift_alarm: false, active_version: null });

    const run = { modelVersion: 'rung-scorer-v1', dataset: 'routing-dev', auc: 0.84, cpt50: 0.31, cpt80: null, notes: '' };
    await db.store.evals.append({ ...run, at: NOON, apgr: 0.62, accepted: true });
    await db.store.evals.append({ ...run, at: at(1, 0), apgr: 0.55, accepted: false, notes: 'APGR fell 0.07' });
    await db.store.models.register({ version: 'rung-scorer-v1', dir: 'models/rung-scorer-v1', manifestSha: 'ab'.repeat(32), metrics: { auc: 0.84 }, createdAt: NOON });
    await db.store.models.setActive('rung-scorer-v1');

    const body = (await scorerInfo(app)).json();
    expect(body.drift_alarm).toBe(true);
    expect(body.active_version).toBe('rung-scorer-v1');
    expect(body.history).toEqual([
      { at: '2024-05-17T13:00:00.000Z', model_version: 'rung-scorer-v1', dataset: 'routing-dev', apgr: 0.55, auc: 0.84, cpt50: 0.31, cpt80: null, accepted: false, notes: 'APGR fell 0.07' },
      { at: '2024-05-17T12:00:00.000Z', model_version: 'rung-scorer-v1', dataset: 'routing-dev', apgr: 0.62, auc: 0.84, cpt50: 0.31, cpt80: null, accepted: true, notes: '' },
    ]);
    expect((await scorerInfo(app, {})).statusCode).toBe(401);
    await app.close();
  });
});
