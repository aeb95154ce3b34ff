import { describe, expect, it } from 'vitest';
import {
  OpenAIStreamDecoder,
  fromOpenAIChunk,
  fromOpenAIResponse,
  mapOpenAIFinishReason,
  toOpenAIRequestBody,
} from '../../src/chat/openai-wire/index.ts';
import type { ChatRequest } from '../../src/chat/types.ts';
import { RungError } from '../../src/errors/rung-error.ts';

const weatherTool = {
  name: 'get_weather',
  description: 'Current weather for a city',
  parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'], additionalProperties: false },
  strict: true,
};

describe('toOpenAIRequestBody', () => {
  it('writes every field in snake_case and leaves unset fields out', () => {
    const request: ChatRequest = {
      model: 'gpt-4o-mini',
      stream: true,
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: [{ type: 'text', text: 'Weather in Oslo?' }], name: 'ada' },
        { role: 'assistant', content: null, toolCalls: [{ id: 'call_1', name: 'get_weather', arguments: '{"city":"Oslo"}' }] },
        { role: 'tool', toolCallId: 'call_1', content: '{"temp":3}' },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'And this picture?' },
            { type: 'image', url: 'https://example.com/cat.png', detail: 'low' },
            { type: 'image', url: 'data:image/png;base64,iVBORw0KGgo=' },
          ],
        },
      ],
      temperature: 0.2,
      topP: 0.9,
      maxTokens: 256,
      stop: ['END'],
      seed: 7,
      presencePenalty: 0.1,
      frequencyPenalty: 0.3,
      tools: [weatherTool],
      toolChoice: { name: 'get_weather' },
      parallelToolCalls: false,
      responseFormat: { type: 'json_schema', name: 'weather', schema: { type: 'object' }, strict: true },
      logprobs: true,
      topLogprobs: 2,
      user: 'user-42',
    };
    expect(toOpenAIRequestBody(request)).toEqual({
      model: 'gpt-4o-mini',
      stream: true,
      stream_options: { include_usage: true },
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Weather in Oslo?', name: 'ada' },
        { role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Oslo"}' } }] },
        { role: 'tool', tool_call_id: 'call_1', content: '{"temp":3}' },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'And this picture?' },
            { type: 'image_url', image_url: { url: 'https://example.com/cat.png', detail: 'low' } },
            { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=' } },
          ],
        },
      ],
      temperature: 0.2,
      top_p: 0.9,
      max_tokens: 256,
      stop: ['END'],
      seed: 7,
      presence_penalty: 0.1,
      frequency_penalty: 0.3,
      tools: [{ type: 'function', function: weatherTool }],
      tool_choice: { type: 'function', function: { name: 'get_weather' } },
      parallel_tool_calls: false,
      response_format: { type: 'json_schema', json_schema: { name: 'weather', schema: { type: 'object' }, strict: true } },
      logprobs: true,
      top_logprobs: 2,
      user: 'user-42',
    });
  });

  it('sends no stream fields for a non-streaming call and passes string tool choices and json_object through', () => {
    const body = toOpenAIRequestBody({
      model: 'm',
      stream: false,
      messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }],
      toolChoice: 'required',
      tools: [{ name: 'noop' }],
      responseFormat: { type: 'json_object' },
    });
    expect(body).toEqual({
      model: 'm',
      messages: [{ role: 'user', content: 'hi' }],
      tools: [{ type: 'function', function: { name: 'noop' } }],
      tool_choice: 'required',
      response_format: { type: 'json_object' },
    });
  });
});

