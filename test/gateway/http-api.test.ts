// Auth, bad input, models, health and breakers through fastify's inject() (no socket).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/resilience/clock.ts';
import { ADMIN_KEY, CLIENT_KEY, PROVIDER_KEYS, startHarness, type Harness } from '../helpers/gateway-harness.ts';

const clock = new ManualClock(Date.now());
let h: Harness;
beforeAll(async () => {
  h = await startHarness({
    clock,
    env: { LIMITED: 'limited-key-value' },
    config: (base) => ({
      ...base,
      server: { ...(base.server as object), body_limit_bytes: 64 * 1024 },
      keys: [
        ...(base.keys as unknown[]),
        { id: 'limited', key_env: 'LIMITED', allowed_models: ['gemini-light'] },
      ],
      resilience: { breaker: { consecutive_failures: 3, cooldown_ms: 30000, half_open_probes: 1 } },
    }),
  });
});
afterAll(async () => h.close());
beforeEach(() => {
  for (const fake of Object.values(h.fakes)) fake.reset();
  h.records.records.length = 0;
});

const auth = { authorization: `Bearer ${CLIENT_KEY}` };
const hello = { model: 'gpt-big', messages: [{ role: 'user', content: 'hello' }] };

function post(body: unknown, headers: Record<string, string> = auth, url = '/v1/chat/completions') {
  return h.built.app.inject({ method: 'POST', url, headers: { 'content-type': 'application/json', ...headers }, payload: typeof body === 'string' ? body : JSON.stringify(body) });
}

describe('authentication', () => {
  it('rejects a missing or unknown key with 401 in the OpenAI shape', async () => {
    const missing = await post(hello, {});
    expect(missing.statusCode).toBe(401);
    expect(missing.json()).toMatchObject({ error: { code: 'missing_api_key', type: 'authentication_error' } });
    const wrong = await post(hello, { authorization: 'Bearer nope' });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().error.code).toBe('invalid_api_key');
  });

  it('keeps admin routes behind the admin key', async () => {
    const asClient = await h.built.app.inject({ method: 'GET', url: '/api/v1/admin/router/health', headers: auth });
    expect(asClient.statusCode).toBe(401);
    expect(asClient.json().error.code).toBe('admin_key_required');
    const asAdmin = await h.built.app.inject({ method: 'GET', url: '/api/v1/admin/router/health', headers: { authorization: `Bearer ${ADMIN_KEY}` } });
    expect(asAdmin.statusCode).toBe(200);
  });

  it('enforces allowed models per key and lists only those', async () => {
    const limited = { authorization: 'Bearer limited-key-value' };
    const denied = await post(hello, limited);
    expect(denied.statusCode).toBe(403);
    expect(denied.json().error).toMatchObject({ code: 'model_not_allowed', param: 'model' });
    expect(h.fakes.openai.requestCount).toBe(0);
    const allowed = await post({ ...hello, model: 'gemini-light' }, limited);
    expect(allowed.statusCode).toBe(200);
    const models = await h.built.app.inject({ method: 'GET', url: '/v1/models', headers: limited });
    expect((models.json() as { data: { id: string }[] }).data.map((m) => m.id)).toEqual(['gemini-light']);
  });
});

