// The official openai SDK as the client, against each provider type behind Rung.
import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { faultSequence } from '../../src/fakes/faults.ts';
import { startHarness, type Harness } from '../helpers/gateway-harness.ts';

let h: Harness;
beforeAll(async () => {
  // These tests inject failures on purpose; breakers are tested in http-api.test.ts.
  h = await startHarness({ config: (base) => ({ ...base, resilience: { breaker: { consecutive_failures: 10_000, min_requests: 10_000 } } }) });
});
afterAll(async () => h.close());
beforeEach(() => {
  for (const fake of Object.values(h.fakes)) fake.reset();
  h.records.records.length = 0;
});

const weatherTool = {
  type: 'function' as const,
  function: {
    name: 'get_weather',
    description: 'Current weather for a city',
    parameters: { type: 'object', properties: { city: { type: 'string' }, unit: { type: 'string', enum: ['c', 'f'] } }, required: ['city', 'unit'] },
  },
};

describe.each([
  ['openai', 'gpt-big'],
  ['anthropic', 'claude-mid'],
  ['google', 'gemini-light'],
] as const)('through the %s adapter', (provider, model) => {
  it('answers a non-streaming request in the OpenAI shape', async () => {
    const { data, response } = await h.client.chat.completions
      .create({ model, messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'Say hello to Rung' }] })
      .withResponse();
    expect(data.object).toBe('chat.completion');
    expect(data.model).toBe(model);
    expect(data.choices[0]?.message.content).toContain('hello to Rung');
    expect(data.choices[0]?.finish_reason).toBe('stop');
    expect(data.usage?.total_tokens).toBeGreaterThan(0);
    expect(response.headers.get('x-rung-provider')).toBe(provider);
    expect(response.headers.get('x-rung-model')).toBe(model);
    expect(response.headers.get('x-rung-fallback')).toBe('false');
    const upstream = h.fakes[provider].requests.at(-1);
    expect(upstream?.model).toBe(model);
  });

  it('streams text deltas and usage', async () => {
    const stream = await h.client.chat.completions.create({
      model,
      stream: true,
      stream_options: { include_usage: true },
      messages: [{ role: 'user', content: 'Stream a greeting for the Rung gateway please' }],
    });
    let text = '';
    let finish: string | null | undefined;
    let usage: OpenAI.CompletionUsage | null | undefined;
    let chunks = 0;
    for await (const chunk of stream) {
      chunks += 1;
      text += chunk.choices[0]?.delta.content ?? '';
      finish = chunk.choices[0]?.finish_reason ?? finish;
      if (chunk.usage) usage = chunk.usage;
    }
    expect(chunks).toBeGreaterThan(2);
    expect(text).toContain('Stream a greeting');
    expect(finish).toBe('stop');
    expect(usage?.completion_tokens).toBeGreaterThan(0);
  });

  it('returns tool calls with parseable arguments, streaming and not', async () => {
    const messages = [{ role: 'user' as const, content: 'What is the weather in Lisbon?' }];
    const completion = await h.client.chat.completions.create({ model, messages, tools: [weatherTool], tool_choice: 'required' });
    const call = completion.choices[0]?.message.tool_calls?.[0];
    expect(completion.choices[0]?.finish_reason).toBe('tool_calls');
    expect(call?.type).toBe('function');
    if (call?.type !== 'function') throw new Error('expected a function call');
    expect(call.function.name).toBe('get_weather');
    expect(Object.keys(JSON.parse(call.function.arguments) as object).sort()).toEqual(['city', 'unit']);

    const stream = await h.client.chat.completions.create({ model, messages, tools: [weatherTool], tool_choice: 'required', stream: true });
    let args = '';
    let name = '';
    for await (const chunk of stream) {
      for (const delta of chunk.choices[0]?.delta.tool_calls ?? []) {
        name += delta.function?.name ?? '';
        args += delta.function?.arguments ?? '';
      }
    }
    expect(name).toBe('get_weather');
    expect(JSON.parse(args)).toHaveProperty('city');

    // The tool result goes back upstream in the provider's own format.
    await h.client.chat.completions.create({
      model,
      tools: [weatherTool],
      messages: [...messages, { role: 'assistant', content: null, tool_calls: [call] }, { role: 'tool', tool_call_id: call.id, content: '{"temp": 21}' }],
    });
    expect(JSON.stringify(h.fakes[provider].requests.at(-1)?.body)).toContain('21');
  });

  it('maps a provider rate limit to a 429 the SDK understands, with Retry-After', async () => {
    h.fakes[provider].setFaults(faultSequence([{ status: 429, retryAfterSeconds: 30 }]));
    const error = await h.client.chat.completions.create({ model, messages: [{ role: 'user', content: 'hi' }] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.RateLimitError);
    const apiError = error as InstanceType<typeof OpenAI.APIError>;
    expect(apiError.status).toBe(429);
    expect(apiError.code).toBe('rate_limited');
    expect(apiError.headers?.get('retry-after')).toBe('30');
    expect(JSON.stringify(apiError.error)).not.toContain('SECRET');
  });
});

