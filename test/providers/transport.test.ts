// Transport failures through a real adapter and a real socket: refused, cut, stalled, too slow,
// and cancelled by the client. Assertions are on the error class, never on timings.
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { errors as undiciErrors } from 'undici';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChatRequest } from '../../src/chat/types.ts';
import { createProviderAdapter } from '../../src/providers/create-adapter.ts';
import type { ProviderAdapter, ProviderSettings } from '../../src/providers/spec.ts';
import { toTransportError } from '../../src/providers/transport/transport-error.ts';
import { callContext, collect, rungErrorFrom, settingsFor } from './support/adapter-fixtures.ts';
import { dataEvents, json, sse, startUpstream, type Upstream } from './support/upstream-server.ts';

const request: ChatRequest = { model: 'gpt-4o-mini', stream: false, messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }] };
const streamRequest: ChatRequest = { ...request, stream: true };
const textChunk = (text: string): string => dataEvents([{ choices: [{ index: 0, delta: { content: text } }] }])[0] ?? '';
const completion = { choices: [{ message: { content: 'ok' }, finish_reason: 'stop' }], usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 } };

let upstream: Upstream;
const adapters: ProviderAdapter[] = [];

function openAI(timeouts: Partial<ProviderSettings['timeouts']> = {}, overrides: Partial<ProviderSettings> = {}): ProviderAdapter {
  const base = settingsFor('openai', `${upstream.origin}/v1`);
  const adapter = createProviderAdapter({ ...base, timeouts: { ...base.timeouts, ...timeouts }, ...overrides });
  adapters.push(adapter);
  return adapter;
}

beforeEach(async () => {
  upstream = await startUpstream();
});

afterEach(async () => {
  await upstream.close();
  await Promise.all(adapters.splice(0).map((adapter) => adapter.close()));
});

describe('connection failures', () => {
  it('maps a refused connection to `connection`', async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const adapter = createProviderAdapter(settingsFor('openai', `http://127.0.0.1:${port}/v1`));
    adapters.push(adapter);
    const error = await rungErrorFrom(() => adapter.doGenerate(request, callContext()));
    expect(error.code).toBe('connection');
    expect(error.provider).toBe('openai-test');
    expect(error.message).toContain('refused');
  });

  it('maps a stream cut mid-way to `connection` after the events that did arrive', async () => {
    upstream.respond(sse([textChunk('par'), textChunk('tial')], { cut: true }));
    const seen: string[] = [];
    const error = await rungErrorFrom(async () => {
      for await (const event of await openAI().doStream(streamRequest, callContext())) seen.push(event.type === 'text-delta' ? event.text : event.type);
    });
    expect(seen).toEqual(['par', 'tial']);
    expect(error.code).toBe('connection');
  });

  it('maps a non-streaming body cut short to `connection`', async () => {
    upstream.respond((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json', 'content-length': '500' });
      response.write('{"choices":[');
      setImmediate(() => response.socket?.destroy());
    });
    expect((await rungErrorFrom(() => openAI().doGenerate(request, callContext()))).code).toBe('connection');
  });
});

describe('timeouts', () => {
  it('maps no response headers within firstByteMs to `timeout`', async () => {
    upstream.respond(() => undefined); // never answers
    const error = await rungErrorFrom(() => openAI({ firstByteMs: 100 }).doGenerate(request, callContext()));
    expect(error.code).toBe('timeout');
    expect(error.message).toContain('first-byte');
  });

  it('maps a stream that stalls between chunks for longer than idleMs to `timeout`', async () => {
    upstream.respond(sse([textChunk('one')], { end: false }));
    const seen: string[] = [];
    const error = await rungErrorFrom(async () => {
      for await (const event of await openAI({ idleMs: 100 }).doStream(streamRequest, callContext())) seen.push(event.type);
    });
    expect(seen).toEqual(['text-delta']);
    expect(error.code).toBe('timeout');
    expect(error.message).toContain('idle');
  });

  it('maps a call that outlives totalMs to `timeout` even while chunks keep arriving', async () => {
    upstream.respond((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      const timer = setInterval(() => response.write(textChunk('.')), 20);
      response.on('close', () => clearInterval(timer));
    });
    const error = await rungErrorFrom(async () => collect(await openAI({ totalMs: 200, idleMs: 5_000 }).doStream(streamRequest, callContext())));
    expect(error.code).toBe('timeout');
    expect(error.message).toContain('total');
  });

  it("ends a call with `deadline_exceeded` when the route's deadline comes before the total timeout", async () => {
    upstream.respond(() => undefined); // never answers
    const error = await rungErrorFrom(() => openAI({ totalMs: 60_000, firstByteMs: 60_000 }).doGenerate(request, { ...callContext(), deadlineMs: 150 }));
    expect(error.code).toBe('deadline_exceeded');
    expect(error.message).toContain("route's deadline");
    // The upstream request is closed, not left hanging.
    expect(await upstream.last().closedEarly).toBe(true);
  });

  it("keeps the route's deadline over a stream after its first event", async () => {
    upstream.respond((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      const timer = setInterval(() => response.write(textChunk('.')), 20);
      response.on('close', () => clearInterval(timer));
    });
    const seen: string[] = [];
    const error = await rungErrorFrom(async () => {
      for await (const event of await openAI({ totalMs: 60_000, idleMs: 5_000 }).doStream(streamRequest, { ...callContext(), deadlineMs: 200 })) seen.push(event.type);
    });
    expect(seen.length).toBeGreaterThan(0);
    expect(error.code).toBe('deadline_exceeded');
  });

  it("reports the provider's total timeout when it comes before the route's deadline", async () => {
    upstream.respond(() => undefined);
    const error = await rungErrorFrom(() => openAI({ totalMs: 150, firstByteMs: 60_000 }).doGenerate(request, { ...callContext(), deadlineMs: 60_000 }));
    expect(error.code).toBe('timeout');
    expect(error.message).toContain('total');
  });

  it('maps undici timeout and socket errors to the right classes', () => {
    expect(toTransportError(new undiciErrors.ConnectTimeoutError(), 'p').code).toBe('timeout');
    expect(toTransportError(new undiciErrors.HeadersTimeoutError(), 'p').code).toBe('timeout');
    expect(toTransportError(new undiciErrors.BodyTimeoutError(), 'p').code).toBe('timeout');
    expect(toTransportError(new undiciErrors.SocketError('other side closed'), 'p').code).toBe('connection');
    expect(toTransportError(Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }), 'p').code).toBe('connection');
    expect(toTransportError(Object.assign(new Error('Premature close'), { code: 'ERR_STREAM_PREMATURE_CLOSE' }), 'p').code).toBe('connection');
    expect(toTransportError(new AggregateError([Object.assign(new Error('x'), { code: 'ECONNREFUSED' })]), 'p').message).toContain('refused');
  });
});

