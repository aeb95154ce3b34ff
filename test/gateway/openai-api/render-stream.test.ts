// The rendered SSE stream, checked chunk by chunk and then read by the official openai SDK (its
// raw chunk iterator and its accumulating `.stream()` helper) from a real HTTP server.
import { APIError } from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StreamEvent } from '../../../src/chat/types.ts';
import { RungError } from '../../../src/errors/rung-error.ts';
import { ChunkRenderer, renderStreamError } from '../../../src/gateway/openai-api/render-stream.ts';
import { sseResponse, startSdkServer, type SdkServer } from './sdk-server.ts';

const meta = { id: 'chatcmpl-abc', model: 'gpt-small', created: 1_700_000_000 };

function renderAll(events: StreamEvent[], includeUsage: boolean): string {
  const renderer = new ChunkRenderer({ ...meta, includeUsage });
  return renderer.start() + events.map((event) => renderer.render(event)).join('') + renderer.done();
}

/** The JSON payloads of an SSE text, `[DONE]` kept as a string. */
function payloads(sse: string): unknown[] {
  expect(sse.endsWith('\n\n')).toBe(true);
  return sse
    .slice(0, -2)
    .split('\n\n')
    .map((event) => {
      expect(event.startsWith('data: ')).toBe(true);
      const data = event.slice('data: '.length);
      return data === '[DONE]' ? data : (JSON.parse(data) as unknown);
    });
}

const envelope = { id: 'chatcmpl-abc', object: 'chat.completion.chunk', created: 1_700_000_000, model: 'gpt-small', system_fingerprint: null };

function chunk(delta: object, finishReason: string | null = null, logprobs: unknown = null): object {
  return { ...envelope, choices: [{ index: 0, delta, logprobs, finish_reason: finishReason }] };
}

const usage = { promptTokens: 12, completionTokens: 5, totalTokens: 17 };

const toolEvents: StreamEvent[] = [
  { type: 'text-delta', text: 'Let me check.' },
  { type: 'tool-call-delta', index: 0, id: 'call_a', name: 'get_weather', argumentsDelta: '{"city":' },
  { type: 'tool-call-delta', index: 0, argumentsDelta: '"Oslo"}' },
  { type: 'tool-call-delta', index: 1, id: 'call_b', name: 'get_time', argumentsDelta: '' },
  { type: 'tool-call-delta', index: 1, argumentsDelta: '{"zone":"CET"}' },
  { type: 'finish', finishReason: 'tool_calls', usage },
];

