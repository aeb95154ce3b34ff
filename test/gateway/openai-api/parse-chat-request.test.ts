// What the parser accepts, and exactly what internal request each accepted body becomes.
import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '../../../src/chat/types.ts';
import { IGNORED_PARAMS, parseChatCompletionBody } from '../../../src/gateway/openai-api/parse-chat-request.ts';
import { fullBody, minimalBody, type Body } from './fixtures.ts';

function messagesOf(messages: unknown[]): ChatMessage[] {
  return parseChatCompletionBody({ model: 'm', messages }).request.messages;
}

const toolTurn = {
  role: 'assistant',
  content: null,
  tool_calls: [{ id: 'call_9', type: 'function', function: { name: 'lookup', arguments: '{"q":"x"}' } }],
};

describe('parseChatCompletionBody: messages', () => {
  it('turns the smallest body into a non-streaming request with defaults', () => {
    expect(parseChatCompletionBody(minimalBody())).toStrictEqual({
      model: 'gpt-small',
      request: { messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }], stream: false },
      includeUsageInStream: false,
      metadata: {},
    });
  });

  it('keeps system messages and turns developer messages into system ones, joining text parts', () => {
    expect(
      messagesOf([
        { role: 'system', content: 'Rule one.' },
        { role: 'developer', content: 'Rule two.' },
        { role: 'system', content: [{ type: 'text', text: 'Part A.' }, { type: 'text', text: 'Part B.' }] },
        { role: 'user', content: 'Go' },
      ]),
    ).toStrictEqual([
      { role: 'system', content: 'Rule one.' },
      { role: 'system', content: 'Rule two.' },
      { role: 'system', content: 'Part A.\nPart B.' },
      { role: 'user', content: [{ type: 'text', text: 'Go' }] },
    ]);
  });

  it('reads user text and image parts, with and without detail, and the user name', () => {
    expect(
      messagesOf([
        {
          role: 'user',
          name: 'bo',
          content: [
            { type: 'text', text: 'Compare' },
            { type: 'image_url', image_url: { url: 'https://example.com/a.png', detail: 'high' } },
            { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=' } },
          ],
        },
      ]),
    ).toStrictEqual([
      {
        role: 'user',
        name: 'bo',
        content: [
          { type: 'text', text: 'Compare' },
          { type: 'image', url: 'https://example.com/a.png', detail: 'high' },
          { type: 'image', url: 'data:image/png;base64,iVBORw0KGgo=' },
        ],
      },
    ]);
  });

  it('reads assistant turns: text, tool calls with null content, and text parts with refusals left out', () => {
    expect(
      messagesOf([
        { role: 'user', content: 'q' },
        { role: 'assistant', content: 'plain answer' },
        toolTurn,
        { role: 'tool', tool_call_id: 'call_9', content: 'found' },
        { role: 'assistant', content: [{ type: 'text', text: 'one' }, { type: 'refusal', refusal: 'no' }, { type: 'text', text: 'two' }] },
        { role: 'assistant', content: 'with empty calls', tool_calls: [] },
      ]),
    ).toStrictEqual([
      { role: 'user', content: [{ type: 'text', text: 'q' }] },
      { role: 'assistant', content: 'plain answer' },
      { role: 'assistant', content: null, toolCalls: [{ id: 'call_9', name: 'lookup', arguments: '{"q":"x"}' }] },
      { role: 'tool', toolCallId: 'call_9', content: 'found' },
      { role: 'assistant', content: 'one\ntwo' },
      { role: 'assistant', content: 'with empty calls' },
    ]);
  });

  it('reads tool results given as a string or as text parts, answering any earlier tool call', () => {
    const twoCalls = {
      role: 'assistant',
      content: 'Checking both.',
      tool_calls: [
        { id: 'a', type: 'function', function: { name: 'f', arguments: '{}' } },
        { id: 'b', type: 'function', function: { name: 'g', arguments: '' } },
      ],
    };
    expect(
      messagesOf([
        { role: 'user', content: 'q' },
        twoCalls,
        { role: 'tool', tool_call_id: 'b', content: [{ type: 'text', text: 'B1' }, { type: 'text', text: 'B2' }] },
        { role: 'tool', tool_call_id: 'a', content: 'A' },
        { role: 'user', content: 'and again?' },
        { role: 'tool', tool_call_id: 'a', content: 'A again' },
      ]).slice(2),
    ).toStrictEqual([
      { role: 'tool', toolCallId: 'b', content: 'B1\nB2' },
      { role: 'tool', toolCallId: 'a', content: 'A' },
      { role: 'user', content: [{ type: 'text', text: 'and again?' }] },
      { role: 'tool', toolCallId: 'a', content: 'A again' },
    ]);
  });

  it('ignores unknown keys inside messages, such as vendor cache hints', () => {
    expect(messagesOf([{ role: 'user', content: 'x', cache_control: { type: 'ephemeral' } }])).toStrictEqual([
      { role: 'user', content: [{ type: 'text', text: 'x' }] },
    ]);
  });
});

