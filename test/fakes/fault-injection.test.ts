// Every fault kind, over real HTTP, for every provider kind. No timing thresholds: stalls and
// hangs are observed through what the fake recorded (events sent, outcome), not through clocks.
import { request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { faultSequence, startFakeProvider } from '../../src/fakes/index.ts';
import type { FakeProvider, FakeProviderKind, Fault } from '../../src/fakes/index.ts';
import { postJson, postStream } from './http-helpers.ts';

interface Call {
  url: string;
  body: unknown;
  headers: Record<string, string>;
}

const QUESTION = 'Explain how tides work in simple words';

function call(fake: FakeProvider, kind: FakeProviderKind, stream: boolean): Call {
  switch (kind) {
    case 'openai':
      return { url: `${fake.url}/chat/completions`, headers: {}, body: { model: 'm', stream, messages: [{ role: 'user', content: QUESTION }] } };
    case 'anthropic':
      return { url: `${fake.url}/messages`, headers: { 'anthropic-version': '2023-06-01' }, body: { model: 'm', max_tokens: 100, stream, messages: [{ role: 'user', content: QUESTION }] } };
    case 'google':
      return {
        url: `${fake.url}/models/m:${stream ? 'streamGenerateContent?alt=sse' : 'generateContent'}`,
        headers: {},
        body: { contents: [{ role: 'user', parts: [{ text: QUESTION }] }] },
      };
  }
}

async function waitFor(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
}

const KINDS: FakeProviderKind[] = ['openai', 'anthropic', 'google'];
const fakes: FakeProvider[] = [];

async function start(kind: FakeProviderKind, faults: (Fault | undefined)[], chunkDelayMs = 0): Promise<FakeProvider> {
  const fake = await startFakeProvider({ kind, faults: faultSequence(faults), chunkDelayMs });
  fakes.push(fake);
  return fake;
}

afterEach(async () => {
  await Promise.all(fakes.splice(0).map((fake) => fake.close()));
});

describe.each(KINDS)('%s fake: stream faults', (kind) => {
  it('cut: the client gets N events and then a broken connection', async () => {
    const fake = await start(kind, [{ cutAfterChunks: 2 }]);
    const { url, body, headers } = call(fake, kind, true);
    const result = await postStream(url, body, headers);
    expect(result.status).toBe(200);
    expect(result.events).toHaveLength(2);
    expect(result.error).toBeDefined();
    expect(fake.requests[0]).toMatchObject({ outcome: 'cut', chunksSent: 2, aborted: false });
  });

  it('malformed: one event is not JSON, the rest of the stream still arrives', async () => {
    const fake = await start(kind, [undefined, { malformedAfterChunks: 1 }]);
    const clean = call(fake, kind, true);
    const normal = await postStream(clean.url, clean.body, clean.headers);
    const broken = await postStream(clean.url, clean.body, clean.headers);
    expect(broken.error).toBeUndefined();
    expect(broken.events).toHaveLength(normal.events.length + 1);
    expect(() => JSON.parse(broken.events[1]?.data ?? '')).toThrow();
    expect(broken.events.filter((_, position) => position !== 1)).toEqual(normal.events.map((event) => ({ ...event, data: expect.any(String) as string })));
  });

  it('stall forever: exactly N events go out, then nothing until the client leaves', async () => {
    const fake = await start(kind, [{ stallMs: Number.POSITIVE_INFINITY, afterChunks: 3 }]);
    const { url, body, headers } = call(fake, kind, true);
    const result = await postStream(url, body, headers, 3);
    expect(result.abortedByClient).toBe(true);
    await fake.whenIdle();
    expect(fake.requests[0]).toMatchObject({ outcome: 'aborted', aborted: true, chunksSent: 3 });
  });

  it('a finite stall delays the rest but the stream completes', async () => {
    const fake = await start(kind, [{ stallMs: 30, afterChunks: 1 }]);
    const { url, body, headers } = call(fake, kind, true);
    const result = await postStream(url, body, headers);
    expect(result.error).toBeUndefined();
    expect(result.events.length).toBe(fake.requests[0]?.chunksSent);
    expect(fake.requests[0]?.outcome).toBe('finished');
  });

  it('a client that leaves mid-stream is recorded as aborted and the fake stops sending', async () => {
    const fake = await start(kind, [], 40);
    const { url, body, headers } = call(fake, kind, true);
    const full = (await postStream(url, body, headers)).events.length;
    const result = await postStream(url, body, headers, 2);
    expect(result.abortedByClient).toBe(true);
    await fake.whenIdle();
    const record = fake.requests[1];
    expect(record?.aborted).toBe(true);
    expect(record?.chunksSent).toBeLessThan(full);
  });
});

describe.each(KINDS)('%s fake: request-level and non-streaming faults', (kind) => {
  it('status faults answer the scripted status; the next request is clean', async () => {
    const fake = await start(kind, [{ status: 500 }, { status: 503, message: 'busy now' }]);
    const { url, body, headers } = call(fake, kind, false);
    const first = await postJson(url, body, headers);
    expect(first.status).toBe(500);
    const second = await postJson(url, body, headers);
    expect(second.status).toBe(503);
    expect(second.text).toContain('busy now');
    expect((await postJson(url, body, headers)).status).toBe(200);
    expect(fake.requests.map((record) => record.index)).toEqual([0, 1, 2]);
  });

  it('hang: no answer at all; the abort is recorded', async () => {
    const fake = await start(kind, [{ hang: true }]);
    const { url, body, headers } = call(fake, kind, false);
    const controller = new AbortController();
    const pending = request(url, { method: 'POST', headers, body: JSON.stringify(body), signal: controller.signal });
    await waitFor(() => fake.requests[0]?.index === 0);
    controller.abort();
    await expect(pending).rejects.toThrow();
    await fake.whenIdle();
    expect(fake.requests[0]).toMatchObject({ outcome: 'aborted', aborted: true, status: undefined, chunksSent: 0 });
  });

  it('latency: headers wait; other requests are served meanwhile', async () => {
    const fake = await start(kind, [{ latencyMs: 60_000 }]);
    const { url, body, headers } = call(fake, kind, false);
    const controller = new AbortController();
    const slow = request(url, { method: 'POST', headers, body: JSON.stringify(body), signal: controller.signal });
    await waitFor(() => fake.requests[0]?.index === 0);
    expect((await postJson(url, body, headers)).status).toBe(200);
    expect(fake.requests[0]?.status).toBeUndefined();
    controller.abort();
    await expect(slow).rejects.toThrow();
    const quick = await start(kind, [{ latencyMs: 5 }]);
    const again = call(quick, kind, false);
    expect((await postJson(again.url, again.body, again.headers)).status).toBe(200);
  });

  it('non-streaming cut: half a body, then a dead socket', async () => {
    const fake = await start(kind, [{ cutAfterChunks: 0 }]);
    const { url, body, headers } = call(fake, kind, false);
    await expect(postJson(url, body, headers)).rejects.toThrow();
    expect(fake.requests[0]?.outcome).toBe('cut');
  });

  it('non-streaming malformed: 200 with a body that is not JSON', async () => {
    const fake = await start(kind, [{ malformedAfterChunks: 0 }]);
    const { url, body, headers } = call(fake, kind, false);
    const result = await postJson(url, body, headers);
    expect(result.status).toBe(200);
    expect(result.text.startsWith('{')).toBe(true);
    expect(() => JSON.parse(result.text)).toThrow();
  });

  it('non-streaming stall: headers first, body after the stall; forever means until the client leaves', async () => {
    const fake = await start(kind, [{ stallMs: 20, afterChunks: 0 }, { stallMs: Number.POSITIVE_INFINITY, afterChunks: 0 }]);
    const { url, body, headers } = call(fake, kind, false);
    const finite = await postJson(url, body, headers);
    expect(finite.status).toBe(200);
    expect(JSON.parse(finite.text)).toBeTypeOf('object');
    const controller = new AbortController();
    const response = await request(url, { method: 'POST', headers, body: JSON.stringify(body), signal: controller.signal });
    expect(response.statusCode).toBe(200);
    controller.abort();
    await expect(response.body.text()).rejects.toThrow();
    await fake.whenIdle();
    expect(fake.requests[1]).toMatchObject({ status: 200, outcome: 'aborted', chunksSent: 0 });
  });

  it('non-streaming error event: the provider\'s overloaded error', async () => {
    const fake = await start(kind, [{ errorEventAfterChunks: 0 }]);
    const { url, body, headers } = call(fake, kind, false);
    const result = await postJson(url, body, headers);
    expect(result.status).toBe(kind === 'anthropic' ? 529 : 503);
  });
});

describe('OpenAI fake: in-stream error chunk', () => {
  it('sends data: {"error":...} and ends without [DONE]', async () => {
    const fake = await start('openai', [{ errorEventAfterChunks: 2 }]);
    const { url, body, headers } = call(fake, 'openai', true);
    const result = await postStream(url, body, headers);
    expect(result.error).toBeUndefined();
    expect(result.events).toHaveLength(3);
    expect(JSON.parse(result.events[2]?.data ?? '')).toEqual({ error: expect.objectContaining({ type: 'server_error', code: null }) });
    expect(result.events.some((event) => event.data === '[DONE]')).toBe(false);
  });
});
