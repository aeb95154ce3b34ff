import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { faultSequence, startFakeProvider } from '../../src/fakes/index.ts';
import type { FakeProvider } from '../../src/fakes/index.ts';
import { eventJson, postJson, postStream } from './http-helpers.ts';

const HEADERS = { 'x-api-key': 'sk-ant-test', 'anthropic-version': '2023-06-01' };
const LOOKUP_TOOL = {
  name: 'lookup_order',
  description: 'Find an order',
  input_schema: { type: 'object', properties: { order_id: { type: 'string' }, verbose: { type: 'boolean' } }, required: ['order_id', 'verbose'] },
};

let fake: FakeProvider;
let endpoint: string;

beforeAll(async () => {
  fake = await startFakeProvider({ kind: 'anthropic', apiKey: 'sk-ant-test' });
  endpoint = `${fake.url}/messages`;
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

describe('Anthropic fake: messages', () => {
  it('answers a message object with a text block, end_turn and usage', async () => {
    const result = await postJson(endpoint, { model: 'claude-fake', max_tokens: 256, system: 'Be kind.', messages: [{ role: 'user', content: [{ type: 'text', text: 'Hello Claude' }] }] }, HEADERS);
    expect(result.status).toBe(200);
    expect(result.headers['request-id']).toMatch(/^req_/);
    const body = JSON.parse(result.text);
    expect(body).toMatchObject({
      type: 'message',
      role: 'assistant',
      model: 'claude-fake',
      content: [{ type: 'text', text: 'Answer from claude-fake: Hello Claude' }],
      stop_reason: 'end_turn',
      stop_sequence: null,
      usage: { input_tokens: Math.ceil('Be kind.Hello Claude'.length / 4), output_tokens: Math.ceil(37 / 4) },
    });
    expect(body.id).toMatch(/^msg_/);
  });

  it('answers tool_use with an input object when tool_choice is any, and max_tokens / stop_sequence reasons', async () => {
    const tool = await postJson(endpoint, { model: 'claude-fake', max_tokens: 256, tools: [LOOKUP_TOOL], tool_choice: { type: 'any' }, messages: [{ role: 'user', content: 'Where is my parcel?' }] }, HEADERS);
    const body = JSON.parse(tool.text);
    expect(body.stop_reason).toBe('tool_use');
    expect(body.content).toEqual([{ type: 'tool_use', id: expect.stringMatching(/^toolu_/), name: 'lookup_order', input: { order_id: 'sample order_id', verbose: true } }]);
    const short = await postJson(endpoint, { model: 'claude-fake', max_tokens: 2, messages: [{ role: 'user', content: 'Long question here' }] }, HEADERS);
    expect(JSON.parse(short.text)).toMatchObject({ stop_reason: 'max_tokens', content: [{ type: 'text', text: 'Answer f' }] });
    const stopped = await postJson(endpoint, { model: 'claude-fake', max_tokens: 100, stop_sequences: ['from'], messages: [{ role: 'user', content: 'Hi' }] }, HEADERS);
    expect(JSON.parse(stopped.text)).toMatchObject({ stop_reason: 'stop_sequence', stop_sequence: 'from', content: [{ type: 'text', text: 'Answer ' }] });
  });

  it('treats a tool_result turn as a tool message and answers with text', async () => {
    const result = await postJson(endpoint, {
      model: 'claude-fake',
      max_tokens: 100,
      tools: [LOOKUP_TOOL],
      messages: [
        { role: 'user', content: 'Use the tool to find order 7' },
        { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_1', name: 'lookup_order', input: { order_id: '7' } }] },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: 'shipped' }] },
      ],
    }, HEADERS);
    expect(JSON.parse(result.text)).toMatchObject({ stop_reason: 'end_turn', content: [{ type: 'text', text: 'Answer from claude-fake: Use the tool to find order 7' }] });
    expect(fake.requests[0]?.model).toBe('claude-fake');
  });

  it('answers structured output (output_config.format) as schema-shaped JSON text', async () => {
    const schema = { type: 'object', properties: { sentiment: { type: 'string', enum: ['positive', 'negative'] }, score: { type: 'number' } }, required: ['sentiment', 'score'] };
    const result = await postJson(endpoint, { model: 'claude-fake', max_tokens: 100, output_config: { format: { type: 'json_schema', schema } }, messages: [{ role: 'user', content: 'Great!' }] }, HEADERS);
    expect(JSON.parse(JSON.parse(result.text).content[0].text)).toEqual({ sentiment: 'positive', score: 1 });
  });
});

describe('Anthropic fake: errors', () => {
  it('checks x-api-key, anthropic-version and max_tokens the way the API does', async () => {
    const message = { model: 'claude-fake', max_tokens: 10, messages: [{ role: 'user', content: 'x' }] };
    const wrongKey = await postJson(endpoint, message, { ...HEADERS, 'x-api-key': 'nope' });
    expect(wrongKey.status).toBe(401);
    expect(JSON.parse(wrongKey.text)).toMatchObject({ type: 'error', error: { type: 'authentication_error', message: 'invalid x-api-key' } });
    const noVersion = await postJson(endpoint, message, { 'x-api-key': 'sk-ant-test' });
    expect(noVersion.status).toBe(400);
    expect(JSON.parse(noVersion.text).error.message).toContain('anthropic-version');
    const noMaxTokens = await postJson(endpoint, { model: 'claude-fake', messages: [] }, HEADERS);
    expect(noMaxTokens.status).toBe(400);
    expect(JSON.parse(noMaxTokens.text).error).toEqual({ type: 'invalid_request_error', message: 'max_tokens: Field required' });
  });

  it('maps status faults to Anthropic error types, with retry-after', async () => {
    fake.setFaults(faultSequence([
      { status: 429, retryAfterSeconds: 7 },
      { status: 529 },
      { status: 400, errorType: 'context_length_exceeded' },
    ]));
    const message = { model: 'claude-fake', max_tokens: 10, messages: [{ role: 'user', content: 'x' }] };
    const limited = await postJson(endpoint, message, HEADERS);
    expect(limited.status).toBe(429);
    expect(limited.headers['retry-after']).toBe('7');
    expect(JSON.parse(limited.text).error.type).toBe('rate_limit_error');
    const overloaded = await postJson(endpoint, message, HEADERS);
    expect(overloaded.status).toBe(529);
    expect(JSON.parse(overloaded.text).error).toEqual({ type: 'overloaded_error', message: 'Overloaded' });
    const tooLong = await postJson(endpoint, message, HEADERS);
    expect(tooLong.status).toBe(400);
    expect(JSON.parse(tooLong.text).error.message).toMatch(/^prompt is too long: \d+ tokens > \d+ maximum$/);
  });
});

describe('Anthropic fake: streaming', () => {
  it('streams named events whose event line matches the data type, text in several deltas', async () => {
    const result = await postStream(endpoint, { model: 'claude-fake', max_tokens: 256, stream: true, messages: [{ role: 'user', content: 'Describe the moon briefly' }] }, HEADERS);
    expect(result.status).toBe(200);
    const payloads = eventJson(result.events);
    result.events.forEach((event, position) => expect(event.event).toBe(payloads[position]?.type));
    expect(result.events.map((event) => event.event)).toEqual([
      'message_start', 'content_block_start', 'ping',
      ...Array.from({ length: payloads.filter((payload) => payload.type === 'content_block_delta').length }, () => 'content_block_delta'),
      'content_block_stop', 'message_delta', 'message_stop',
    ]);
    const deltas = payloads.filter((payload) => payload.type === 'content_block_delta') as { delta: { type: string; text: string } }[];
    expect(deltas.length).toBeGreaterThanOrEqual(5);
    expect(deltas.map((delta) => delta.delta.text).join('')).toBe('Answer from claude-fake: Describe the moon briefly');
    expect(payloads.at(-2)).toMatchObject({ delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: Math.ceil(50 / 4) } });
  });

  it('streams tool_use as a block start and input_json_delta pieces', async () => {
    const result = await postStream(endpoint, { model: 'claude-fake', max_tokens: 256, stream: true, tools: [LOOKUP_TOOL], tool_choice: { type: 'tool', name: 'lookup_order' }, messages: [{ role: 'user', content: 'hi' }] }, HEADERS);
    const payloads = eventJson(result.events) as { type: string; content_block?: { type: string; name: string }; delta?: { type: string; partial_json?: string; stop_reason?: string } }[];
    expect(payloads[1]?.content_block).toMatchObject({ type: 'tool_use', name: 'lookup_order', input: {} });
    const pieces = payloads.filter((payload) => payload.delta?.type === 'input_json_delta').map((payload) => payload.delta?.partial_json ?? '');
    expect(pieces.length).toBeGreaterThan(2);
    expect(JSON.parse(pieces.join(''))).toEqual({ order_id: 'sample order_id', verbose: true });
    expect(payloads.find((payload) => payload.type === 'message_delta')?.delta?.stop_reason).toBe('tool_use');
  });

  it('sends event: error with overloaded_error for an error-event fault', async () => {
    fake.setFaults(() => ({ errorEventAfterChunks: 3 }));
    const result = await postStream(endpoint, { model: 'claude-fake', max_tokens: 256, stream: true, messages: [{ role: 'user', content: 'Describe the moon briefly' }] }, HEADERS);
    expect(result.error).toBeUndefined();
    expect(result.events).toHaveLength(4);
    expect(result.events[3]?.event).toBe('error');
    expect(JSON.parse(result.events[3]?.data ?? '')).toEqual({ type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } });
  });
});
