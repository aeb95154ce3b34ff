import { describe, expect, it } from 'vitest';
import type { ChatRequest, JsonObject, ToolDefinition } from '../../src/chat/types.ts';
import { createJsonValidValidator } from '../../src/validators/json-valid.ts';
import { createToolArgumentsValidator } from '../../src/validators/tool-arguments.ts';
import { answer, ask, context } from './fixtures.ts';

const ticketSchema: JsonObject = {
  type: 'object',
  properties: {
    category: { type: 'string', enum: ['billing', 'shipping', 'other'] },
    priority: { type: 'integer', minimum: 1, maximum: 5 },
    summary: { type: 'string', minLength: 5 },
    tags: { type: 'array', items: { type: 'string' } },
  },
  required: ['category', 'priority', 'summary'],
  additionalProperties: false,
};

const jsonObjectRequest = ask('Classify this ticket as JSON.', { responseFormat: { type: 'json_object' } });
const jsonSchemaRequest = ask('Classify this ticket.', { responseFormat: { type: 'json_schema', name: 'ticket', schema: ticketSchema, strict: true } });

describe('json_valid', () => {
  const validator = createJsonValidValidator();
  const verdictOf = (content: string | null, request: ChatRequest) => validator.check(answer({ content }), request, context());

  it('skips requests that did not ask for JSON', async () => {
    expect((await verdictOf('plain text', ask('hi'))).verdict).toBe('skip');
    expect((await verdictOf('plain text', ask('hi', { responseFormat: { type: 'text' } }))).verdict).toBe('skip');
  });

  it('json_object: passes an object, with surrounding whitespace', async () => {
    expect((await verdictOf('\n{"category":"billing"}\n', jsonObjectRequest)).verdict).toBe('pass');
  });

  it('json_object: fails invalid JSON, non-objects, fenced JSON and empty answers', async () => {
    const broken = await verdictOf('{"category": "billing",', jsonObjectRequest);
    expect(broken.verdict).toBe('fail');
    expect(broken.reason).toContain('not valid JSON');
    expect((await verdictOf('["billing"]', jsonObjectRequest)).reason).toBe('the answer is JSON but not an object');
    expect((await verdictOf('```json\n{"category":"billing"}\n```', jsonObjectRequest)).reason).toBe('the JSON is wrapped in a markdown code fence');
    expect((await verdictOf('', jsonObjectRequest)).verdict).toBe('fail');
  });

  it('skips a tool-call answer to a JSON request', async () => {
    const toolAnswer = answer({ content: null, toolCalls: [{ id: 'c1', name: 'lookup', arguments: '{}' }], finishReason: 'tool_calls' });
    expect((await validator.check(toolAnswer, jsonObjectRequest, context())).verdict).toBe('skip');
  });

  it('json_schema: passes a conforming answer', async () => {
    const content = JSON.stringify({ category: 'shipping', priority: 2, summary: 'Parcel is late', tags: ['eu'] });
    expect((await verdictOf(content, jsonSchemaRequest)).verdict).toBe('pass');
  });

  it('json_schema: fails a non-conforming answer with paths in the reason and errors in data', async () => {
    const content = JSON.stringify({ category: 'refund', priority: 9, summary: 'Late' });
    const verdict = await verdictOf(content, jsonSchemaRequest);
    expect(verdict.verdict).toBe('fail');
    expect(verdict.reason).toContain('"ticket"');
    expect(verdict.reason).toContain('/category: must be one of');
    expect(verdict.reason).toContain('/priority: must be <= 5');
    expect(verdict.data?.errors).toHaveLength(3);
  });

  it('json_schema: skips when the schema itself cannot be checked', async () => {
    const broken = ask('x', { responseFormat: { type: 'json_schema', name: 'b', schema: { $ref: '#/$defs/nowhere' } } });
    const verdict = await verdictOf('{"a":1}', broken);
    expect(verdict.verdict).toBe('skip');
    expect(verdict.reason).toContain('cannot be checked');
  });
});

const tools: ToolDefinition[] = [
  {
    name: 'get_weather',
    description: 'Current weather for a city',
    parameters: {
      type: 'object',
      properties: { city: { type: 'string' }, unit: { type: 'string', enum: ['celsius', 'fahrenheit'] } },
      required: ['city'],
      additionalProperties: false,
    },
  },
  { name: 'list_orders', parameters: { type: 'object', properties: {} } },
  { name: 'ping' },
];
const toolRequest = ask('What is the weather in Oslo?', { tools });
const callAnswer = (...calls: { name: string; arguments: string }[]) =>
  answer({ content: null, finishReason: 'tool_calls', toolCalls: calls.map((call, index) => ({ id: `call_${index}`, ...call })) });

describe('tool_arguments', () => {
  const validator = createToolArgumentsValidator();

  it('skips answers without tool calls', async () => {
    expect((await validator.check(answer(), toolRequest, context())).verdict).toBe('skip');
  });

  it('passes valid calls, including empty arguments and tools without a schema', async () => {
    const verdict = await validator.check(
      callAnswer({ name: 'get_weather', arguments: '{"city":"Oslo","unit":"celsius"}' }, { name: 'list_orders', arguments: '' }, { name: 'ping', arguments: '{"anything":true}' }),
      toolRequest,
      context(),
    );
    expect(verdict).toEqual({ verdict: 'pass' });
  });

  it('fails an unknown tool', async () => {
    const verdict = await validator.check(callAnswer({ name: 'get_wether', arguments: '{"city":"Oslo"}' }), toolRequest, context());
    expect(verdict.verdict).toBe('fail');
    expect(verdict.reason).toBe('the model called an unknown tool "get_wether"');
    expect(verdict.data).toEqual({ toolCallId: 'call_0', tool: 'get_wether' });
  });

  it('fails arguments that do not parse or are not an object', async () => {
    const cut = await validator.check(callAnswer({ name: 'get_weather', arguments: '{"city":"Os' }), toolRequest, context());
    expect(cut.reason).toContain('are not valid JSON');
    const list = await validator.check(callAnswer({ name: 'get_weather', arguments: '["Oslo"]' }), toolRequest, context());
    expect(list.reason).toBe('the arguments of "get_weather" are not a JSON object');
  });

  it('fails arguments that break the schema, naming the second call when the first is fine', async () => {
    const verdict = await validator.check(
      callAnswer({ name: 'get_weather', arguments: '{"city":"Oslo"}' }, { name: 'get_weather', arguments: '{"unit":"kelvin"}' }),
      toolRequest,
      context(),
    );
    expect(verdict.verdict).toBe('fail');
    expect(verdict.reason).toContain('missing required property "city"');
    expect(verdict.reason).toContain('/unit: must be one of');
    expect(verdict.data?.toolCallId).toBe('call_1');
  });

  it('fails every call when the request offered no tools', async () => {
    const verdict = await validator.check(callAnswer({ name: 'get_weather', arguments: '{}' }), ask('hi'), context());
    expect(verdict.verdict).toBe('fail');
  });

  it('passes but flags a call whose tool schema cannot be checked', async () => {
    const odd = ask('x', { tools: [{ name: 'odd', parameters: { type: 'thing' } }] });
    const verdict = await validator.check(callAnswer({ name: 'odd', arguments: '{}' }), odd, context());
    expect(verdict).toEqual({ verdict: 'pass', data: { uncheckedSchemas: ['odd'] } });
  });
});
