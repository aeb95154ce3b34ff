// The non-streaming `chat.completion` object, field by field, and as the official SDK reads it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatResult } from '../../../src/chat/types.ts';
import { renderChatCompletion } from '../../../src/gateway/openai-api/render-completion.ts';
import { jsonResponse, startSdkServer, type SdkServer } from './sdk-server.ts';

const meta = { id: 'chatcmpl-xyz', model: 'claude-mid', created: 1_700_000_123 };
const usage = { promptTokens: 30, completionTokens: 9, totalTokens: 39 };

const textResult: ChatResult = { id: 'provider-id', content: 'Oslo is cold.', toolCalls: [], finishReason: 'stop', usage };
const toolResult: ChatResult = {
  content: null,
  toolCalls: [
    { id: 'call_1', name: 'get_weather', arguments: '{"city":"Oslo"}' },
    { id: 'call_2', name: 'get_time', arguments: '{"zone":"CET"}' },
  ],
  finishReason: 'tool_calls',
  usage,
  logprobs: [{ token: 'x', logprob: -1.5 }],
};

describe('renderChatCompletion', () => {
  it('renders a text answer exactly as OpenAI does, with the gateway id rather than the provider one', () => {
    expect(renderChatCompletion(textResult, meta)).toStrictEqual({
      id: 'chatcmpl-xyz',
      object: 'chat.completion',
      created: 1_700_000_123,
      model: 'claude-mid',
      choices: [{ index: 0, message: { role: 'assistant', content: 'Oslo is cold.', refusal: null }, logprobs: null, finish_reason: 'stop' }],
      usage: { prompt_tokens: 30, completion_tokens: 9, total_tokens: 39 },
      system_fingerprint: null,
    });
  });

  it('renders tool calls and logprobs', () => {
    const choice = renderChatCompletion(toolResult, meta).choices[0];
    expect(choice).toStrictEqual({
      index: 0,
      message: {
        role: 'assistant',
        content: null,
        refusal: null,
        tool_calls: [
          { id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Oslo"}' } },
          { id: 'call_2', type: 'function', function: { name: 'get_time', arguments: '{"zone":"CET"}' } },
        ],
      },
      logprobs: { content: [{ token: 'x', logprob: -1.5, bytes: null, top_logprobs: [] }], refusal: null },
      finish_reason: 'tool_calls',
    });
  });

  it('survives a JSON round trip unchanged (no undefined fields, nothing lost)', () => {
    const rendered = renderChatCompletion(toolResult, meta);
    expect(JSON.parse(JSON.stringify(rendered))).toStrictEqual(rendered);
  });
});

describe('the openai SDK reading a rendered completion', () => {
  let server: SdkServer;
  beforeAll(async () => {
    server = await startSdkServer();
  });
  afterAll(async () => server.close());

  it('returns it from create() with every field intact', async () => {
    const rendered = renderChatCompletion(textResult, meta);
    server.respondWith(jsonResponse(rendered));
    const completion = await server.client.chat.completions.create({ model: 'claude-mid', messages: [{ role: 'user', content: 'weather?' }] });
    expect(completion).toStrictEqual(rendered);
    expect(server.lastPath()).toBe('/v1/chat/completions');
  });

  it('lets parse() decode strict tool arguments', async () => {
    server.respondWith(jsonResponse(renderChatCompletion({ ...toolResult, toolCalls: toolResult.toolCalls.slice(0, 1) }, meta)));
    const parameters = { type: 'object', properties: { city: { type: 'string' } }, required: ['city'], additionalProperties: false };
    const completion = await server.client.chat.completions.parse({
      model: 'claude-mid',
      messages: [{ role: 'user', content: 'weather?' }],
      tools: [{ type: 'function', function: { name: 'get_weather', strict: true, parameters } }],
    });
    const call = completion.choices[0]?.message.tool_calls?.[0];
    expect(call?.type === 'function' ? call.function.parsed_arguments : undefined).toStrictEqual({ city: 'Oslo' });
  });

  it('lets parse() decode a json_schema answer', async () => {
    server.respondWith(jsonResponse(renderChatCompletion({ ...textResult, content: '{"city":"Oslo","celsius":4}' }, meta)));
    const completion = await server.client.chat.completions.parse({
      model: 'claude-mid',
      messages: [{ role: 'user', content: 'weather?' }],
      response_format: { type: 'json_schema', json_schema: { name: 'weather', schema: { type: 'object' }, strict: true } },
    });
    expect(completion.choices[0]?.message.parsed).toStrictEqual({ city: 'Oslo', celsius: 4 });
  });
});
