// Bodies built by the official openai SDK (including its zod helpers) are captured on a real
// HTTP server and fed to the parser: whatever the SDK sends for standard parameters must parse.
import { zodFunction, zodResponseFormat } from 'openai/helpers/zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseChatCompletionBody } from '../../../src/gateway/openai-api/parse-chat-request.ts';
import { renderChatCompletion } from '../../../src/gateway/openai-api/render-completion.ts';
import { ChunkRenderer } from '../../../src/gateway/openai-api/render-stream.ts';
import { jsonResponse, sseResponse, startSdkServer, type SdkServer } from './sdk-server.ts';

const meta = { id: 'chatcmpl-1', model: 'gpt-small', created: 1 };
const usage = { promptTokens: 1, completionTokens: 1, totalTokens: 2 };

let server: SdkServer;
beforeAll(async () => {
  server = await startSdkServer();
});
afterAll(async () => server.close());

describe('bodies sent by the openai SDK', () => {
  it('parse with every message kind and standard parameter', async () => {
    server.respondWith(jsonResponse(renderChatCompletion({ content: 'ok', toolCalls: [], finishReason: 'stop', usage }, meta)));
    await server.client.chat.completions.create({
      model: 'rung-auto',
      messages: [
        { role: 'developer', content: 'Be exact.' },
        { role: 'system', content: [{ type: 'text', text: 'Cite numbers.' }] },
        { role: 'user', name: 'ana', content: [{ type: 'text', text: 'Look' }, { type: 'image_url', image_url: { url: 'data:image/png;base64,AAAA', detail: 'auto' } }] },
        { role: 'assistant', content: null, tool_calls: [{ id: 'call_7', type: 'function', function: { name: 'lookup', arguments: '{}' } }] },
        { role: 'tool', tool_call_id: 'call_7', content: [{ type: 'text', text: 'result' }] },
        { role: 'assistant', content: [{ type: 'text', text: 'Done.' }] },
        { role: 'user', content: 'More' },
      ],
      temperature: 0.2,
      top_p: 0.5,
      max_completion_tokens: 64,
      max_tokens: 128,
      stop: 'END',
      seed: 7,
      presence_penalty: 0.1,
      frequency_penalty: 0.2,
      tools: [{ type: 'function', function: { name: 'lookup', description: 'Look up', parameters: { type: 'object', properties: {} } } }],
      tool_choice: 'required',
      parallel_tool_calls: true,
      response_format: { type: 'json_object' },
      logprobs: true,
      top_logprobs: 2,
      user: 'u-1',
      metadata: { app: 'test' },
      n: 1,
      store: false,
      service_tier: 'auto',
      reasoning_effort: 'low',
      verbosity: 'low',
      prompt_cache_key: 'k',
      safety_identifier: 'hash',
    });
    const parsed = parseChatCompletionBody(server.lastBody());
    expect(parsed.model).toBe('rung-auto');
    expect(parsed.metadata).toStrictEqual({ app: 'test' });
    expect(parsed.request).toStrictEqual({
      messages: [
        { role: 'system', content: 'Be exact.' },
        { role: 'system', content: 'Cite numbers.' },
        { role: 'user', name: 'ana', content: [{ type: 'text', text: 'Look' }, { type: 'image', url: 'data:image/png;base64,AAAA', detail: 'auto' }] },
        { role: 'assistant', content: null, toolCalls: [{ id: 'call_7', name: 'lookup', arguments: '{}' }] },
        { role: 'tool', toolCallId: 'call_7', content: 'result' },
        { role: 'assistant', content: 'Done.' },
        { role: 'user', content: [{ type: 'text', text: 'More' }] },
      ],
      stream: false,
      temperature: 0.2,
      topP: 0.5,
      maxTokens: 64,
      stop: ['END'],
      seed: 7,
      presencePenalty: 0.1,
      frequencyPenalty: 0.2,
      tools: [{ name: 'lookup', description: 'Look up', parameters: { type: 'object', properties: {} } }],
      toolChoice: 'required',
      parallelToolCalls: true,
      responseFormat: { type: 'json_object' },
      logprobs: true,
      topLogprobs: 2,
      user: 'u-1',
    });
  });

  it('parse from the zod helpers, strict schemas included', async () => {
    server.respondWith(jsonResponse(renderChatCompletion({ content: '{"answer":"4"}', toolCalls: [], finishReason: 'stop', usage }, meta)));
    const weather = zodFunction({ name: 'get_weather', parameters: z.object({ city: z.string() }) });
    const completion = await server.client.chat.completions.parse({
      model: 'gpt-small',
      messages: [{ role: 'user', content: '2+2?' }],
      tools: [weather],
      tool_choice: { type: 'function', function: { name: 'get_weather' } },
      response_format: zodResponseFormat(z.object({ answer: z.string() }), 'math_answer'),
    });
    expect(completion.choices[0]?.message.parsed).toStrictEqual({ answer: '4' });
    const parsed = parseChatCompletionBody(server.lastBody());
    expect(parsed.request.tools?.[0]).toMatchObject({ name: 'get_weather', strict: true, parameters: { type: 'object', required: ['city'] } });
    expect(parsed.request.toolChoice).toStrictEqual({ name: 'get_weather' });
    expect(parsed.request.responseFormat).toMatchObject({ type: 'json_schema', name: 'math_answer', strict: true, schema: { type: 'object' } });
  });

  it('parse for a stream with include_usage', async () => {
    const renderer = new ChunkRenderer({ ...meta, includeUsage: true });
    server.respondWith(sseResponse(renderer.start() + renderer.render({ type: 'finish', finishReason: 'stop', usage }) + renderer.done()));
    const stream = await server.client.chat.completions.create({
      model: 'gpt-small',
      stream: true,
      stream_options: { include_usage: true },
      messages: [{ role: 'user', content: 'hi' }],
    });
    for await (const _part of stream) {
      // Drain the stream so the request completes.
    }
    const parsed = parseChatCompletionBody(server.lastBody());
    expect(parsed.request.stream).toBe(true);
    expect(parsed.includeUsageInStream).toBe(true);
  });
});