describe('a single deployment failing on every try', () => {
  it('returns that deployment\'s own error, not a summary', async () => {
    h.fakes.openai.setFaults(faultSequence([{ status: 429, retryAfterSeconds: 0 }, { status: 429, retryAfterSeconds: 0 }]));
    const error = await h.client.chat.completions.create({ model: 'gpt-big', messages: [{ role: 'user', content: 'hi' }] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.RateLimitError);
    expect((error as InstanceType<typeof OpenAI.APIError>).code).toBe('rate_limited');
    expect(h.fakes.openai.requestCount).toBe(2);
  });
});

describe('fallback across provider types', () => {
  it('falls back from OpenAI to Anthropic mid-request and records both attempts', async () => {
    h.fakes.openai.setFaults(faultSequence([{ status: 503 }]));
    const { data, response } = await h.client.chat.completions.create({ model: 'chain', messages: [{ role: 'user', content: 'fallback please' }] }).withResponse();
    expect(data.choices[0]?.message.content).toContain('fallback please');
    expect(response.headers.get('x-rung-provider')).toBe('anthropic');
    expect(response.headers.get('x-rung-fallback')).toBe('true');
    expect(response.headers.get('x-rung-attempts')).toBe('2');
    expect(response.headers.get('x-rung-policy')).toBe('chain');
    const record = h.records.records.at(-1);
    expect(record?.attempts.map((a) => [a.deployment, a.status, a.errorClass ?? null])).toEqual([
      ['gpt-big', 'error', 'overloaded'],
      ['claude-mid', 'ok', null],
    ]);
    expect(record?.finalDeployment).toBe('claude-mid');
    expect(record?.referenceDeployment).toBe('claude-mid');
    expect(record?.fallbackLatencyMs).toBeGreaterThanOrEqual(0);
  });

  it('falls back from Anthropic to Gemini on a stream that fails before content', async () => {
    h.fakes.openai.setFaults(faultSequence([{ status: 500 }]));
    h.fakes.anthropic.setFaults(faultSequence([{ cutAfterChunks: 0 }]));
    const stream = await h.client.chat.completions.create({ model: 'chain', stream: true, messages: [{ role: 'user', content: 'through three providers' }] });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    expect(text).toContain('through three providers');
    expect(h.records.records.at(-1)?.attempts.map((a) => a.deployment)).toEqual(['gpt-big', 'claude-mid', 'gemini-light']);
    expect(h.records.records.at(-1)?.finalProvider).toBe('google');
  });

  it('uses the router path with the policy from the URL', async () => {
    const client = new OpenAI({ apiKey: 'rung-test-client-key', baseURL: h.baseURL.replace(/\/v1$/, '/router/chain/v1'), maxRetries: 0 });
    const { response } = await client.chat.completions.create({ model: 'ignored-by-router', messages: [{ role: 'user', content: 'x' }] }).withResponse();
    expect(response.headers.get('x-rung-policy')).toBe('chain');
    expect(response.headers.get('x-rung-model')).toBe('gpt-big');
  });
});
