import { describe, expect, it } from 'vitest';
import { ResponseSchema, fitsResponseShape } from '../../src/chat/openai-wire/response-shape.ts';
import { fromOpenAIResponse } from '../../src/chat/openai-wire/index.ts';
import { RungError } from '../../src/errors/rung-error.ts';

const base = {
  id: 'chatcmpl-1',
  object: 'chat.completion',
  choices: [{ index: 0, message: { role: 'assistant', content: 'Hi' }, finish_reason: 'stop' }],
  usage: { prompt_tokens: 3, completion_tokens: 1, total_tokens: 4 },
};

const message = (fields: Record<string, unknown>) => ({ ...base, choices: [{ ...base.choices[0], message: { role: 'assistant', ...fields } }] });
const choice = (fields: Record<string, unknown>) => ({ ...base, choices: [{ message: { content: 'x' }, ...fields }] });

// Bodies the quick check must judge as the schema does (or leave to the schema).
const bodies: Record<string, unknown> = {
  typical: base,
  'no id, no usage': { choices: base.choices },
  'null id and usage': { ...base, id: null, usage: null },
  'usage without total': { ...base, usage: { prompt_tokens: 3, completion_tokens: 1 } },
  'usage total null': { ...base, usage: { prompt_tokens: 3, completion_tokens: 1, total_tokens: null } },
  'usage token as string': { ...base, usage: { prompt_tokens: '3', completion_tokens: 1 } },
  'usage not finite': { ...base, usage: { prompt_tokens: Number.POSITIVE_INFINITY, completion_tokens: 1 } },
  'usage an array': { ...base, usage: [] },
  'id a number': { ...base, id: 7 },
  'no choices': { ...base, choices: [] },
  'choices an object': { ...base, choices: { 0: base.choices[0] } },
  'choice without message': { ...base, choices: [{ finish_reason: 'stop' }] },
  'message an array': { ...base, choices: [{ message: [] }] },
  'null content with refusal': message({ content: null, refusal: 'no' }),
  'refusal a number': message({ content: null, refusal: 1 }),
  'content a number': message({ content: 1 }),
  'tool calls': message({ content: null, tool_calls: [{ id: 'c', type: 'function', function: { name: 'f', arguments: '{}' } }] }),
  'tool call without id': message({ tool_calls: [{ function: { name: 'f', arguments: '{}' } }] }),
  'tool call arguments an object': message({ tool_calls: [{ id: 'c', function: { name: 'f', arguments: {} } }] }),
  'tool calls null': message({ content: 'x', tool_calls: null }),
  'legacy function call': message({ content: null, function_call: { name: 'f', arguments: '{}' } }),
  'function call without name': message({ function_call: { arguments: '{}' } }),
  'finish reason a number': choice({ finish_reason: 3 }),
  logprobs: choice({ logprobs: { content: [{ token: 'x', logprob: -0.5, bytes: [120] }] } }),
  'logprobs content null': choice({ logprobs: { content: null } }),
  'logprob a string': choice({ logprobs: { content: [{ token: 'x', logprob: '-0.5' }] } }),
  'logprobs an array': choice({ logprobs: [] }),
  'second choice malformed': { ...base, choices: [base.choices[0], { message: null }] },
  'body an array': [base],
  'body null': null,
  'body a string': 'x',
};

describe('the quick check of a chat.completion body', () => {
  it.each(Object.entries(bodies))('never passes what the schema refuses: %s', (_name, body) => {
    if (fitsResponseShape(body)) expect(ResponseSchema.safeParse(body).success).toBe(true);
  });

  it('passes the shapes real answers have, so they skip the schema', () => {
    for (const name of ['typical', 'no id, no usage', 'null id and usage', 'usage without total', 'tool calls', 'legacy function call', 'logprobs']) {
      expect(fitsResponseShape(bodies[name]), name).toBe(true);
    }
  });

  it.each(Object.entries(bodies))('reads a body as the schema path does: %s', (_name, body) => {
    const parsed = ResponseSchema.safeParse(body);
    if (!parsed.success) {
      expect(() => fromOpenAIResponse(body, { provider: 'p' })).toThrow(RungError);
      return;
    }
    // The schema's output (unknown fields stripped) is what the reader saw before the quick check.
    expect(fromOpenAIResponse(body)).toEqual(fromOpenAIResponse(parsed.data));
  });

  it('names the schema problem for a body the check leaves to the schema', () => {
    expect(() => fromOpenAIResponse({ ...base, usage: { prompt_tokens: '3', completion_tokens: 1 } }, { provider: 'p' })).toThrow(
      /^p: malformed chat completion \(usage\.prompt_tokens: /,
    );
  });
});
