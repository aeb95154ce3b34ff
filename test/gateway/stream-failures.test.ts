// Every row of docs/streaming-failures.md, over a real socket, reading the raw SSE bytes.
import { request } from 'undici';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { faultSequence } from '../../src/fakes/faults.ts';
import type { Fault } from '../../src/fakes/types.ts';
import { CLIENT_KEY, startHarness, type Harness } from '../helpers/gateway-harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({
    config: (base) => {
      const providers = (base.providers as Record<string, unknown>[]).map((p) => ({ ...p, timeouts: { connect_ms: 1000, first_byte_ms: 400, idle_ms: 300, total_ms: 10000 } }));
      return {
        ...base,
        // Breakers would open after a few of these deliberate failures; this file tests streams, not breakers.
        resilience: { breaker: { consecutive_failures: 10_000, min_requests: 10_000 } },
        providers: [...providers, { id: 'dead', type: 'openai', base_url: 'http://127.0.0.1:1/v1', timeouts: { connect_ms: 500 } }],
        deployments: [...(base.deployments as unknown[]), { id: 'dead-model', provider: 'dead', model: 'x', price: { input_per_mtok: 1, output_per_mtok: 1 }, context_window: 1000 }],
        policies: {
          ...(base.policies as object),
          'dead-first': { strategy: { type: 'priority', targets: ['dead-model', 'claude-mid'] }, retry: { attempts_per_target: 1 } },
        },
      };
    },
  });
});
afterAll(async () => h.close());
beforeEach(() => {
  for (const fake of Object.values(h.fakes)) fake.reset();
  h.records.records.length = 0;
});

async function streamRaw(model = 'chain') {
  const response = await request(`${h.baseURL}/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${CLIENT_KEY}`, 'content-type': 'application/json' },
    body: JSON.stringify({ model, stream: true, messages: [{ role: 'user', content: 'one two three four five six seven eight nine ten' }] }),
  });
  const text = await response.body.text();
  return { status: response.statusCode, headers: response.headers, text };
}

function contentOf(sse: string): string {
  let out = '';
  for (const line of sse.split('\n')) {
    if (!line.startsWith('data: ') || line === 'data: [DONE]') continue;
    const chunk = JSON.parse(line.slice(6)) as { choices?: { delta?: { content?: string } }[] };
    out += chunk.choices?.[0]?.delta?.content ?? '';
  }
  return out;
}

const beforeContent: [string, Fault, string][] = [
  ['1: 429 with Retry-After', { status: 429, retryAfterSeconds: 1 }, 'rate_limited'],
  ['2: 503', { status: 503 }, 'overloaded'],
  ['4: no headers within first_byte_ms', { latencyMs: 2000 }, 'timeout'],
  ['5: cut before content', { cutAfterChunks: 0 }, 'connection'],
  ['6: stall before content', { stallMs: 5000, afterChunks: 0 }, 'timeout'],
  ['7: malformed chunk before content', { malformedAfterChunks: 0 }, 'malformed_response'],
  ['8: error event before content', { errorEventAfterChunks: 0 }, 'server_error'],
];

describe('failures before the first content event fall back transparently', () => {
  it.each(beforeContent)('%s', async (_name, fault, errorClass) => {
    h.fakes.openai.setFaults(faultSequence([fault]));
    const { status, text } = await streamRaw();
    expect(status).toBe(200);
    expect(text.trimEnd().endsWith('data: [DONE]')).toBe(true);
    expect(contentOf(text)).toContain('one two three');
    const record = h.records.records.at(-1);
    expect(record?.attempts.map((a) => a.errorClass ?? 'ok')).toEqual([errorClass, 'ok']);
    expect(record?.status).toBe('ok');
    expect(record?.finalDeployment).toBe('claude-mid');
  });

  it('3: connection refused', async () => {
    const { status, text } = await streamRaw('dead-first');
    expect(status).toBe(200);
    expect(contentOf(text)).toContain('one two');
    expect(h.records.records.at(-1)?.attempts.map((a) => a.errorClass ?? 'ok')).toEqual(['connection', 'ok']);
  });

  it('9: a 400 is not fallen back', async () => {
    h.fakes.openai.setFaults(faultSequence([{ status: 400, message: 'bad field' }]));
    const { status, text } = await streamRaw();
    expect(status).toBe(400);
    expect(JSON.parse(text)).toMatchObject({ error: { code: 'bad_request' } });
    expect(h.fakes.anthropic.requestCount).toBe(0);
  });

  it('10: every target failing gives a JSON error listing the attempts, not a stream', async () => {
    for (const fake of Object.values(h.fakes)) fake.setFaults(faultSequence([{ status: 500 }]));
    const { status, headers, text } = await streamRaw();
    expect(status).toBe(502);
    expect(headers['content-type']).toMatch(/application\/json/);
    const body = JSON.parse(text) as { error: { code: string; attempts: { deployment: string; error_class: string }[] } };
    expect(body.error.code).toBe('all_targets_failed');
    expect(body.error.attempts.map((a) => a.deployment)).toEqual(['gpt-big', 'claude-mid', 'gemini-light']);
  });
});

