import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChatRequest } from '../../src/chat/types.ts';
import { createProviderAdapter } from '../../src/providers/create-adapter.ts';
import type { ProviderAdapter } from '../../src/providers/spec.ts';
import { API_KEY, callContext, collect, rungErrorFrom, settingsFor } from './support/adapter-fixtures.ts';
import { json, namedEvents, sse, startUpstream, type Upstream } from './support/upstream-server.ts';

let upstream: Upstream;
let adapter: ProviderAdapter;

beforeEach(async () => {
  upstream = await startUpstream();
  adapter = createProviderAdapter(settingsFor('anthropic', upstream.origin));
});

afterEach(async () => {
  await adapter.close();
  await upstream.close();
});

const message = {
  id: 'msg_01',
  type: 'message',
  role: 'assistant',
  model: 'claude-sonnet-4-5',
  content: [{ type: 'text', text: 'Hello there.' }],
  stop_reason: 'end_turn',
  stop_sequence: null,
  usage: { input_tokens: 30, output_tokens: 4, cache_creation_input_tokens: 0, cache_read_input_tokens: 10 },
};

const tools = [{ name: 'get_weather', description: 'Weather now', parameters: { type: 'object', properties: { city: { type: 'string' } } } }];

describe('Anthropic adapter: request translation', () => {
  it('sends system separately, merges same-role turns, converts images, tool calls and tool results', async () => {
    upstream.respond(json(200, message));
    const request: ChatRequest = {
      model: 'claude-sonnet-4-5',
      stream: false,
      messages: [
        { role: 'system', content: 'Be exact.' },
        { role: 'user', content: [{ type: 'text', text: 'First.' }] },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Look:' },
            { type: 'image', url: 'data:image/png;base64,iVBORw0KGgo=' },
            { type: 'image', url: 'https://example.com/cat.jpg' },
          ],
        },
        {
          role: 'assistant',
          content: 'Checking both.',
          toolCalls: [
            { id: 'toolu_1', name: 'get_weather', arguments: '{"city":"Oslo"}' },
            { id: 'toolu_2', name: 'get_weather', arguments: '{"city":"Rome"}' },
          ],
        },
        { role: 'tool', toolCallId: 'toolu_1', content: '-3C' },
        { role: 'tool', toolCallId: 'toolu_2', content: '18C' },
        { role: 'system', content: 'Answer in one line.' },
      ],
      temperature: 1.7,
      topP: 0.8,
      stop: ['END'],
      tools,
      toolChoice: 'required',
      parallelToolCalls: false,
      user: 'user-7',
      seed: 3,
    };
    await adapter.doGenerate(request, callContext());

    const recorded = upstream.last();
    expect(recorded.path).toBe('/v1/messages');
    expect(recorded.headers['x-api-key']).toBe(API_KEY);
    expect(recorded.headers['anthropic-version']).toBe('2023-06-01');
    expect(recorded.headers.authorization).toBeUndefined();
    expect(recorded.body).toEqual({
      model: 'claude-sonnet-4-5',
      max_tokens: 4096,
      system: 'Be exact.\n\nAnswer in one line.',
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'First.' },
            { type: 'text', text: 'Look:' },
            { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'iVBORw0KGgo=' } },
            { type: 'image', source: { type: 'url', url: 'https://example.com/cat.jpg' } },
          ],
        },
        {
          role: 'assistant',
          content: [
            { type: 'text', text: 'Checking both.' },
            { type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: { city: 'Oslo' } },
            { type: 'tool_use', id: 'toolu_2', name: 'get_weather', input: { city: 'Rome' } },
          ],
        },
        {
          role: 'user',
          content: [
            { type: 'tool_result', tool_use_id: 'toolu_1', content: '-3C' },
            { type: 'tool_result', tool_use_id: 'toolu_2', content: '18C' },
          ],
        },
      ],
      temperature: 1,
      top_p: 0.8,
      stop_sequences: ['END'],
      tools: [{ name: 'get_weather', description: 'Weather now', input_schema: { type: 'object', properties: { city: { type: 'string' } } } }],
      tool_choice: { type: 'any', disable_parallel_tool_use: true },
      metadata: { user_id: 'user-7' },
    });
  });

  it('uses the configured api version, maps tool_choice forms, and asks for JSON in the system prompt', async () => {
    const versioned = createProviderAdapter(settingsFor('anthropic', `${upstream.origin}/`, { apiVersion: '2024-01-01' }));
    upstream.respond(json(200, message));
    const base: ChatRequest = { model: 'c', stream: false, messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }], maxTokens: 100, tools };
    await versioned.doGenerate({ ...base, toolChoice: { name: 'get_weather' } }, callContext());
    expect(upstream.last().headers['anthropic-version']).toBe('2024-01-01');
    expect((upstream.last().body as Record<string, unknown>).tool_choice).toEqual({ type: 'tool', name: 'get_weather' });
    expect((upstream.last().body as Record<string, unknown>).max_tokens).toBe(100);
    await versioned.doGenerate({ ...base, toolChoice: 'none' }, callContext());
    expect((upstream.last().body as Record<string, unknown>).tool_choice).toEqual({ type: 'none' });
    await versioned.doGenerate({ ...base, toolChoice: 'auto' }, callContext());
    expect((upstream.last().body as Record<string, unknown>).tool_choice).toEqual({ type: 'auto' });
    await versioned.doGenerate(
      { ...base, tools: undefined, responseFormat: { type: 'json_schema', name: 'person', schema: { type: 'object', properties: { name: { type: 'string' } } } } },
      callContext(),
    );
    const body = upstream.last().body as Record<string, unknown>;
    expect(body.tools).toBeUndefined();
    expect(body.system).toContain('JSON Schema');
    expect(body.system).toContain('{"type":"object","properties":{"name":{"type":"string"}}}');
    await versioned.close();
  });
});