describe('parseChatCompletionBody: parameters', () => {
  it('maps every parameter of a full body to the internal request', () => {
    const body = fullBody();
    const parsed = parseChatCompletionBody(body);
    expect(parsed.model).toBe('rung-auto');
    expect(parsed.includeUsageInStream).toBe(true);
    expect(parsed.metadata).toStrictEqual({ team: 'search' });
    const { messages, ...rest } = parsed.request;
    expect(messages).toHaveLength(7);
    expect(rest).toStrictEqual({
      stream: true,
      temperature: 0.7,
      topP: 0.9,
      maxTokens: 256,
      stop: ['\n\n', 'END'],
      seed: 42,
      presencePenalty: 0.5,
      frequencyPenalty: -0.5,
      tools: [
        {
          name: 'get_weather',
          description: 'Weather for a city',
          parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
          strict: true,
        },
      ],
      toolChoice: { name: 'get_weather' },
      parallelToolCalls: false,
      responseFormat: { type: 'json_schema', name: 'answer', schema: { type: 'object' }, strict: true },
      logprobs: true,
      topLogprobs: 3,
      user: 'user-7',
    });
  });

  it('shares large client values instead of copying them', () => {
    const body = fullBody();
    const parsed = parseChatCompletionBody(body);
    const tools = body.tools as { function: { parameters: unknown } }[];
    expect(parsed.request.tools?.[0]?.parameters).toBe(tools[0]?.function.parameters);
    expect(parsed.request.stop).toBe(body.stop);
    expect(parsed.metadata).toBe(body.metadata);
  });

  it.each([
    ['max_tokens alone', { max_tokens: 100 }, 100],
    ['max_completion_tokens alone', { max_completion_tokens: 80 }, 80],
    ['both, the smaller binds', { max_tokens: 50, max_completion_tokens: 80 }, 50],
  ])('reads the token limit from %s', (_name, extra, expected) => {
    expect(parseChatCompletionBody({ ...minimalBody(), ...extra }).request.maxTokens).toBe(expected);
  });

  it('accepts a single stop string and range edges', () => {
    const parsed = parseChatCompletionBody({ ...minimalBody(), stop: 'STOP', temperature: 2, top_p: 0, presence_penalty: -2, frequency_penalty: 2, seed: -5 });
    expect(parsed.request).toMatchObject({ stop: ['STOP'], temperature: 2, topP: 0, presencePenalty: -2, frequencyPenalty: 2, seed: -5 });
  });

  it.each([
    ['text', { type: 'text' }, { type: 'text' }],
    ['json_object', { type: 'json_object' }, { type: 'json_object' }],
    [
      'json_schema with description',
      { type: 'json_schema', json_schema: { name: 'x-1', description: 'd', schema: { type: 'object' } } },
      { type: 'json_schema', name: 'x-1', description: 'd', schema: { type: 'object' } },
    ],
  ])('reads response_format %s', (_name, format, expected) => {
    expect(parseChatCompletionBody({ ...minimalBody(), response_format: format }).request.responseFormat).toStrictEqual(expected);
  });

  it.each(['none', 'auto', 'required'] as const)("keeps tool_choice '%s' when tools are given", (choice) => {
    const tools = [{ type: 'function', function: { name: 'f' } }];
    const parsed = parseChatCompletionBody({ ...minimalBody(), tools, tool_choice: choice });
    expect(parsed.request.toolChoice).toBe(choice);
    expect(parsed.request.tools).toStrictEqual([{ name: 'f' }]);
  });

  it("drops tool_choice 'none' and 'auto' and an empty tools array, which mean nothing without tools", () => {
    for (const choice of ['none', 'auto']) {
      const parsed = parseChatCompletionBody({ ...minimalBody(), tools: [], tool_choice: choice });
      expect(parsed.request).not.toHaveProperty('toolChoice');
      expect(parsed.request).not.toHaveProperty('tools');
    }
  });

  it('treats null as absent for every nullable parameter', () => {
    const nulls: Body = {};
    for (const key of ['stream', 'stream_options', 'temperature', 'top_p', 'max_tokens', 'max_completion_tokens', 'stop', 'seed',
      'presence_penalty', 'frequency_penalty', 'tools', 'tool_choice', 'parallel_tool_calls', 'response_format', 'logprobs',
      'top_logprobs', 'user', 'metadata', 'n', 'logit_bias']) nulls[key] = null;
    expect(parseChatCompletionBody({ ...minimalBody(), ...nulls })).toStrictEqual(parseChatCompletionBody(minimalBody()));
  });

  it('asks for a usage chunk only when streaming with include_usage', () => {
    const withUsage = { stream_options: { include_usage: true } };
    expect(parseChatCompletionBody({ ...minimalBody(), stream: true, ...withUsage }).includeUsageInStream).toBe(true);
    expect(parseChatCompletionBody({ ...minimalBody(), stream: true }).includeUsageInStream).toBe(false);
    expect(parseChatCompletionBody({ ...minimalBody(), stream: false, ...withUsage }).includeUsageInStream).toBe(false);
  });

  it('accepts and ignores every documented harmless parameter', () => {
    const extras: Body = {};
    for (const key of IGNORED_PARAMS) extras[key] = key === 'store' ? true : { anything: 1 };
    expect(IGNORED_PARAMS.size).toBeGreaterThanOrEqual(7);
    expect(parseChatCompletionBody({ ...minimalBody(), ...extras })).toStrictEqual(parseChatCompletionBody(minimalBody()));
  });

  it('accepts n = 1 and an empty logit_bias, which change nothing', () => {
    expect(parseChatCompletionBody({ ...minimalBody(), n: 1, logit_bias: {} })).toStrictEqual(parseChatCompletionBody(minimalBody()));
  });

  it('does not modify the body it reads', () => {
    const body = fullBody();
    const snapshot = JSON.stringify(body);
    parseChatCompletionBody(body);
    expect(JSON.stringify(body)).toBe(snapshot);
  });
});
