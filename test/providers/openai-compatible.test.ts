import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChatRequest } from '../../src/chat/types.ts';
import { createProviderAdapter } from '../../src/providers/create-adapter.ts';
import type { ProviderAdapter } from '../../src/providers/spec.ts';
import { API_KEY, callContext, collect, rungErrorFrom, settingsFor } from './support/adapter-fixtures.ts';
import { dataEvents, json, sse, startUpstream, type Upstream } from './support/upstream-server.ts';

let upstream: Upstream;
let adapter: ProviderAdapter;

beforeEach(async () => {
  upstream = await startUpstream();
  adapter = createProviderAdapter(settingsFor('openai', `${upstream.origin}/v1`, { headers: { 'openai-organization': 'org-rung' } }));
});

afterEach(async () => {
  await adapter.close();
  await upstream.close();
});

const completion = {
  id: 'chatcmpl-abc',
  object: 'chat.completion',
  created: 1_700_000_000,
  model: 'gpt-4o-mini-2024-07-18',
  choices: [{ index: 0, message: { role: 'assistant', content: 'Oslo is cold.', refusal: null }, logprobs: null, finish_reason: 'stop' }],
  usage: { prompt_tokens: 21, completion_tokens: 4, total_tokens: 25, prompt_tokens_details: { cached_tokens: 0 } },
  system_fingerprint: 'fp_1',
};

const conversation: ChatRequest = {
  model: 'gpt-4o-mini',
  stream: false,
  messages: [
    { role: 'system', content: 'You are terse.' },
    { role: 'user', content: [{ type: 'text', text: 'Weather in Oslo?' }] },
  ],
  maxTokens: 50,
  stop: ['\n\n'],
};

