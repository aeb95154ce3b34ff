import { afterEach, describe, expect, it } from 'vitest';
import { faultSequence, startFakeProvider } from '../../src/fakes/index.ts';
import type { FakeProvider, FakeRequest } from '../../src/fakes/index.ts';
import { postJson, postStream } from './http-helpers.ts';

const fakes: FakeProvider[] = [];
async function start(options: Parameters<typeof startFakeProvider>[0]): Promise<FakeProvider> {
  const fake = await startFakeProvider(options);
  fakes.push(fake);
  return fake;
}
afterEach(async () => {
  await Promise.all(fakes.splice(0).map((fake) => fake.close()));
});

const chat = (content: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({ model: 'm1', messages: [{ role: 'user', content }], ...extra });

describe('recorded requests', () => {
  it('records method, path, query, headers, body, model, stream flag, fault, status and outcome', async () => {
    const fake = await start({ kind: 'openai', faults: faultSequence([{ status: 429 }]) });
    await postJson(`${fake.url}/chat/completions?trace=1`, chat('first'), { 'x-custom': 'yes' });
    await postStream(`${fake.url}/chat/completions`, chat('second', { stream: true }));
    expect(fake.requests).toHaveLength(2);
    expect(fake.requests[0]).toMatchObject({
      method: 'POST',
      path: '/v1/chat/completions',
      query: { trace: '1' },
      headers: expect.objectContaining({ 'x-custom': 'yes' }),
      body: chat('first'),
      model: 'm1',
      stream: false,
      index: 0,
      fault: { status: 429 },
      status: 429,
      outcome: 'finished',
      aborted: false,
    });
    expect(fake.requests[1]).toMatchObject({ stream: true, index: 1, fault: undefined, status: 200, outcome: 'finished' });
    expect(fake.requests[1]?.chunksSent).toBeGreaterThan(5);
  });

  it('keeps unparseable bodies as text and gives no fault index to rejected requests', async () => {
    const fake = await start({ kind: 'openai', apiKey: 'k' });
    await postJson(`${fake.url}/chat/completions`, 'not json', { authorization: 'Bearer k' });
    await postJson(`${fake.url}/chat/completions`, chat('x'));
    expect(fake.requests.map((record) => [record.body, record.index, record.status])).toEqual([
      ['not json', undefined, 400],
      [chat('x'), undefined, 401],
    ]);
    expect(fake.requestCount).toBe(0);
  });

  it('reset clears records and the counter and restores the starting script and responder', async () => {
    const fake = await start({ kind: 'openai', faults: faultSequence([{ status: 500 }]) });
    const url = `${fake.url}/chat/completions`;
    expect((await postJson(url, chat('a'))).status).toBe(500);
    fake.setFaults(undefined);
    fake.setRespond(() => ({ text: 'custom' }));
    expect(JSON.parse((await postJson(url, chat('b'))).text).choices[0].message.content).toBe('custom');
    fake.reset();
    expect(fake.requests).toHaveLength(0);
    expect(fake.requestCount).toBe(0);
    expect((await postJson(url, chat('c'))).status).toBe(500);
    expect(JSON.parse((await postJson(url, chat('d'))).text).choices[0].message.content).toBe('Answer from m1: d');
  });

  it('counts but does not keep requests when recording is off', async () => {
    const fake = await start({ kind: 'openai', record: false });
    await postJson(`${fake.url}/chat/completions`, chat('x'));
    await postJson(`${fake.url}/chat/completions`, chat('y'));
    expect(fake.requests).toHaveLength(0);
    expect(fake.requestCount).toBe(2);
  });
});

describe('custom responders', () => {
  it('receive the normalised request and shape the reply: text, tool calls, finish, usage, logprobs', async () => {
    const seen: FakeRequest[] = [];
    const fake = await start({
      kind: 'openai',
      respond: async (request) => {
        seen.push(request);
        return { text: 'low confidence', finishReason: 'content_filter', usage: { promptTokens: 111, completionTokens: 22 }, logprobs: [-2.5] };
      },
    });
    const result = await postJson(`${fake.url}/chat/completions`, chat('hello', {
      logprobs: true,
      max_completion_tokens: 50,
      stop: 'END',
      tools: [{ type: 'function', function: { name: 'noop' } }],
      tool_choice: 'required',
      response_format: { type: 'json_object' },
    }));
    const choice = JSON.parse(result.text).choices[0];
    expect(choice.finish_reason).toBe('content_filter');
    expect(choice.logprobs.content.map((entry: { logprob: number }) => entry.logprob)).toEqual([-2.5, -2.5]);
    expect(JSON.parse(result.text).usage).toMatchObject({ prompt_tokens: 111, completion_tokens: 22, total_tokens: 133 });
    expect(seen[0]).toMatchObject({
      kind: 'openai',
      model: 'm1',
      messages: [{ role: 'user', text: 'hello' }],
      tools: [{ name: 'noop', parameters: { type: 'object', properties: {} } }],
      toolChoice: 'required',
      responseFormat: { type: 'json_object' },
      maxTokens: 50,
      stop: ['END'],
      logprobs: true,
    });
  });

  it('sends tool-call arguments given as a string verbatim, even when not JSON', async () => {
    const fake = await start({ kind: 'openai', respond: () => ({ toolCalls: [{ name: 'f', arguments: '{"broken":' }] }) });
    const result = await postJson(`${fake.url}/chat/completions`, chat('x'));
    expect(JSON.parse(result.text).choices[0].message.tool_calls[0].function.arguments).toBe('{"broken":');
  });

  it('answer 500 in the provider shape when the responder throws', async () => {
    const fake = await start({ kind: 'anthropic', respond: () => { throw new Error('boom'); } });
    const result = await postJson(`${fake.url}/messages`, { model: 'c', max_tokens: 5, messages: [{ role: 'user', content: 'x' }] }, { 'anthropic-version': '2023-06-01' });
    expect(result.status).toBe(500);
    expect(JSON.parse(result.text)).toMatchObject({ type: 'error', error: { type: 'api_error', message: 'fake responder failed: boom' } });
  });
});

describe('lifecycle', () => {
  it('whenIdle resolves at once with nothing in flight; close ends hanging requests as closed', async () => {
    const fake = await startFakeProvider({ kind: 'openai', faults: () => ({ hang: true }) });
    await fake.whenIdle();
    const pending = postJson(`${fake.url}/chat/completions`, chat('x')).catch((error: unknown) => error);
    while (fake.requests[0]?.index === undefined) await new Promise((resolve) => setTimeout(resolve, 5));
    await fake.close();
    expect(await pending).toBeInstanceOf(Error);
    expect(fake.requests[0]).toMatchObject({ outcome: 'closed', aborted: false });
  });

  it('listens on 127.0.0.1 with a free port and gives a versioned base URL', async () => {
    const [openai, anthropic, google] = await Promise.all([start({ kind: 'openai' }), start({ kind: 'anthropic' }), start({ kind: 'google' })]);
    expect(openai?.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
    expect(anthropic?.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
    expect(google?.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1beta$/);
    expect(new Set([openai?.origin, anthropic?.origin, google?.origin]).size).toBe(3);
  });
});
