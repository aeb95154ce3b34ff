// Shared by the analytics tests: a config with three deployments and four keys, a real SQLite store
// in a temporary folder, the six hand-checkable requests the metric tests compute by hand, and a
// fastify app with only the routes under test (the same error handler as buildApp).
import fastify, { type FastifyInstance } from 'fastify';
import { parseConfig } from '../../src/config/load.ts';
import type { RungConfig } from '../../src/config/schema.ts';
import { GatewayRuntime } from '../../src/gateway/runtime.ts';
import { errorFromFastify } from '../../src/gateway/openai-api/render-error.ts';
import { sendError } from '../../src/gateway/send-error.ts';
import type { ComplexityScorer } from '../../src/scorer/complexity-scorer.ts';
import { openSqliteStore, type SqliteStore } from '../../src/store/sqlite/open-sqlite-store.ts';
import type { AppendItem, Store } from '../../src/store/types.ts';
import { HOUR, makeRecord, MINUTE, NOON, richRecord, tempFolder } from '../store/fixtures/records.ts';

export { HOUR, makeRecord, MINUTE, NOON, richRecord };

export const ADMIN_KEY = 'analytics-admin-key-0123456789';
/** Virtual keys: a and b share workspace `ws`, c is in `other`, d has none. */
export const KEYS = { a: 'client-key-a-secret', b: 'client-key-b-secret', c: 'client-key-c-secret', d: 'client-key-d-secret' } as const;
export const KEY_ENV = { KEY_A: KEYS.a, KEY_B: KEYS.b, KEY_C: KEYS.c, KEY_D: KEYS.d };

export const bearer = (key: string) => ({ authorization: `Bearer ${key}` });
export const ADMIN = bearer(ADMIN_KEY);

/** `hour:minute` after noon, 2024-05-17 (UTC). */
export const at = (hour: number, minute: number) => NOON + hour * HOUR + minute * MINUTE;

export function testConfig(extra: Record<string, unknown> = {}): RungConfig {
  const base: Record<string, unknown> = {
    server: { admin_key: ADMIN_KEY, request_log: 'off' },
    scorer: { enabled: false },
    // Never called: the routes under test only read the catalogue and the breakers.
    providers: [{ id: 'openai', type: 'openai', base_url: 'http://127.0.0.1:9/v1', api_key: 'sk-unused' }],
    deployments: [
      { id: 'cheap', provider: 'openai', model: 'gpt-cheap', price: { input_per_mtok: 0.1, output_per_mtok: 0.4 }, context_window: 128000, tier: 'light' },
      { id: 'mid', provider: 'openai', model: 'gpt-mid', price: { input_per_mtok: 1, output_per_mtok: 4 }, context_window: 128000, tier: 'mid' },
      { id: 'strong', provider: 'openai', model: 'gpt-strong', price: { input_per_mtok: 10, output_per_mtok: 30 }, context_window: 128000, tier: 'premium' },
    ],
    keys: [
      { id: 'key-a', key_env: 'KEY_A', workspace: 'ws' },
      { id: 'key-b', key_env: 'KEY_B', workspace: 'ws' },
      { id: 'key-c', key_env: 'KEY_C', workspace: 'other' },
      { id: 'key-d', key_env: 'KEY_D' },
    ],
    policies: {
      'chain-a': { strategy: { type: 'priority', targets: ['strong', 'mid'] } },
      'chain-b': { strategy: { type: 'priority', targets: ['cheap', 'mid'] } },
    },
    resilience: { breaker: { consecutive_failures: 2, cooldown_ms: 60_000 } },
  };
  return parseConfig({ ...base, ...extra }, 'analytics-test', KEY_ENV);
}

export function testRuntime(config: RungConfig = testConfig(), scorer: ComplexityScorer | null = null): GatewayRuntime {
  return new GatewayRuntime(config, { env: KEY_ENV, scorer });
}

export interface TestStore {
  store: SqliteStore;
  file: string;
  close(): Promise<void>;
}

export async function openTestStore(): Promise<TestStore> {
  const folder = tempFolder('rung-analytics-');
  const file = folder.file('rung.db');
  const store = await openSqliteStore({ path: file });
  let closed = false;
  return {
    store,
    file,
    async close() {
      if (!closed) await store.close();
      closed = true;
      folder.remove();
    },
  };
}

/**
 * r1..r6 over 12:00-15:00 (see analytics.test.ts for every figure). Premium counterfactuals are
 * given for r1 and r4; the others default to their reference cost.
 */
export function sixRequests(): AppendItem[] {
  const passedCascade = { ...richRecord('x').cascade!, outcome: 'passed' as const };
  return [
    { record: makeRecord({ requestId: 'r1', receivedAt: at(0, 10), keyId: 'key-a', score: 0.2, latencyMs: 100 }), tags: { team: 'red' }, premiumCostUsd: 0.02 },
    {
      record: makeRecord({ requestId: 'r2', receivedAt: at(0, 50), keyId: 'key-b', finalDeployment: 'strong', finalModel: 'gpt-strong', tier: 'premium', score: 0.3, costUsd: 0.01, latencyMs: 200, fallback: true, fallbackLatencyMs: 40 }),
      tags: { team: 'blue' },
    },
    makeRecord({
      requestId: 'r3', receivedAt: at(1, 20), keyId: 'key-a', status: 'error', httpStatus: 502, errorCode: 'all_targets_failed', finalDeployment: null, finalProvider: null,
      finalModel: null, tier: null, usage: null, costUsd: 0, referenceCostUsd: 0, costDeltaUsd: 0, latencyMs: 300, fallback: true, fallbackLatencyMs: 0,
    }),
    {
      record: makeRecord({ requestId: 'r4', receivedAt: at(1, 40), keyId: 'key-a', routeKind: 'deployment', requested: 'mid', policy: null, finalDeployment: 'mid', finalModel: 'gpt-mid', referenceDeployment: 'mid', tier: 'mid', costUsd: 0.004, referenceCostUsd: 0.004, costDeltaUsd: 0, latencyMs: 400 }),
      tags: { team: 'red' },
      premiumCostUsd: 0.03,
    },
    { ...richRecord('r5', at(2, 30)), keyId: 'key-b', policy: 'cascade-p', latencyMs: 500 },
    makeRecord({ requestId: 'r6', receivedAt: at(2, 45), keyId: 'key-b', policy: 'cascade-p', strategy: 'cascade', status: 'client_closed', httpStatus: 499, costUsd: 0.0004, referenceCostUsd: 0.0123, latencyMs: 600, cascade: passedCascade }),
  ];
}

/** The six requests and their feedback: r1 = 1, r2 = 0.5 then 0 (the last call wins), r5 = 0.75. */
export async function seedSix(store: Store): Promise<void> {
  await store.requests.append(sixRequests());
  await store.outcomes.recordFeedback({ requestId: 'r1', score: 1, at: at(3, 0) });
  await store.outcomes.recordFeedback({ requestId: 'r2', score: 0.5, at: at(3, 0) });
  await store.outcomes.recordFeedback({ requestId: 'r2', score: 0, at: at(3, 1) });
  await store.outcomes.recordFeedback({ requestId: 'r5', score: 0.75, at: at(3, 0) });
}

/** A bare fastify app with the given routes and buildApp's error handling. */
export async function routesApp(register: (app: FastifyInstance) => void): Promise<FastifyInstance> {
  const app = fastify({ logger: false });
  app.setErrorHandler((error, _request, reply) => sendError(reply, errorFromFastify(error)));
  register(app);
  await app.ready();
  return app;
}