describe('OpenAI-compatible adapter: doGenerate', () => {
  it('POSTs the exact body to {baseUrl}/chat/completions with the key and extra headers, and parses the answer', async () => {
    upstream.respond(json(200, completion));
    const result = await adapter.doGenerate(conversation, callContext());

    const request = upstream.last();
    expect(request.method).toBe('POST');
    expect(request.path).toBe('/v1/chat/completions');
    expect(request.headers.authorization).toBe(`Bearer ${API_KEY}`);
    expect(request.headers['content-type']).toBe('application/json');
    expect(request.headers.accept).toBe('application/json');
    expect(request.headers['openai-organization']).toBe('org-rung');
    expect(request.body).toEqual({
      model: 'gpt-4o-mini',
      messages: [
        { role: 'system', content: 'You are terse.' },
        { role: 'user', content: 'Weather in Oslo?' },
      ],
      max_tokens: 50,
      stop: ['\n\n'],
    });
    expect(result).toEqual({
      id: 'chatcmpl-abc',
      content: 'Oslo is cold.',
      toolCalls: [],
      finishReason: 'stop',
      usage: { promptTokens: 21, completionTokens: 4, totalTokens: 25 },
    });
  });

  it('round-trips a tool call and its result, and sends json_schema response formats natively', async () => {
    upstream.respond(
      json(200, {
        ...completion,
        choices: [
          {
            index: 0,
            message: { role: 'assistant', content: null, tool_calls: [{ id: 'call_9', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Oslo"}' } }] },
            finish_reason: 'tool_calls',
          },
        ],
      }),
    );
    const tools = [{ name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } }];
    const first = await adapter.doGenerate({ ...conversation, tools, toolChoice: 'auto' }, callContext());
    expect(first.finishReason).toBe('tool_calls');
    expect(first.toolCalls).toEqual([{ id: 'call_9', name: 'get_weather', arguments: '{"city":"Oslo"}' }]);

    upstream.respond(json(200, completion));
    await adapter.doGenerate(
      {
        ...conversation,
        tools,
        messages: [
          ...conversation.messages,
          { role: 'assistant', content: null, toolCalls: first.toolCalls },
          { role: 'tool', toolCallId: 'call_9', content: '{"celsius":-3}' },
        ],
        responseFormat: { type: 'json_schema', name: 'answer', schema: { type: 'object', properties: { text: { type: 'string' } } }, strict: true },
      },
      callContext(),
    );
    const body = upstream.last().body as { messages: unknown[]; response_format: unknown };
    expect(body.messages.slice(2)).toEqual([
      { role: 'assistant', content: null, tool_calls: [{ id: 'call_9', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Oslo"}' } }] },
      { role: 'tool', tool_call_id: 'call_9', content: '{"celsius":-3}' },
    ]);
    expect(body.response_format).toEqual({
      type: 'json_schema',
      json_schema: { name: 'answer', schema: { type: 'object', properties: { text: { type: 'string' } } }, strict: true },
    });
  });

  it('sends no Authorization header when no key is configured (local servers)', async () => {
    const keyless = createProviderAdapter(settingsFor('openai_compatible', `${upstream.origin}/v1/`, { apiKey: undefined }));
    upstream.respond(json(200, completion));
    await keyless.doGenerate(conversation, callContext());
    await keyless.close();
    expect(upstream.last().path).toBe('/v1/chat/completions');
    expect(upstream.last().headers.authorization).toBeUndefined();
  });

  it('fails with malformed_response on a 200 that is not JSON or lacks choices', async () => {
    upstream.respond((_request, response) => void response.writeHead(200, { 'content-type': 'application/json' }).end('{"choices": [tru'));
    expect((await rungErrorFrom(() => adapter.doGenerate(conversation, callContext()))).code).toBe('malformed_response');
    upstream.respond(json(200, { id: 'x', object: 'chat.completion' }));
    const error = await rungErrorFrom(() => adapter.doGenerate(conversation, callContext()));
    expect(error.code).toBe('malformed_response');
    expect(error.provider).toBe('openai-test');
  });
});

describe('OpenAI-compatible adapter: doStream', () => {
  const streamRequest: ChatRequest = { ...conversation, stream: true };

  it('asks for usage, yields text deltas and exactly one finish carrying the late usage chunk', async () => {
    const base = { id: 'chatcmpl-s', object: 'chat.completion.chunk', created: 1, model: 'gpt-4o-mini' };
    upstream.respond(
      sse([
        ...dataEvents([
          { ...base, choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }] },
          { ...base, choices: [{ index: 0, delta: { content: 'Cold' }, finish_reason: null }] },
          { ...base, choices: [{ index: 0, delta: { content: ' today.' }, finish_reason: null }] },
          { ...base, choices: [{ index: 0, delta: {}, finish_reason: 'stop' }], usage: null },
          { ...base, choices: [], usage: { prompt_tokens: 21, completion_tokens: 3, total_tokens: 24 } },
          '[DONE]',
        ]),
      ]),
    );
    const events = await collect(await adapter.doStream(streamRequest, callContext()));
    const body = upstream.last().body as Record<string, unknown>;
    expect(body.stream).toBe(true);
    expect(body.stream_options).toEqual({ include_usage: true });
    expect(upstream.last().headers.accept).toBe('text/event-stream');
    expect(events).toEqual([
      { type: 'text-delta', text: 'Cold' },
      { type: 'text-delta', text: ' today.' },
      { type: 'finish', finishReason: 'stop', usage: { promptTokens: 21, completionTokens: 3, totalTokens: 24 } },
    ]);
  });

  it('yields tool-call deltas by index, with id and name on the first delta of each call', async () => {
    const chunk = (delta: unknown, finish: string | null = null): unknown => ({ choices: [{ index: 0, delta, finish_reason: finish }] });
    upstream.respond(
      sse(
        dataEvents([
          chunk({ role: 'assistant', content: null, tool_calls: [{ index: 0, id: 'call_a', type: 'function', function: { name: 'get_weather', arguments: '' } }] }),
          chunk({ tool_calls: [{ index: 0, function: { arguments: '{"city":"Os' } }] }),
          chunk({ tool_calls: [{ index: 0, function: { arguments: 'lo"}' } }] }),
          chunk({ tool_calls: [{ index: 1, id: 'call_b', type: 'function', function: { name: 'get_time', arguments: '{}' } }] }),
          chunk({}, 'tool_calls'),
          '[DONE]',
        ]),
      ),
    );
    const events = await collect(await adapter.doStream(streamRequest, callContext()));
    expect(events).toEqual([
      { type: 'tool-call-delta', index: 0, id: 'call_a', name: 'get_weather', argumentsDelta: '' },
      { type: 'tool-call-delta', index: 0, argumentsDelta: '{"city":"Os' },
      { type: 'tool-call-delta', index: 0, argumentsDelta: 'lo"}' },
      { type: 'tool-call-delta', index: 1, id: 'call_b', name: 'get_time', argumentsDelta: '{}' },
      { type: 'finish', finishReason: 'tool_calls' },
    ]);
  });

  it('finishes a stream that ends after a finish_reason without [DONE] (some compatible servers)', async () => {
    upstream.respond(sse(dataEvents([{ choices: [{ index: 0, delta: { content: 'ok' }, finish_reason: 'length' }] }])));
    const events = await collect(await adapter.doStream(streamRequest, callContext()));
    expect(events).toEqual([
      { type: 'text-delta', text: 'ok' },
      { type: 'finish', finishReason: 'length' },
    ]);
  });

  it('fails with malformed_response on a chunk that is not JSON, after the events before it', async () => {
    upstream.respond(sse([...dataEvents([{ choices: [{ index: 0, delta: { content: 'a' } }] }]), 'data: {"choices":[{"delta":\n\n']));
    const seen: string[] = [];
    const error = await rungErrorFrom(async () => {
      for await (const event of await adapter.doStream(streamRequest, callContext())) seen.push(event.type);
    });
    expect(seen).toEqual(['text-delta']);
    expect(error.code).toBe('malformed_response');
  });

  it('maps an error chunk inside the stream to its class', async () => {
    upstream.respond(
      sse(dataEvents([{ choices: [{ index: 0, delta: { content: 'a' } }] }, { error: { message: 'The server had an error', type: 'server_error', code: null } }])),
    );
    const error = await rungErrorFrom(async () => collect(await adapter.doStream(streamRequest, callContext())));
    expect(error.code).toBe('server_error');
    expect(error.message).toContain('The server had an error');
  });

  it('rejects doStream itself, before any event, when the upstream answers with an HTTP error', async () => {
    upstream.respond(json(429, { error: { message: 'Rate limit reached', type: 'requests', code: 'rate_limit_exceeded' } }, { 'retry-after': '2' }));
    const error = await rungErrorFrom(() => adapter.doStream(streamRequest, callContext()));
    expect(error.code).toBe('rate_limited');
    expect(error.retryAfterMs).toBe(2_000);
    expect(error.upstreamStatus).toBe(429);
  });
});