describe('bad input', () => {
  it('answers invalid JSON with 400 invalid_json', async () => {
    const response = await post('{"model": "gpt-big", ');
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ error: { code: 'invalid_json', type: 'invalid_request_error' } });
  });

  it('names the field at fault for wrong types', async () => {
    const response = await post({ ...hello, temperature: 'hot' });
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({ code: 'invalid_request', param: 'temperature' });
    const badMessage = await post({ model: 'gpt-big', messages: [{ role: 'user', content: 'a' }, { role: 'wizard', content: 'b' }] });
    expect(badMessage.json().error.param).toBe('messages[1].role');
  });

  it('answers a missing messages field with 400 naming it', async () => {
    const response = await post({ model: 'gpt-big' });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.param).toBe('messages');
  });

  it('answers an unknown model with 404', async () => {
    const response = await post({ ...hello, model: 'gpt-9' });
    expect(response.statusCode).toBe(404);
    expect(response.json().error).toMatchObject({ code: 'unknown_model', param: 'model' });
  });

  it('answers an oversize body with 413', async () => {
    const response = await post({ ...hello, messages: [{ role: 'user', content: 'x'.repeat(70 * 1024) }] });
    expect(response.statusCode).toBe(413);
    expect(response.json().error.code).toBe('payload_too_large');
  });

  it('answers an unknown route with 404 JSON', async () => {
    const response = await h.built.app.inject({ method: 'GET', url: '/v2/nothing' });
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('route_not_found');
  });

  it('survives 1,000 random malformed bodies with 4xx JSON errors and stays healthy', async () => {
    let seed = 42;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const pick = <T>(items: T[]): T => items[Math.floor(random() * items.length)]!;
    const junk = (): unknown => pick<() => unknown>([
      () => null, () => random() * 1e6 - 5e5, () => 'str'.repeat(Math.floor(random() * 5)), () => [], () => ({}), () => true,
      () => [junk()], () => ({ [pick(['role', 'content', 'type', 'x'])]: junk() }),
    ])();
    const mutate = (): string => {
      const body: Record<string, unknown> = { model: 'gpt-big', messages: [{ role: 'user', content: 'hi' }] };
      const choice = random();
      if (choice < 0.15) return JSON.stringify(body).slice(0, Math.floor(random() * 40));
      if (choice < 0.25) return pick(['', 'null', '[]', '"text"', '42', '{]', '\u0000\u0001', '{"model":']);
      const key = pick(['model', 'messages', 'temperature', 'top_p', 'max_tokens', 'stop', 'tools', 'tool_choice', 'response_format', 'n', 'stream', 'logprobs', 'seed', 'metadata', 'unknown_field']);
      if (key === 'messages' && random() < 0.5) body.messages = [{ role: pick(['user', 'assistant', 'tool', 'system', 'bogus']), content: junk() }];
      else body[key] = junk();
      if (random() < 0.3) delete body.model;
      return JSON.stringify(body);
    };
    const statuses = new Map<number, number>();
    for (let i = 0; i < 1000; i += 1) {
      const response = await post(mutate());
      statuses.set(response.statusCode, (statuses.get(response.statusCode) ?? 0) + 1);
      if (response.statusCode !== 200) {
        expect(response.statusCode, response.body).toBeGreaterThanOrEqual(400);
        expect(response.statusCode, response.body).toBeLessThan(500);
        const body = response.json() as { error: { message: string; code: string } };
        expect(typeof body.error.message).toBe('string');
        expect(typeof body.error.code).toBe('string');
      }
    }
    expect([...statuses.keys()].some((status) => status >= 400)).toBe(true);
    const health = await h.built.app.inject({ method: 'GET', url: '/healthz' });
    expect(health.json()).toEqual({ status: 'ok' });
    expect((await post(hello)).statusCode).toBe(200);
  });
});

describe('models and health', () => {
  it('lists deployments, aliases and policies', async () => {
    const response = await h.built.app.inject({ method: 'GET', url: '/v1/models', headers: auth });
    const ids = (response.json() as { data: { id: string }[] }).data.map((m) => m.id);
    expect(ids).toEqual(expect.arrayContaining(['gpt-big', 'claude-mid', 'gemini-light', 'chain']));
  });

  it('opens a breaker after consecutive failures, skips it, reports it, and half-opens after the cooldown', async () => {
    h.fakes.openai.setFaults(() => ({ status: 500 }));
    for (let i = 0; i < 2; i += 1) await post(hello); // 2 requests × 2 attempts = 4 failures ≥ 3
    const before = h.fakes.openai.requestCount;
    const blocked = await post(hello);
    expect(blocked.statusCode).toBe(503);
    expect(blocked.json().error.code).toBe('breakers_open');
    expect(blocked.json().error.message).toContain('gpt-big: open');
    expect(h.fakes.openai.requestCount).toBe(before);

    const chained = await post({ ...hello, model: 'chain' });
    expect(chained.statusCode).toBe(200);
    expect(chained.headers['x-rung-model']).toBe('claude-mid');

    const health = await h.built.app.inject({ method: 'GET', url: '/api/v1/admin/router/health', headers: { authorization: `Bearer ${ADMIN_KEY}` } });
    const body = health.json() as { providers: { id: string; status: string }[]; deployments: { id: string; status: string; breaker: { state: string }; last_error_class: string | null; success_rate: number | null }[] };
    const big = body.deployments.find((d) => d.id === 'gpt-big');
    expect(big).toMatchObject({ status: 'down', breaker: { state: 'open' }, last_error_class: 'server_error' });
    expect(body.providers.find((p) => p.id === 'openai')?.status).toBe('down');
    expect(body.deployments.find((d) => d.id === 'claude-mid')?.status).toBe('healthy');
    expect(JSON.stringify(body)).not.toContain(PROVIDER_KEYS.openai);

    h.fakes.openai.setFaults(undefined);
    clock.advance(30_001);
    const probe = await post(hello);
    expect(probe.statusCode).toBe(200);
    expect(h.built.runtime.executor.breakers.get('gpt-big').state()).toBe('closed');
  });
});