describe('cancellation', () => {
  it('a client abort mid-stream ends the iteration and closes the upstream connection', async () => {
    upstream.respond(sse([textChunk('first')], { end: false }));
    const controller = new AbortController();
    const events = await openAI().doStream(streamRequest, callContext(controller.signal));
    const error = await rungErrorFrom(async () => {
      for await (const event of events) {
        expect(event).toEqual({ type: 'text-delta', text: 'first' });
        controller.abort();
      }
    });
    expect(error.code).toBe('connection');
    expect(error.message).toContain('client disconnected');
    expect(await upstream.last().closedEarly).toBe(true);
  });

  it('a client abort while waiting for a non-streaming answer rejects and closes the upstream connection', async () => {
    upstream.respond(() => undefined);
    const controller = new AbortController();
    const pending = rungErrorFrom(() => openAI().doGenerate(request, callContext(controller.signal)));
    await new Promise<void>((resolve) => {
      const check = (): void => (upstream.requests.length > 0 ? resolve() : void setTimeout(check, 5));
      check();
    });
    controller.abort();
    expect((await pending).code).toBe('connection');
    expect(await upstream.last().closedEarly).toBe(true);
  });

  it('an already-aborted signal fails the call without waiting', async () => {
    upstream.respond(json(200, completion));
    const controller = new AbortController();
    controller.abort();
    expect((await rungErrorFrom(() => openAI().doGenerate(request, callContext(controller.signal)))).code).toBe('connection');
  });

  it('a consumer that stops reading early releases the upstream request', async () => {
    upstream.respond(sse([textChunk('a'), textChunk('b')], { end: false }));
    for await (const event of await openAI().doStream(streamRequest, callContext())) {
      expect(event.type).toBe('text-delta');
      break;
    }
    expect(await upstream.last().closedEarly).toBe(true);
  });
});

describe('large bodies', () => {
  it('reads a non-streaming answer of several megabytes whole', async () => {
    // Larger than the transport's pause threshold: the reader must keep the socket flowing.
    const longText = 'word '.repeat(800_000);
    upstream.respond(json(200, { ...completion, choices: [{ message: { content: longText }, finish_reason: 'stop' }] }));
    const result = await openAI({ totalMs: 20_000 }).doGenerate(request, callContext());
    expect(result.content).toBe(longText);
  });
});

describe('connection pooling', () => {
  it('reuses one keep-alive connection for sequential calls, including after a complete stream', async () => {
    // One connection allowed, so any call that failed to hand its socket back would force a new one.
    const adapter = openAI({}, { maxConnections: 1 });
    upstream.respond(json(200, completion));
    await adapter.doGenerate(request, callContext());
    await adapter.doGenerate(request, callContext());
    upstream.respond(sse(dataEvents([{ choices: [{ index: 0, delta: { content: 'x' }, finish_reason: 'stop' }] }, '[DONE]'])));
    await collect(await adapter.doStream(streamRequest, callContext()));
    upstream.respond(json(200, completion));
    await adapter.doGenerate(request, callContext());
    expect(upstream.requests).toHaveLength(4);
    expect(upstream.connectionCount()).toBe(1);
  });

  it('opens no more than maxConnections sockets to one origin', async () => {
    const adapter = openAI({}, { maxConnections: 1 });
    upstream.respond(json(200, completion));
    await Promise.all([1, 2, 3].map(() => adapter.doGenerate(request, callContext())));
    expect(upstream.requests).toHaveLength(3);
    expect(upstream.connectionCount()).toBe(1);
  });
});
