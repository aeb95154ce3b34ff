import { describe, expect, it } from 'vitest';
import type { ChatRequest, JsonObject } from '../../src/chat/types.ts';
import { estimateOutputTokens, estimatePromptTokens, jsonLength } from '../../src/chat/token-estimate.ts';

function request(overrides: Partial<ChatRequest>): ChatRequest {
  return { model: 'm', messages: [], stream: false, ...overrides };
}

describe('estimatePromptTokens', () => {
  it('is characters / 4 rounded up, plus 4 per message and 3 for the reply', () => {
    const estimate = estimatePromptTokens(request({
      messages: [
        { role: 'system', content: 'x'.repeat(40) },
        { role: 'user', content: [{ type: 'text', text: 'y'.repeat(41) }] },
      ],
    }));
    expect(estimate).toBe(Math.ceil(81 / 4) + 2 * 4 + 3);
  });

  it('counts 85 per image and never the image URL', () => {
    const hugeDataUrl = `data:image/png;base64,${'A'.repeat(100_000)}`;
    const estimate = estimatePromptTokens(request({
      messages: [{
        role: 'user',
        content: [
          { type: 'text', text: 'abcd' },
          { type: 'image', url: hugeDataUrl },
          { type: 'image', url: 'https://example.test/cat.png', detail: 'low' },
        ],
      }],
    }));
    expect(estimate).toBe(1 + 2 * 85 + 4 + 3);
  });

  it('counts assistant tool calls, tool results and names', () => {
    const estimate = estimatePromptTokens(request({
      messages: [
        { role: 'user', name: 'ann', content: [{ type: 'text', text: 'hi' }] },
        { role: 'assistant', content: null, toolCalls: [{ id: 'call_1', name: 'lookup', arguments: '{"q":"x"}' }] },
        { role: 'tool', toolCallId: 'call_1', content: 'result' },
      ],
    }));
    const characters = 3 + 2 + 6 + 9 + 6 + 6;
    expect(estimate).toBe(Math.ceil(characters / 4) + 3 * 4 + 3);
  });

  it('counts tool schemas by their JSON length and a json_schema response format', () => {
    const parameters: JsonObject = { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] };
    const schema: JsonObject = { type: 'object' };
    const estimate = estimatePromptTokens(request({
      tools: [{ name: 'weather', description: 'Gets weather', parameters }],
      responseFormat: { type: 'json_schema', name: 'out', schema },
    }));
    const characters = 7 + 12 + JSON.stringify(parameters).length + 3 + JSON.stringify(schema).length;
    expect(estimate).toBe(Math.ceil(characters / 4) + 8 + 3);
  });

  it('grows with the prompt', () => {
    const short = estimatePromptTokens(request({ messages: [{ role: 'system', content: 'a'.repeat(100) }] }));
    const long = estimatePromptTokens(request({ messages: [{ role: 'system', content: 'a'.repeat(10_000) }] }));
    expect(long - short).toBe(2_475);
  });
});

describe('jsonLength', () => {
  it('matches JSON.stringify for values without escapes', () => {
    const values: JsonObject[] = [
      {},
      { a: [] },
      { a: 1, b: -2.5, c: true, d: false, e: null, f: 'text', g: [1, 'two', { h: [null] }] },
      { nested: { deeper: { deepest: [1e21, 0.000001, 42] } } },
    ];
    for (const value of values) expect(jsonLength(value)).toBe(JSON.stringify(value).length);
  });
});

describe('estimateOutputTokens', () => {
  it('uses max_tokens when given, else the fallback', () => {
    expect(estimateOutputTokens(request({ maxTokens: 1_000 }))).toBe(1_000);
    expect(estimateOutputTokens(request({}))).toBe(256);
    expect(estimateOutputTokens(request({}), 64)).toBe(64);
  });
});