const afterContent: [string, Fault, string][] = [
  ['11: cut after content', { cutAfterChunks: 3 }, 'connection'],
  ['12: stall after content', { stallMs: 5000, afterChunks: 3 }, 'timeout'],
  ['13: malformed chunk after content', { malformedAfterChunks: 3 }, 'malformed_response'],
  ['14: error event after content', { errorEventAfterChunks: 3 }, 'server_error'],
];

describe('failures after content end the stream with an error event and no [DONE]', () => {
  it.each(afterContent)('%s', async (_name, fault, errorClass) => {
    h.fakes.openai.setFaults(faultSequence([fault]));
    const { status, text } = await streamRaw();
    expect(status).toBe(200);
    expect(text).not.toContain('[DONE]');
    const last = text.trim().split('\n').filter((line) => line.startsWith('data: ')).at(-1) ?? '';
    expect(JSON.parse(last.slice(6))).toMatchObject({ error: { code: errorClass } });
    expect(contentOf(text.replace(last, '')).length).toBeGreaterThan(0);
    const record = h.records.records.at(-1);
    expect(record?.status).toBe('stream_error');
    expect(record?.errorCode).toBe(errorClass);
    expect(h.fakes.anthropic.requestCount).toBe(0);
  });
});

describe('client disconnect', () => {
  it('15: cancels the upstream request and records client_closed', async () => {
    h.fakes.openai.setFaults(faultSequence([{ hang: true }]));
    const controller = new AbortController();
    const pending = request(`${h.baseURL}/chat/completions`, {
      method: 'POST',
      signal: controller.signal,
      headers: { authorization: `Bearer ${CLIENT_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'gpt-big', stream: true, messages: [{ role: 'user', content: 'hang' }] }),
    }).catch((error: unknown) => error);
    await waitFor(() => h.fakes.openai.requests.length === 1);
    controller.abort();
    await pending;
    await waitFor(() => h.fakes.openai.requests[0]?.aborted === true);
    await waitFor(() => h.records.records.length === 1);
    expect(h.records.records[0]?.status).toBe('client_closed');
  });

  it('cancels a non-streaming upstream request too, and records client_closed with 499', async () => {
    h.fakes.openai.setFaults(faultSequence([{ hang: true }]));
    const controller = new AbortController();
    const pending = request(`${h.baseURL}/chat/completions`, {
      method: 'POST',
      signal: controller.signal,
      headers: { authorization: `Bearer ${CLIENT_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'gpt-big', messages: [{ role: 'user', content: 'hang' }] }),
    }).catch((error: unknown) => error);
    await waitFor(() => h.fakes.openai.requests.length === 1);
    controller.abort();
    await pending;
    await waitFor(() => h.fakes.openai.requests[0]?.aborted === true);
    await waitFor(() => h.records.records.length === 1);
    expect(h.records.records[0]).toMatchObject({ status: 'client_closed', httpStatus: 499 });
    // Nothing was sent to the other targets after the client left.
    expect(h.fakes.anthropic.requestCount).toBe(0);
  });
});

async function waitFor(condition: () => boolean, limitMs = 5000): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > limitMs) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