describe('ChunkRenderer output', () => {
  it('renders role, text, finish and [DONE] chunks exactly', () => {
    const sse = renderAll([{ type: 'text-delta', text: 'Hel' }, { type: 'text-delta', text: 'lo "world"\n' }, { type: 'finish', finishReason: 'stop', usage }], false);
    expect(payloads(sse)).toStrictEqual([
      chunk({ role: 'assistant', content: '' }),
      chunk({ content: 'Hel' }),
      chunk({ content: 'lo "world"\n' }),
      chunk({}, 'stop'),
      '[DONE]',
    ]);
  });

  it('adds usage null to every chunk and a final usage chunk with no choices when asked', () => {
    const all = payloads(renderAll([{ type: 'text-delta', text: 'Hi' }, { type: 'finish', finishReason: 'length', usage }], true));
    expect(all).toStrictEqual([
      { ...chunk({ role: 'assistant', content: '' }), usage: null },
      { ...chunk({ content: 'Hi' }), usage: null },
      { ...chunk({}, 'length'), usage: null },
      { ...envelope, choices: [], usage: { prompt_tokens: 12, completion_tokens: 5, total_tokens: 17 } },
      '[DONE]',
    ]);
  });

  it('sends id, type and name once per tool-call index and only arguments after that', () => {
    const all = payloads(renderAll(toolEvents, false));
    expect(all.slice(2, 6)).toStrictEqual([
      chunk({ tool_calls: [{ index: 0, id: 'call_a', type: 'function', function: { name: 'get_weather', arguments: '{"city":' } }] }),
      chunk({ tool_calls: [{ index: 0, function: { arguments: '"Oslo"}' } }] }),
      chunk({ tool_calls: [{ index: 1, id: 'call_b', type: 'function', function: { name: 'get_time', arguments: '' } }] }),
      chunk({ tool_calls: [{ index: 1, function: { arguments: '{"zone":"CET"}' } }] }),
    ]);
  });

  it('gives a tool call without an id a unique one, and sends a late name exactly once', () => {
    const renderer = new ChunkRenderer({ ...meta, includeUsage: false });
    const first = payloads(renderer.render({ type: 'tool-call-delta', index: 2, argumentsDelta: '{' }));
    const second = payloads(renderer.render({ type: 'tool-call-delta', index: 2, name: 'late', argumentsDelta: '}' }));
    const third = payloads(renderer.render({ type: 'tool-call-delta', index: 2, name: 'late', argumentsDelta: '' }));
    expect(first).toStrictEqual([chunk({ tool_calls: [{ index: 2, id: 'call_2_chatcmpl-abc', type: 'function', function: { arguments: '{' } }] })]);
    expect(second).toStrictEqual([chunk({ tool_calls: [{ index: 2, function: { name: 'late', arguments: '}' } }] })]);
    expect(third).toStrictEqual([chunk({ tool_calls: [{ index: 2, function: { arguments: '' } }] })]);
  });

  it('renders logprobs in the OpenAI shape', () => {
    const renderer = new ChunkRenderer({ ...meta, includeUsage: false });
    const rendered = payloads(renderer.render({ type: 'logprobs', logprobs: [{ token: 'Hi', logprob: -0.25 }] }));
    expect(rendered).toStrictEqual([chunk({}, null, { content: [{ token: 'Hi', logprob: -0.25, bytes: null, top_logprobs: [] }], refusal: null })]);
  });

  it('renders nothing for events after finish', () => {
    const renderer = new ChunkRenderer({ ...meta, includeUsage: true });
    expect(renderer.render({ type: 'finish', finishReason: 'stop' })).not.toBe('');
    expect(renderer.render({ type: 'text-delta', text: 'late' })).toBe('');
    expect(renderer.render({ type: 'finish', finishReason: 'stop' })).toBe('');
  });

  it('renders a stream error as an OpenAI error event', () => {
    const error = new RungError('timeout', 'upstream went silent for 30000 ms');
    expect(renderStreamError(error)).toBe(renderStreamError(error));
    expect(payloads(renderStreamError(error))).toStrictEqual([
      { error: { message: 'upstream went silent for 30000 ms', type: 'timeout_error', param: null, code: 'timeout' } },
    ]);
    expect(new ChunkRenderer({ ...meta, includeUsage: false }).renderStreamError(error)).toBe(renderStreamError(error));
  });

  it('escapes ids and model names that need it', () => {
    const renderer = new ChunkRenderer({ id: 'a"b', model: 'm\\n', created: 1, includeUsage: false });
    expect(payloads(renderer.start())).toMatchObject([{ id: 'a"b', model: 'm\\n' }]);
  });
});

