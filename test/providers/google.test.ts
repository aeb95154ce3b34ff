import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChatRequest, ToolDefinition } from '../../src/chat/types.ts';
import { createProviderAdapter } from '../../src/providers/create-adapter.ts';
import type { ProviderAdapter } from '../../src/providers/spec.ts';
import { API_KEY, callContext, collect, rungErrorFrom, settingsFor } from './support/adapter-fixtures.ts';
import { dataEvents, json, sse, startUpstream, type Upstream } from './support/upstream-server.ts';

let upstream: Upstream;
let adapter: ProviderAdapter;

beforeEach(async () => {
  upstream = await startUpstream();
  adapter = createProviderAdapter(settingsFor('google', upstream.origin));
});

afterEach(async () => {
  await adapter.close();
  await upstream.close();
});

const usageMetadata = { promptTokenCount: 18, candidatesTokenCount: 6, totalTokenCount: 24 };

function answer(parts: unknown[], finishReason = 'STOP'): unknown {
  return {
    candidates: [{ content: { role: 'model', parts }, finishReason, index: 0, safetyRatings: [] }],
    usageMetadata,
    modelVersion: 'gemini-2.0-flash',
    responseId: 'resp-1',
  };
}

const tools: ToolDefinition[] = [
  {
    name: 'get_weather',
    description: 'Weather now',
    parameters: {
      $schema: 'http://json-schema.org/draft-07/schema#',
      type: 'object',
      properties: { city: { type: 'string' }, unit: { type: ['string', 'null'], enum: ['c', 'f', null] } },
      required: ['city'],
      additionalProperties: false,
    },
  },
  { name: 'get_time', parameters: { type: 'object', properties: {} } },
];

