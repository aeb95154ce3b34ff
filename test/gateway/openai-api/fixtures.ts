// Request bodies shared by the parser tests: one valid body that uses every message kind and most
// parameters, so a mutation anywhere in it reaches a validator.
import { expect } from 'vitest';
import { RungError } from '../../../src/errors/rung-error.ts';

export type Body = Record<string, unknown>;

export function fullBody(): Body {
  return {
    model: 'rung-auto',
    messages: [
      { role: 'system', content: 'You are terse.' },
      { role: 'developer', content: [{ type: 'text', text: 'Answer in English.' }] },
      {
        role: 'user',
        name: 'ana',
        content: [
          { type: 'text', text: 'What is in this picture, and what is the weather in Oslo?' },
          { type: 'image_url', image_url: { url: 'https://example.com/cat.png', detail: 'low' } },
        ],
      },
      {
        role: 'assistant',
        content: null,
        tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Oslo"}' } }],
      },
      { role: 'tool', tool_call_id: 'call_1', content: '{"celsius":4}' },
      { role: 'assistant', content: 'A cat. It is 4 °C in Oslo.' },
      { role: 'user', content: 'Thanks' },
    ],
    stream: true,
    stream_options: { include_usage: true },
    temperature: 0.7,
    top_p: 0.9,
    max_completion_tokens: 256,
    stop: ['\n\n', 'END'],
    seed: 42,
    presence_penalty: 0.5,
    frequency_penalty: -0.5,
    tools: [
      {
        type: 'function',
        function: {
          name: 'get_weather',
          description: 'Weather for a city',
          parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
          strict: true,
        },
      },
    ],
    tool_choice: { type: 'function', function: { name: 'get_weather' } },
    parallel_tool_calls: false,
    response_format: { type: 'json_schema', json_schema: { name: 'answer', schema: { type: 'object' }, strict: true } },
    logprobs: true,
    top_logprobs: 3,
    user: 'user-7',
    metadata: { team: 'search' },
    n: 1,
  };
}

/** The smallest valid body. */
export function minimalBody(): Body {
  return { model: 'gpt-small', messages: [{ role: 'user', content: 'Hi' }] };
}

/** Runs `action` and asserts it throws an invalid_request RungError naming `param`. */
export function expectInvalid(action: () => unknown, param: string | undefined): RungError {
  let caught: unknown;
  try {
    action();
  } catch (error) {
    caught = error;
  }
  expect(caught, `expected a rejection naming ${String(param)}`).toBeInstanceOf(RungError);
  const error = caught as RungError;
  expect(error.code).toBe('invalid_request');
  expect(error.status).toBe(400);
  expect(error.param).toBe(param);
  expect(error.message.length).toBeGreaterThan(10);
  return error;
}