describe('the openai SDK reading a rendered stream', () => {
  let server: SdkServer;
  beforeAll(async () => {
    server = await startSdkServer();
  });
  afterAll(async () => server.close());

  it('yields every chunk through create({stream: true}), text and usage included', async () => {
    server.respondWith(sseResponse(renderAll([{ type: 'text-delta', text: 'Hello, ' }, { type: 'text-delta', text: 'Rung!' }, { type: 'finish', finishReason: 'stop', usage }], true)));
    const stream = await server.client.chat.completions.create({
      model: 'gpt-small',
      stream: true,
      stream_options: { include_usage: true },
      messages: [{ role: 'user', content: 'hi' }],
    });
    let text = '';
    let finishReason: string | null | undefined;
    let reportedUsage: unknown;
    let chunks = 0;
    for await (const part of stream) {
      chunks++;
      expect(part.id).toBe('chatcmpl-abc');
      text += part.choices[0]?.delta.content ?? '';
      finishReason = part.choices[0]?.finish_reason ?? finishReason;
      if (part.usage) reportedUsage = part.usage;
    }
    expect(chunks).toBe(5);
    expect(text).toBe('Hello, Rung!');
    expect(finishReason).toBe('stop');
    expect(reportedUsage).toStrictEqual({ prompt_tokens: 12, completion_tokens: 5, total_tokens: 17 });
  });

  it('assembles text, parallel tool calls and logprobs into a final completion with .stream()', async () => {
    const events: StreamEvent[] = [{ type: 'logprobs', logprobs: [{ token: 'Let', logprob: -0.1 }] }, ...toolEvents];
    server.respondWith(sseResponse(renderAll(events, true)));
    const runner = server.client.chat.completions.stream({
      model: 'gpt-small',
      stream_options: { include_usage: true },
      messages: [{ role: 'user', content: 'weather and time in Oslo?' }],
    });
    const final = await runner.finalChatCompletion();
    expect(final.id).toBe('chatcmpl-abc');
    expect(final.usage).toStrictEqual({ prompt_tokens: 12, completion_tokens: 5, total_tokens: 17 });
    const choice = final.choices[0];
    expect(choice?.finish_reason).toBe('tool_calls');
    expect(choice?.message.role).toBe('assistant');
    expect(choice?.message.content).toBe('Let me check.');
    expect(choice?.logprobs?.content).toStrictEqual([{ token: 'Let', logprob: -0.1, bytes: null, top_logprobs: [] }]);
    expect(choice?.message.tool_calls?.map((call) => (call.type === 'function' ? [call.id, call.function.name, call.function.arguments] : []))).toStrictEqual([
      ['call_a', 'get_weather', '{"city":"Oslo"}'],
      ['call_b', 'get_time', '{"zone":"CET"}'],
    ]);
  });

  it('parses strict tool arguments while streaming, as the SDK does for OpenAI', async () => {
    server.respondWith(sseResponse(renderAll(toolEvents.slice(1, 3).concat({ type: 'finish', finishReason: 'tool_calls' }), false)));
    const runner = server.client.chat.completions.stream({
      model: 'gpt-small',
      messages: [{ role: 'user', content: 'weather?' }],
      tools: [{ type: 'function', function: { name: 'get_weather', strict: true, parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'], additionalProperties: false } } }],
    });
    const final = await runner.finalChatCompletion();
    const call = final.choices[0]?.message.tool_calls?.[0];
    expect(call?.type === 'function' ? call.function.parsed_arguments : undefined).toStrictEqual({ city: 'Oslo' });
  });

  it('turns an in-stream error event into an APIError after the text so far', async () => {
    const renderer = new ChunkRenderer({ ...meta, includeUsage: false });
    const error = new RungError('connection', 'the provider connection was cut');
    server.respondWith(sseResponse(renderer.start() + renderer.render({ type: 'text-delta', text: 'partial' }) + renderStreamError(error)));
    const stream = await server.client.chat.completions.create({ model: 'gpt-small', stream: true, messages: [{ role: 'user', content: 'hi' }] });
    let text = '';
    let caught: unknown;
    try {
      for await (const part of stream) text += part.choices[0]?.delta.content ?? '';
    } catch (thrown) {
      caught = thrown;
    }
    expect(text).toBe('partial');
    expect(caught).toBeInstanceOf(APIError);
    const apiError = caught as APIError;
    expect(apiError.message).toContain('the provider connection was cut');
    expect(apiError.code).toBe('connection');
    expect(apiError.type).toBe('server_error');
  });
});