describe('Anthropic adapter: doGenerate', () => {
  it('parses text, counts cached prompt tokens, and maps end_turn to stop', async () => {
    upstream.respond(json(200, message));
    const result = await adapter.doGenerate({ model: 'c', stream: false, messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }] }, callContext());
    expect(result).toEqual({
      id: 'msg_01',
      content: 'Hello there.',
      toolCalls: [],
      finishReason: 'stop',
      usage: { promptTokens: 40, completionTokens: 4, totalTokens: 44 },
    });
  });

  it('turns tool_use blocks into tool calls with JSON arguments', async () => {
    upstream.respond(
      json(200, {
        ...message,
        content: [
          { type: 'text', text: 'Let me check.' },
          { type: 'tool_use', id: 'toolu_9', name: 'get_weather', input: { city: 'Oslo' } },
        ],
        stop_reason: 'tool_use',
      }),
    );
    const result = await adapter.doGenerate({ model: 'c', stream: false, messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }], tools }, callContext());
    expect(result.content).toBe('Let me check.');
    expect(result.toolCalls).toEqual([{ id: 'toolu_9', name: 'get_weather', arguments: '{"city":"Oslo"}' }]);
    expect(result.finishReason).toBe('tool_calls');
  });

  it('maps max_tokens, stop_sequence and refusal stop reasons', async () => {
    const request: ChatRequest = { model: 'c', stream: false, messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }] };
    for (const [stopReason, expected] of [
      ['max_tokens', 'length'],
      ['stop_sequence', 'stop'],
      ['refusal', 'content_filter'],
    ] as const) {
      upstream.respond(json(200, { ...message, stop_reason: stopReason }));
      expect((await adapter.doGenerate(request, callContext())).finishReason).toBe(expected);
    }
  });

  it('fails with malformed_response when usage or content is missing', async () => {
    upstream.respond(json(200, { id: 'msg', type: 'message', content: [{ type: 'text', text: 'x' }] }));
    const error = await rungErrorFrom(() =>
      adapter.doGenerate({ model: 'c', stream: false, messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }] }, callContext()),
    );
    expect(error.code).toBe('malformed_response');
  });
});

