import { describe, expect, it } from 'vitest';
import { defaultRespond } from '../../src/fakes/index.ts';
import type { FakeRequest, FakeTool } from '../../src/fakes/index.ts';

const SEARCH: FakeTool = { name: 'search_docs', parameters: { type: 'object', properties: { query: { type: 'string' } }, required: ['query'] } };
const WEATHER: FakeTool = { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } };

function request(overrides: Partial<FakeRequest>): FakeRequest {
  return {
    kind: 'openai',
    model: 'model-x',
    stream: false,
    messages: [{ role: 'user', text: 'How do magnets work?' }],
    tools: [],
    toolChoice: 'auto',
    responseFormat: { type: 'text' },
    maxTokens: undefined,
    stop: [],
    logprobs: false,
    promptTokens: 5,
    body: {},
    ...overrides,
  };
}

describe('defaultRespond', () => {
  it('echoes the first 60 characters of the last user message, with the model name', () => {
    const long = 'a'.repeat(100);
    expect(defaultRespond(request({ messages: [{ role: 'user', text: 'first' }, { role: 'assistant', text: 'x' }, { role: 'user', text: long }] })))
      .toEqual({ text: `Answer from model-x: ${'a'.repeat(60)}`, finishReason: 'stop' });
  });

  it('calls a tool only when allowed and asked: weather, "tool", or a tool named in the question', () => {
    const tools = [SEARCH, WEATHER];
    expect(defaultRespond(request({ tools })).toolCalls).toBeUndefined();
    expect(defaultRespond(request({ tools, messages: [{ role: 'user', text: 'Is the weather nice?' }] })).toolCalls?.[0]?.name).toBe('search_docs');
    expect(defaultRespond(request({ tools, messages: [{ role: 'user', text: 'please run get_weather' }] })).toolCalls?.[0]?.name).toBe('get_weather');
    expect(defaultRespond(request({ tools, toolChoice: 'none', messages: [{ role: 'user', text: 'weather?' }] })).toolCalls).toBeUndefined();
  });

  it('always calls when forced, the named tool when one is named', () => {
    expect(defaultRespond(request({ tools: [SEARCH, WEATHER], toolChoice: 'required' })).toolCalls).toEqual([{ name: 'search_docs', arguments: { query: 'sample query' } }]);
    expect(defaultRespond(request({ tools: [SEARCH, WEATHER], toolChoice: { name: 'get_weather' } })).toolCalls).toEqual([{ name: 'get_weather', arguments: { city: 'sample city' } }]);
  });

  it('answers text once the conversation ends with a tool result', () => {
    const reply = defaultRespond(request({
      tools: [WEATHER],
      messages: [{ role: 'user', text: 'weather in Paris?' }, { role: 'assistant', text: '' }, { role: 'tool', text: '{"temp":20}' }],
    }));
    expect(reply).toEqual({ text: 'Answer from model-x: weather in Paris?', finishReason: 'stop' });
  });

  it('answers JSON for json_object and json_schema, truncated like text at max_tokens', () => {
    expect(JSON.parse(defaultRespond(request({ responseFormat: { type: 'json_object' } })).text ?? '')).toEqual({ answer: 'Answer from model-x: How do magnets work?' });
    const schema = { type: 'object', properties: { score: { type: 'integer' } }, required: ['score'] };
    expect(defaultRespond(request({ responseFormat: { type: 'json_schema', schema } })).text).toBe('{"score":1}');
    expect(defaultRespond(request({ responseFormat: { type: 'json_schema', schema }, maxTokens: 2 }))).toEqual({ text: '{"score"', finishReason: 'length' });
  });

  it('cuts at the earliest stop sequence and reports it', () => {
    expect(defaultRespond(request({ stop: ['work', 'from'] }))).toEqual({ text: 'Answer ', finishReason: 'stop', stopSequence: 'from' });
  });
});