describe('fromOpenAIResponse', () => {
  it('reads content, tool calls, finish reason, usage, id and logprobs', () => {
    const result = fromOpenAIResponse({
      id: 'chatcmpl-1',
      object: 'chat.completion',
      choices: [
        {
          index: 0,
          message: {
            role: 'assistant',
            content: null,
            tool_calls: [{ id: 'call_a', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Oslo"}' } }],
          },
          finish_reason: 'tool_calls',
          logprobs: { content: [{ token: 'x', logprob: -0.5, bytes: [120], top_logprobs: [] }] },
        },
      ],
      usage: { prompt_tokens: 12, completion_tokens: 5, total_tokens: 17 },
    });
    expect(result).toEqual({
      id: 'chatcmpl-1',
      content: null,
      toolCalls: [{ id: 'call_a', name: 'get_weather', arguments: '{"city":"Oslo"}' }],
      finishReason: 'tool_calls',
      usage: { promptTokens: 12, completionTokens: 5, totalTokens: 17 },
      logprobs: [{ token: 'x', logprob: -0.5 }],
    });
  });

  it('maps the legacy function_call form and computes a missing total', () => {
    const result = fromOpenAIResponse({
      choices: [{ message: { content: null, function_call: { name: 'f', arguments: '{}' } }, finish_reason: 'function_call' }],
      usage: { prompt_tokens: 3, completion_tokens: 4 },
    });
    expect(result.toolCalls).toEqual([{ id: 'call_0', name: 'f', arguments: '{}' }]);
    expect(result.finishReason).toBe('tool_calls');
    expect(result.usage).toEqual({ promptTokens: 3, completionTokens: 4, totalTokens: 7 });
  });

  it('rejects a body without choices as malformed_response, naming the provider', () => {
    let caught: unknown;
    try {
      fromOpenAIResponse({ id: 'x', choices: [] }, { provider: 'openai-main' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(RungError);
    expect((caught as RungError).code).toBe('malformed_response');
    expect((caught as RungError).provider).toBe('openai-main');
  });
});

describe('finish reasons', () => {
  it('maps every OpenAI finish reason', () => {
    expect(mapOpenAIFinishReason('stop')).toBe('stop');
    expect(mapOpenAIFinishReason('length')).toBe('length');
    expect(mapOpenAIFinishReason('tool_calls')).toBe('tool_calls');
    expect(mapOpenAIFinishReason('function_call')).toBe('tool_calls');
    expect(mapOpenAIFinishReason('content_filter')).toBe('content_filter');
    expect(mapOpenAIFinishReason(null)).toBe('stop');
    expect(mapOpenAIFinishReason('eos')).toBe('stop');
  });
});

describe('fromOpenAIChunk and OpenAIStreamDecoder', () => {
  const toolStart = {
    choices: [{ index: 0, delta: { tool_calls: [{ index: 0, id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '' } }] } }],
  };
  const toolMore = { choices: [{ index: 0, delta: { tool_calls: [{ index: 0, function: { arguments: '{"city":' } }] } }] };

  it('turns deltas into text, tool-call and logprob events', () => {
    expect(fromOpenAIChunk({ choices: [{ index: 0, delta: { role: 'assistant', content: '' } }] })).toEqual([]);
    expect(
      fromOpenAIChunk({ choices: [{ index: 0, delta: { content: 'Hel' }, logprobs: { content: [{ token: 'Hel', logprob: -0.1 }] } }] }),
    ).toEqual([
      { type: 'text-delta', text: 'Hel' },
      { type: 'logprobs', logprobs: [{ token: 'Hel', logprob: -0.1 }] },
    ]);
    expect(fromOpenAIChunk(toolStart)).toEqual([{ type: 'tool-call-delta', index: 0, id: 'call_1', name: 'get_weather', argumentsDelta: '' }]);
    expect(fromOpenAIChunk(toolMore)).toEqual([{ type: 'tool-call-delta', index: 0, argumentsDelta: '{"city":' }]);
  });

  it('emits a finish for a finish_reason chunk, with usage when the same chunk has it', () => {
    expect(fromOpenAIChunk({ choices: [{ index: 0, delta: {}, finish_reason: 'length' }] })).toEqual([{ type: 'finish', finishReason: 'length' }]);
    expect(
      fromOpenAIChunk({ choices: [{ index: 0, delta: {}, finish_reason: 'stop' }], usage: { prompt_tokens: 1, completion_tokens: 2, total_tokens: 3 } }),
    ).toEqual([{ type: 'finish', finishReason: 'stop', usage: { promptTokens: 1, completionTokens: 2, totalTokens: 3 } }]);
  });

  it('holds the finish until the end so a later usage-only chunk joins it: exactly one finish', () => {
    const decoder = new OpenAIStreamDecoder();
    const events = [
      ...decoder.push({ choices: [{ index: 0, delta: { content: 'Hi' } }] }),
      ...decoder.push({ choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] }),
      ...decoder.push({ choices: [], usage: { prompt_tokens: 9, completion_tokens: 1, total_tokens: 10 } }),
    ];
    expect(events).toEqual([{ type: 'text-delta', text: 'Hi' }]);
    expect(decoder.finish(true)).toEqual({ type: 'finish', finishReason: 'stop', usage: { promptTokens: 9, completionTokens: 1, totalTokens: 10 } });
  });

  it('reports no finish for a stream cut before any finish_reason, and stop for a [DONE] without one', () => {
    const decoder = new OpenAIStreamDecoder();
    decoder.push({ choices: [{ index: 0, delta: { content: 'partial' } }] });
    expect(decoder.finish(false)).toBeUndefined();
    expect(decoder.finish(true)).toEqual({ type: 'finish', finishReason: 'stop' });
  });

  it('rejects a chunk of the wrong shape as malformed_response', () => {
    expect(() => fromOpenAIChunk({ choices: [{ delta: { content: 42 } }] })).toThrow(RungError);
  });
});