describe('Anthropic adapter: doStream', () => {
  const request: ChatRequest = { model: 'c', stream: true, messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }], tools };
  const start = { type: 'message_start', message: { ...message, content: [], stop_reason: null, usage: { input_tokens: 25, output_tokens: 1 } } };

  it('yields text and tool-call deltas (tool indexes count tool calls only) and one finish with usage', async () => {
    upstream.respond(
      sse(
        namedEvents([
          start,
          { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } },
          { type: 'ping' },
          { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'Checking' } },
          { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: ' now.' } },
          { type: 'content_block_stop', index: 0 },
          { type: 'content_block_start', index: 1, content_block: { type: 'tool_use', id: 'toolu_a', name: 'get_weather', input: {} } },
          { type: 'content_block_delta', index: 1, delta: { type: 'input_json_delta', partial_json: '' } },
          { type: 'content_block_delta', index: 1, delta: { type: 'input_json_delta', partial_json: '{"city": "Os' } },
          { type: 'content_block_delta', index: 1, delta: { type: 'input_json_delta', partial_json: 'lo"}' } },
          { type: 'content_block_stop', index: 1 },
          { type: 'content_block_start', index: 2, content_block: { type: 'tool_use', id: 'toolu_b', name: 'get_weather', input: {} } },
          { type: 'content_block_delta', index: 2, delta: { type: 'input_json_delta', partial_json: '{"city":"Rome"}' } },
          { type: 'content_block_stop', index: 2 },
          { type: 'message_delta', delta: { stop_reason: 'tool_use', stop_sequence: null }, usage: { output_tokens: 42 } },
          { type: 'message_stop' },
        ]),
      ),
    );
    const events = await collect(await adapter.doStream(request, callContext()));
    expect((upstream.last().body as Record<string, unknown>).stream).toBe(true);
    expect(events).toEqual([
      { type: 'text-delta', text: 'Checking' },
      { type: 'text-delta', text: ' now.' },
      { type: 'tool-call-delta', index: 0, id: 'toolu_a', name: 'get_weather', argumentsDelta: '' },
      { type: 'tool-call-delta', index: 0, argumentsDelta: '{"city": "Os' },
      { type: 'tool-call-delta', index: 0, argumentsDelta: 'lo"}' },
      { type: 'tool-call-delta', index: 1, id: 'toolu_b', name: 'get_weather', argumentsDelta: '' },
      { type: 'tool-call-delta', index: 1, argumentsDelta: '{"city":"Rome"}' },
      { type: 'finish', finishReason: 'tool_calls', usage: { promptTokens: 25, completionTokens: 42, totalTokens: 67 } },
    ]);
  });

  it('turns an error event inside the stream into a typed error (overloaded_error → overloaded)', async () => {
    upstream.respond(
      sse(
        namedEvents([
          start,
          { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } },
          { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'Hi' } },
          { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } }
        ]),
      ),
    );
    const seen: string[] = [];
    const error = await rungErrorFrom(async () => {
      for await (const event of await adapter.doStream(request, callContext())) seen.push(event.type);
    });
    expect(seen).toEqual(['text-delta']);
    expect(error.code).toBe('overloaded');
    expect(error.provider).toBe('anthropic-test');
  });

  it('fails as connection when the stream ends before the message stops', async () => {
    upstream.respond(
      sse(namedEvents([start, { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } }, { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'Hi' } }])),
    );
    const error = await rungErrorFrom(async () => collect(await adapter.doStream(request, callContext())));
    expect(error.code).toBe('connection');
  });

  it('fails with malformed_response on an input_json_delta for a block that is not a tool call', async () => {
    upstream.respond(
      sse(namedEvents([start, { type: 'content_block_delta', index: 5, delta: { type: 'input_json_delta', partial_json: '{}' } }, { type: 'message_stop' }])),
    );
    const error = await rungErrorFrom(async () => collect(await adapter.doStream(request, callContext())));
    expect(error.code).toBe('malformed_response');
  });
});
