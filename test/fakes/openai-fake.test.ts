import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeProvider } from '../../src/fakes/index.ts';
import type { FakeProvider } from '../../src/fakes/index.ts';
import { eventJson, getJson, postJson, postStream } from './http-helpers.ts';

const KEY = 'sk-test-key';
const AUTH = { authorization: `Bearer ${KEY}` };
const WEATHER_TOOL = {
  type: 'function',
  function: {
    name: 'get_weather',
    description: 'Weather for a city',
    parameters: {
      type: 'object',
      properties: { city: { type: 'string' }, unit: { type: 'string', enum: ['celsius', 'fahrenheit'] } },
      required: ['city', 'unit'],
    },
  },
};

let fake: FakeProvider;
let endpoint: string;

beforeAll(async () => {
  fake = await startFakeProvider({ kind: 'openai', apiKey: KEY, models: ['gpt-fake', 'gpt-other'] });
  endpoint = `${fake.url}/chat/completions`;
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

describe('OpenAI fake: non-streaming', () => {
  it('answers a chat.completion derived from the last user message', async () => {
    const result = await postJson(endpoint, { model: 'gpt-fake', messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'Why is the sky blue?' }] }, AUTH);
    expect(result.status).toBe(200);
    expect(result.headers['content-type']).toBe('application/json');
    const body = JSON.parse(result.text);
    expect(body.object).toBe('chat.completion');
    expect(body.id).toMatch(/^chatcmpl-/);
    expect(body.model).toBe('gpt-fake');
    expect(body.choices[0].message).toMatchObject({ role: 'assistant', content: 'Answer from gpt-fake: Why is the sky blue?' });
    expect(body.choices[0].finish_reason).toBe('stop');
    const { prompt_tokens, completion_tokens, total_tokens } = body.usage;
    expect(prompt_tokens).toBe(Math.ceil(('Be brief.'.length + 'Why is the sky blue?'.length) / 4));
    expect(completion_tokens).toBe(Math.ceil('Answer from gpt-fake: Why is the sky blue?'.length / 4));
    expect(total_tokens).toBe(prompt_tokens + completion_tokens);
  });

  it('calls the weather tool with arguments generated from its schema', async () => {
    const result = await postJson(endpoint, { model: 'gpt-fake', tools: [WEATHER_TOOL], messages: [{ role: 'user', content: 'What is the weather in Oslo?' }] }, AUTH);
    const choice = JSON.parse(result.text).choices[0];
    expect(choice.finish_reason).toBe('tool_calls');
    expect(choice.message.content).toBeNull();
    expect(choice.message.tool_calls).toHaveLength(1);
    expect(choice.message.tool_calls[0]).toMatchObject({ type: 'function', function: { name: 'get_weather' } });
    expect(JSON.parse(choice.message.tool_calls[0].function.arguments)).toEqual({ city: 'sample city', unit: 'celsius' });
  });

  it('answers text after the tool result comes back, and calls when tool_choice forces it', async () => {
    const afterTool = await postJson(endpoint, {
      model: 'gpt-fake',
      tools: [WEATHER_TOOL],
      messages: [
        { role: 'user', content: 'What is the weather in Oslo?' },
        { role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{}' } }] },
        { role: 'tool', tool_call_id: 'call_1', content: '{"temp":3}' },
      ],
    }, AUTH);
    expect(JSON.parse(afterTool.text).choices[0].finish_reason).toBe('stop');
    const forced = await postJson(endpoint, {
      model: 'gpt-fake',
      tools: [WEATHER_TOOL],
      tool_choice: { type: 'function', function: { name: 'get_weather' } },
      messages: [{ role: 'user', content: 'Say hello' }],
    }, AUTH);
    expect(JSON.parse(forced.text).choices[0].message.tool_calls[0].function.name).toBe('get_weather');
  });

  it('answers JSON for json_object and json_schema response formats', async () => {
    const object = await postJson(endpoint, { model: 'gpt-fake', response_format: { type: 'json_object' }, messages: [{ role: 'user', content: 'List colours' }] }, AUTH);
    expect(JSON.parse(JSON.parse(object.text).choices[0].message.content)).toEqual({ answer: 'Answer from gpt-fake: List colours' });
    const schema = {
      type: 'object',
      properties: { name: { type: 'string' }, age: { type: 'integer', minimum: 18 }, tags: { type: 'array', items: { type: 'string' } } },
      required: ['name', 'age', 'tags'],
      additionalProperties: false,
    };
    const structured = await postJson(endpoint, { model: 'gpt-fake', response_format: { type: 'json_schema', json_schema: { name: 'person', strict: true, schema } }, messages: [{ role: 'user', content: 'A person' }] }, AUTH);
    expect(JSON.parse(JSON.parse(structured.text).choices[0].message.content)).toEqual({ name: 'sample name', age: 18, tags: ['sample tags'] });
  });

  it('truncates at max_tokens with finish_reason length, and honours stop', async () => {
    const long = await postJson(endpoint, { model: 'gpt-fake', max_tokens: 3, messages: [{ role: 'user', content: 'Tell me a long story about dragons' }] }, AUTH);
    const truncated = JSON.parse(long.text).choices[0];
    expect(truncated.finish_reason).toBe('length');
    expect(truncated.message.content).toBe('Answer from ');
    const stopped = await postJson(endpoint, { model: 'gpt-fake', stop: [':'], messages: [{ role: 'user', content: 'Hi' }] }, AUTH);
    expect(JSON.parse(stopped.text).choices[0]).toMatchObject({ finish_reason: 'stop', message: { content: 'Answer from gpt-fake' } });
  });

  it('returns log-probabilities when asked, one per token piece', async () => {
    const result = await postJson(endpoint, { model: 'gpt-fake', logprobs: true, top_logprobs: 2, messages: [{ role: 'user', content: 'Hi there' }] }, AUTH);
    const choice = JSON.parse(result.text).choices[0];
    const tokens = choice.logprobs.content as { token: string; logprob: number; top_logprobs: unknown[] }[];
    expect(tokens.map((entry) => entry.token).join('')).toBe(choice.message.content);
    for (const entry of tokens) {
      expect(entry.logprob).toBeLessThanOrEqual(0);
      expect(entry.top_logprobs).toHaveLength(2);
    }
  });

  it('lists models on GET /v1/models', async () => {
    const result = await getJson(`${fake.url}/models`, AUTH);
    expect(JSON.parse(result.text)).toMatchObject({ object: 'list', data: [{ id: 'gpt-fake', object: 'model' }, { id: 'gpt-other', object: 'model' }] });
  });
});

describe('OpenAI fake: errors', () => {
  it('rejects a missing or wrong key with 401 in the OpenAI error shape', async () => {
    const missing = await postJson(endpoint, { model: 'gpt-fake', messages: [{ role: 'user', content: 'x' }] });
    expect(missing.status).toBe(401);
    expect(JSON.parse(missing.text).error).toMatchObject({ type: 'invalid_request_error', code: null });
    const wrong = await postJson(endpoint, { model: 'gpt-fake', messages: [{ role: 'user', content: 'x' }] }, { authorization: 'Bearer sk-wrong' });
    expect(wrong.status).toBe(401);
    expect(JSON.parse(wrong.text).error).toEqual(expect.objectContaining({ code: 'invalid_api_key', param: null }));
    expect(fake.requestCount).toBe(0);
  });

  it('answers 400 for bad JSON and missing messages, 404 for unknown models and paths', async () => {
    const badJson = await postJson(endpoint, '{"model":', AUTH);
    expect(badJson.status).toBe(400);
    expect(JSON.parse(badJson.text).error.type).toBe('invalid_request_error');
    const noMessages = await postJson(endpoint, { model: 'gpt-fake' }, AUTH);
    expect(noMessages.status).toBe(400);
    expect(JSON.parse(noMessages.text).error.param).toBe('messages');
    const unknownModel = await postJson(endpoint, { model: 'gpt-nope', messages: [{ role: 'user', content: 'x' }] }, AUTH);
    expect(unknownModel.status).toBe(404);
    expect(JSON.parse(unknownModel.text).error.code).toBe('model_not_found');
    const unknownPath = await postJson(`${fake.url}/completions`, {}, AUTH);
    expect(unknownPath.status).toBe(404);
    expect(JSON.parse(unknownPath.text).error.message).toBe('Invalid URL (POST /v1/completions)');
  });
});

describe('OpenAI fake: streaming', () => {
  it('streams chat.completion.chunk events word by word, then finish, usage and [DONE]', async () => {
    const result = await postStream(endpoint, { model: 'gpt-fake', stream: true, stream_options: { include_usage: true }, messages: [{ role: 'user', content: 'Name three rivers in Europe' }] }, AUTH);
    expect(result.status).toBe(200);
    expect(result.events.at(-1)?.data).toBe('[DONE]');
    const chunks = eventJson(result.events) as { object: string; choices: { delta: { content?: string; role?: string }; finish_reason: string | null }[]; usage: unknown }[];
    for (const chunk of chunks) expect(chunk.object).toBe('chat.completion.chunk');
    expect(chunks[0]?.choices[0]?.delta).toEqual({ role: 'assistant', content: '', refusal: null });
    const contentChunks = chunks.filter((chunk) => (chunk.choices[0]?.delta.content ?? '') !== '');
    expect(contentChunks.length).toBeGreaterThanOrEqual(5);
    expect(contentChunks.map((chunk) => chunk.choices[0]?.delta.content).join('')).toBe('Answer from gpt-fake: Name three rivers in Europe');
    const finish = chunks.at(-2);
    expect(finish?.choices[0]).toMatchObject({ delta: {}, finish_reason: 'stop' });
    expect(finish?.usage).toBeNull();
    const usageChunk = chunks.at(-1);
    expect(usageChunk?.choices).toEqual([]);
    const answerTokens = Math.ceil('Answer from gpt-fake: Name three rivers in Europe'.length / 4);
    expect(usageChunk?.usage).toMatchObject({ prompt_tokens: 7, completion_tokens: answerTokens, total_tokens: 7 + answerTokens });
  });

  it('omits usage fields without stream_options.include_usage', async () => {
    const result = await postStream(endpoint, { model: 'gpt-fake', stream: true, messages: [{ role: 'user', content: 'Hi' }] }, AUTH);
    for (const chunk of eventJson(result.events)) expect(chunk).not.toHaveProperty('usage');
  });

  it('streams tool calls as an id+name header and argument deltas', async () => {
    const result = await postStream(endpoint, { model: 'gpt-fake', stream: true, tools: [WEATHER_TOOL], messages: [{ role: 'user', content: 'weather in Rome?' }] }, AUTH);
    type Delta = { tool_calls?: { index: number; id?: string; function: { name?: string; arguments?: string } }[] };
    const chunks = eventJson(result.events) as { choices: { delta: Delta; finish_reason: string | null }[] }[];
    const calls = chunks.flatMap((chunk) => chunk.choices[0]?.delta.tool_calls ?? []);
    expect(calls[0]).toMatchObject({ index: 0, id: expect.stringMatching(/^call_/), function: { name: 'get_weather', arguments: '' } });
    expect(calls.length).toBeGreaterThan(2);
    expect(JSON.parse(calls.map((call) => call.function.arguments ?? '').join(''))).toEqual({ city: 'sample city', unit: 'celsius' });
    expect(chunks.at(-1)?.choices[0]?.finish_reason).toBe('tool_calls');
  });
});

describe('OpenAI fake: the official SDK reads it', () => {
  it('parses a completion, a stream and a tool call', async () => {
    const client = new OpenAI({ apiKey: KEY, baseURL: fake.url, maxRetries: 0 });
    const completion = await client.chat.completions.create({ model: 'gpt-fake', messages: [{ role: 'user', content: 'Hello SDK' }] });
    expect(completion.choices[0]?.message.content).toBe('Answer from gpt-fake: Hello SDK');
    const stream = await client.chat.completions.create({ model: 'gpt-fake', stream: true, messages: [{ role: 'user', content: 'Hello stream' }] });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    expect(text).toBe('Answer from gpt-fake: Hello stream');
    const runner = client.chat.completions.stream({
      model: 'gpt-fake',
      tools: [{ type: 'function', function: { name: 'get_weather', parameters: WEATHER_TOOL.function.parameters } }],
      messages: [{ role: 'user', content: 'weather?' }],
    });
    const final = await runner.finalChatCompletion();
    const call = final.choices[0]?.message.tool_calls?.[0];
    expect(call?.type === 'function' ? JSON.parse(call.function.arguments) : undefined).toEqual({ city: 'sample city', unit: 'celsius' });
    await expect(new OpenAI({ apiKey: 'sk-bad', baseURL: fake.url, maxRetries: 0 }).models.list()).rejects.toMatchObject({ status: 401, code: 'invalid_api_key' });
  });
});