describe('Google adapter: request translation', () => {
  it('sends systemInstruction, user/model roles, images, function calls and named function responses', async () => {
    upstream.respond(json(200, answer([{ text: 'Done.' }])));
    const request: ChatRequest = {
      model: 'gemini-2.0-flash',
      stream: false,
      messages: [
        { role: 'system', content: 'Be exact.' },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Weather where this was taken?' },
            { type: 'image', url: 'data:image/jpeg;base64,/9j/4AAQ' },
            { type: 'image', url: 'https://example.com/photo.png' },
          ],
        },
        { role: 'assistant', content: null, toolCalls: [{ id: 'call_0', name: 'get_weather', arguments: '{"city":"Oslo"}' }] },
        { role: 'tool', toolCallId: 'call_0', content: '-3C' },
        { role: 'assistant', content: 'Cold. Anything else?' },
        { role: 'user', content: [{ type: 'text', text: 'Time?' }] },
        { role: 'assistant', content: null, toolCalls: [{ id: 'call_0', name: 'get_time', arguments: '{}' }] },
        { role: 'tool', toolCallId: 'call_0', content: '12:00' },
      ],
      temperature: 0.4,
      topP: 0.9,
      maxTokens: 300,
      stop: ['END'],
      tools,
      toolChoice: { name: 'get_weather' },
    };
    await adapter.doGenerate(request, callContext());

    const recorded = upstream.last();
    expect(recorded.path).toBe('/v1beta/models/gemini-2.0-flash:generateContent');
    expect(recorded.headers['x-goog-api-key']).toBe(API_KEY);
    expect(recorded.headers.authorization).toBeUndefined();
    expect(recorded.body).toEqual({
      systemInstruction: { parts: [{ text: 'Be exact.' }] },
      contents: [
        {
          role: 'user',
          parts: [
            { text: 'Weather where this was taken?' },
            { inlineData: { mimeType: 'image/jpeg', data: '/9j/4AAQ' } },
            { fileData: { mimeType: 'image/png', fileUri: 'https://example.com/photo.png' } },
          ],
        },
        { role: 'model', parts: [{ functionCall: { name: 'get_weather', args: { city: 'Oslo' } } }] },
        { role: 'user', parts: [{ functionResponse: { name: 'get_weather', response: { content: '-3C' } } }] },
        { role: 'model', parts: [{ text: 'Cold. Anything else?' }] },
        { role: 'user', parts: [{ text: 'Time?' }] },
        { role: 'model', parts: [{ functionCall: { name: 'get_time', args: {} } }] },
        // `call_0` was reused by the later turn; the name comes from the latest assistant call.
        { role: 'user', parts: [{ functionResponse: { name: 'get_time', response: { content: '12:00' } } }] },
      ],
      generationConfig: { temperature: 0.4, topP: 0.9, maxOutputTokens: 300, stopSequences: ['END'] },
      tools: [
        {
          functionDeclarations: [
            {
              name: 'get_weather',
              description: 'Weather now',
              parameters: {
                type: 'object',
                properties: { city: { type: 'string' }, unit: { type: 'string', nullable: true, enum: ['c', 'f'] } },
                required: ['city'],
              },
            },
            { name: 'get_time' },
          ],
        },
      ],
      toolConfig: { functionCallingConfig: { mode: 'ANY', allowedFunctionNames: ['get_weather'] } },
    });
  });

  it('asks for JSON with a cleaned responseSchema and maps auto/none/required tool choices', async () => {
    upstream.respond(json(200, answer([{ text: '{}' }])));
    const base: ChatRequest = { model: 'models/gemini-2.0-flash', stream: false, messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }] };
    await adapter.doGenerate(
      {
        ...base,
        responseFormat: {
          type: 'json_schema',
          name: 'person',
          strict: true,
          schema: { $schema: 'x', type: 'object', properties: { name: { type: 'string', const: 'Ada' }, tags: { type: 'array', items: { type: 'string', additionalProperties: false } } }, additionalProperties: false },
        },
      },
      callContext(),
    );
    expect(upstream.last().path).toBe('/v1beta/models/gemini-2.0-flash:generateContent');
    expect((upstream.last().body as Record<string, unknown>).generationConfig).toEqual({
      responseMimeType: 'application/json',
      responseSchema: { type: 'object', properties: { name: { type: 'string', enum: ['Ada'] }, tags: { type: 'array', items: { type: 'string' } } } },
    });
    for (const [choice, mode] of [
      ['auto', 'AUTO'],
      ['none', 'NONE'],
      ['required', 'ANY'],
    ] as const) {
      await adapter.doGenerate({ ...base, tools, toolChoice: choice }, callContext());
      expect((upstream.last().body as Record<string, unknown>).toolConfig).toEqual({ functionCallingConfig: { mode } });
    }
  });

  it('rejects a tool message whose call id no assistant message made, as bad_request, without calling upstream', async () => {
    const error = await rungErrorFrom(() =>
      adapter.doGenerate({ model: 'g', stream: false, messages: [{ role: 'tool', toolCallId: 'call_x', content: 'r' }] }, callContext()),
    );
    expect(error.code).toBe('bad_request');
    expect(error.param).toBe('messages[0].tool_call_id');
    expect(upstream.requests).toHaveLength(0);
  });
});

describe('Google adapter: doGenerate', () => {
  const request: ChatRequest = { model: 'gemini-2.0-flash', stream: false, messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }] };

  it('joins text parts, skips thought parts, and reads usage', async () => {
    upstream.respond(json(200, answer([{ text: 'thinking…', thought: true }, { text: 'Hello' }, { text: ' world' }])));
    expect(await adapter.doGenerate(request, callContext())).toEqual({
      id: 'resp-1',
      content: 'Hello world',
      toolCalls: [],
      finishReason: 'stop',
      usage: { promptTokens: 18, completionTokens: 6, totalTokens: 24 },
    });
  });

  it('turns functionCall parts into tool calls with synthetic ids, and STOP into tool_calls', async () => {
    upstream.respond(json(200, answer([{ functionCall: { name: 'get_weather', args: { city: 'Oslo' } } }, { functionCall: { name: 'get_time', args: {} } }])));
    const result = await adapter.doGenerate(request, callContext());
    expect(result.content).toBeNull();
    expect(result.toolCalls).toEqual([
      { id: 'call_0', name: 'get_weather', arguments: '{"city":"Oslo"}' },
      { id: 'call_1', name: 'get_time', arguments: '{}' },
    ]);
    expect(result.finishReason).toBe('tool_calls');
  });

  it('maps MAX_TOKENS to length and SAFETY / RECITATION / PROHIBITED_CONTENT / BLOCKLIST to content_filter', async () => {
    upstream.respond(json(200, answer([{ text: 'cut' }], 'MAX_TOKENS')));
    expect((await adapter.doGenerate(request, callContext())).finishReason).toBe('length');
    for (const reason of ['SAFETY', 'RECITATION', 'PROHIBITED_CONTENT', 'BLOCKLIST']) {
      upstream.respond(json(200, { candidates: [{ finishReason: reason, index: 0 }], usageMetadata }));
      const result = await adapter.doGenerate(request, callContext());
      expect(result.finishReason).toBe('content_filter');
      expect(result.content).toBeNull();
    }
  });

  it('fails with content_filter when the prompt itself was blocked', async () => {
    upstream.respond(json(200, { promptFeedback: { blockReason: 'SAFETY', safetyRatings: [] }, usageMetadata: { promptTokenCount: 9, totalTokenCount: 9 } }));
    const error = await rungErrorFrom(() => adapter.doGenerate(request, callContext()));
    expect(error.code).toBe('content_filter');
    expect(error.message).toContain('SAFETY');
  });

  it('fails with malformed_response when the 200 has no candidate', async () => {
    upstream.respond(json(200, { usageMetadata }));
    expect((await rungErrorFrom(() => adapter.doGenerate(request, callContext()))).code).toBe('malformed_response');
  });
});

