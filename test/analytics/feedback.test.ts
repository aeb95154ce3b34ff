// POST /v1/feedback: client-key auth, body checks naming the field, "up"/"down", one rating per
// request (the last call wins), 404 for unknown or foreign requests, and a request still in the
// batched writer's buffer found after the route asks it to flush.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { registerFeedbackRoutes, type FeedbackRoutesContext } from '../../src/gateway/routes/feedback.ts';
import { ManualClock } from '../../src/resilience/clock.ts';
import { BatchingRecordSink } from '../../src/store/batch-writer.ts';
import { at, bearer, KEYS, makeRecord, NOON, openTestStore, routesApp, testConfig, testRuntime, type TestStore } from './harness.ts';

const clock = new ManualClock(at(4, 0));
let db: TestStore;
let app: FastifyInstance;

function feedbackApp(context: Partial<FeedbackRoutesContext> = {}): Promise<FastifyInstance> {
  return routesApp((instance) => registerFeedbackRoutes(instance, { runtime: testRuntime(), store: db.store, clock, ...context }));
}

beforeAll(async () => {
  db = await openTestStore();
  await db.store.requests.append([
    makeRecord({ requestId: 'fb-1', keyId: 'key-a', workspace: 'ws', receivedAt: NOON }),
    makeRecord({ requestId: 'fb-2', keyId: 'key-a', workspace: 'ws', receivedAt: NOON + 1 }),
  ]);
  app = await feedbackApp();
});
afterAll(async () => {
  await app.close();
  await db.close();
});

function send(target: FastifyInstance, body: unknown, headers: Record<string, string> = bearer(KEYS.a)) {
  return target.inject({ method: 'POST', url: '/v1/feedback', headers: { 'content-type': 'application/json', ...headers }, payload: typeof body === 'string' ? body : JSON.stringify(body) });
}

describe('recording', () => {
  it('stores "up" as 1 and answers with what was recorded', async () => {
    const response = await send(app, { request_id: 'fb-1', score: 'up' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ request_id: 'fb-1', score: 1, recorded: true });
    expect(await db.store.outcomes.getFeedback('fb-1')).toEqual({ requestId: 'fb-1', score: 1, comment: null, at: at(4, 0) });
  });

  it('is idempotent per request id: the last rating replaces the first', async () => {
    await send(app, { request_id: 'fb-2', score: 0.25, comment: 'too long' });
    clock.advance(1000);
    const second = await send(app, { request_id: 'fb-2', score: 'down' });
    expect(second.json()).toEqual({ request_id: 'fb-2', score: 0, recorded: true });
    expect(await db.store.outcomes.getFeedback('fb-2')).toMatchObject({ score: 0, comment: null });
    const [day] = await db.store.requests.aggregate({ from: NOON, to: NOON + 1000, groupBy: 'day' });
    // fb-1 (1) and fb-2 (0): one rating each, however many calls.
    expect(day).toMatchObject({ feedbackCount: 2, feedbackSum: 1 });
  });

  it('keeps a comment with a numeric score', async () => {
    await send(app, { request_id: 'fb-2', score: 0.6, comment: 'fine' });
    expect(await db.store.outcomes.getFeedback('fb-2')).toMatchObject({ score: 0.6, comment: 'fine' });
  });
});