describe('Google adapter: doStream', () => {
  const request: ChatRequest = { model: 'gemini-2.0-flash', stream: true, messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }], tools };

  it('calls streamGenerateContent with alt=sse and yields text deltas, whole function calls and one finish', async () => {
    const chunk = (parts: unknown[], extra: Record<string, unknown> = {}): unknown => ({
      candidates: [{ content: { role: 'model', parts }, index: 0, ...extra }],
      usageMetadata: { promptTokenCount: 18, totalTokenCount: 18 },
    });
    upstream.respond(
      sse(
        dataEvents([
          chunk([{ text: 'Let me' }]),
          chunk([{ text: ' check.' }]),
          chunk([{ functionCall: { name: 'get_weather', args: { city: 'Oslo' } } }, { functionCall: { name: 'get_time', args: {} } }]),
          { candidates: [{ content: { role: 'model', parts: [{ text: '' }] }, finishReason: 'STOP', index: 0 }], usageMetadata: { promptTokenCount: 18, candidatesTokenCount: 11, thoughtsTokenCount: 4, totalTokenCount: 33 } },
        ]).map((event) => event.replace(/\n\n$/, '\r\n\r\n')),
      ),
    );
    const events = await collect(await adapter.doStream(request, callContext()));
    expect(upstream.last().path).toBe('/v1beta/models/gemini-2.0-flash:streamGenerateContent?alt=sse');
    expect(events).toEqual([
      { type: 'text-delta', text: 'Let me' },
      { type: 'text-delta', text: ' check.' },
      { type: 'tool-call-delta', index: 0, id: 'call_0', name: 'get_weather', argumentsDelta: '{"city":"Oslo"}' },
      { type: 'tool-call-delta', index: 1, id: 'call_1', name: 'get_time', argumentsDelta: '{}' },
      { type: 'finish', finishReason: 'tool_calls', usage: { promptTokens: 18, completionTokens: 15, totalTokens: 33 } },
    ]);
  });

  it('fails as connection when the body ends before any finishReason', async () => {
    upstream.respond(sse(dataEvents([{ candidates: [{ content: { role: 'model', parts: [{ text: 'Hel' }] }, index: 0 }] }])));
    const error = await rungErrorFrom(async () => collect(await adapter.doStream(request, callContext())));
    expect(error.code).toBe('connection');
  });

  it('fails with content_filter when a chunk reports a blocked prompt', async () => {
    upstream.respond(sse(dataEvents([{ promptFeedback: { blockReason: 'PROHIBITED_CONTENT' } }])));
    const error = await rungErrorFrom(async () => collect(await adapter.doStream(request, callContext())));
    expect(error.code).toBe('content_filter');
  });

  it('maps an error object inside the stream by its code', async () => {
    upstream.respond(sse(dataEvents([{ error: { code: 503, message: 'The model is overloaded.', status: 'UNAVAILABLE' } }])));
    const error = await rungErrorFrom(async () => collect(await adapter.doStream(request, callContext())));
    expect(error.code).toBe('overloaded');
  });
});