describe('errors', () => {
  it('answers 404 request_not_found for an unknown id', async () => {
    const response = await send(app, { request_id: 'nope', score: 1 });
    expect(response.statusCode).toBe(404);
    expect(response.json().error).toMatchObject({ code: 'request_not_found', type: 'not_found_error', param: 'request_id' });
    expect(await db.store.outcomes.getFeedback('nope')).toBeNull();
  });

  const badBodies: [string, unknown, string | null][] = [
    ['an array', [1], null],
    ['no request_id', { score: 1 }, 'request_id'],
    ['an empty request_id', { request_id: '', score: 1 }, 'request_id'],
    ['a numeric request_id', { request_id: 7, score: 1 }, 'request_id'],
    ['no score', { request_id: 'fb-1' }, 'score'],
    ['a score above 1', { request_id: 'fb-1', score: 1.5 }, 'score'],
    ['a negative score', { request_id: 'fb-1', score: -0.1 }, 'score'],
    ['a score word', { request_id: 'fb-1', score: 'meh' }, 'score'],
    ['a numeric comment', { request_id: 'fb-1', score: 1, comment: 5 }, 'comment'],
    ['a huge comment', { request_id: 'fb-1', score: 1, comment: 'x'.repeat(4001) }, 'comment'],
  ];
  it.each(badBodies)('refuses %s with 400 naming the field', async (_name, body, param) => {
    const response = await send(app, body);
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({ code: 'invalid_request', param });
  });

  it('answers invalid JSON with invalid_json', async () => {
    const response = await send(app, '{"request_id": ');
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('invalid_json');
  });

  it('needs a virtual key', async () => {
    const missing = await send(app, { request_id: 'fb-1', score: 1 }, {});
    expect(missing.statusCode).toBe(401);
    expect(missing.json().error.code).toBe('missing_api_key');
    expect((await send(app, { request_id: 'fb-1', score: 1 }, bearer('wrong-key'))).json().error.code).toBe('invalid_api_key');
  });
});

describe('who may rate', () => {
  it('lets a key of the same workspace rate, and hides the request from other workspaces', async () => {
    expect((await send(app, { request_id: 'fb-1', score: 1 }, bearer(KEYS.b))).statusCode).toBe(200);
    const otherWorkspace = await send(app, { request_id: 'fb-1', score: 0 }, bearer(KEYS.c));
    expect(otherWorkspace.statusCode).toBe(404);
    expect(otherWorkspace.json().error.code).toBe('request_not_found');
    expect((await send(app, { request_id: 'fb-1', score: 0 }, bearer(KEYS.d))).statusCode).toBe(404);
    expect((await db.store.outcomes.getFeedback('fb-1'))?.score).toBe(1);
  });

  it('needs no key when auth is disabled', async () => {
    const open = await routesApp((instance) =>
      registerFeedbackRoutes(instance, { runtime: testRuntime(testConfig({ server: { admin_key: 'x'.repeat(16), auth_disabled: true } })), store: db.store, clock }),
    );
    expect((await send(open, { request_id: 'fb-1', score: 0.9 }, {})).statusCode).toBe(200);
    expect((await db.store.outcomes.getFeedback('fb-1'))?.score).toBe(0.9);
    await open.close();
  });
});

describe('a request still in the batched writer', () => {
  it('is found after the route asks the writer to flush', async () => {
    // An interval far longer than the test: only an explicit flush writes the record.
    const sink = new BatchingRecordSink(db.store.requests, { flushIntervalMs: 3_600_000 });
    sink.write(makeRecord({ requestId: 'fb-late', keyId: 'key-a', workspace: 'ws', receivedAt: NOON + 5 }));
    expect(await db.store.requests.get('fb-late')).toBeNull();

    const withoutFlush = await feedbackApp();
    expect((await send(withoutFlush, { request_id: 'fb-late', score: 1 })).statusCode).toBe(404);
    await withoutFlush.close();

    const withFlush = await feedbackApp({ flushRecords: () => sink.flush() });
    const response = await send(withFlush, { request_id: 'fb-late', score: 'up' });
    expect(response.statusCode).toBe(200);
    expect(await db.store.requests.get('fb-late')).not.toBeNull();
    expect(await db.store.outcomes.getFeedback('fb-late')).toMatchObject({ score: 1 });
    await withFlush.close();
    await sink.close();
  });

  it('answers 404 when the id is in neither the store nor the buffer', async () => {
    let flushes = 0;
    const counting = await feedbackApp({ flushRecords: async () => void flushes++ });
    expect((await send(counting, { request_id: 'never-made', score: 1 })).statusCode).toBe(404);
    expect(flushes).toBe(1);
    // A stored request needs no flush.
    expect((await send(counting, { request_id: 'fb-2', score: 1 })).statusCode).toBe(200);
    expect(flushes).toBe(1);
    await counting.close();
  });
});
