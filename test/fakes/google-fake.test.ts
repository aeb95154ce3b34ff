import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { faultSequence, startFakeProvider } from '../../src/fakes/index.ts';
import type { FakeProvider } from '../../src/fakes/index.ts';
import { eventJson, getJson, postJson, postStream } from './http-helpers.ts';

const KEY = { 'x-goog-api-key': 'gemini-key' };
const TOOLS = [{
  functionDeclarations: [{
    name: 'get_weather',
    description: 'Weather for a city',
    parameters: { type: 'OBJECT', properties: { city: { type: 'STRING' }, days: { type: 'INTEGER', minimum: 1 } }, required: ['city', 'days'] },
  }],
}];

let fake: FakeProvider;
const generate = (model: string): string => `${fake.url}/models/${model}:generateContent`;
const streamUrl = (model: string): string => `${fake.url}/models/${model}:streamGenerateContent?alt=sse`;
const ask = (text: string): { contents: unknown[] } => ({ contents: [{ role: 'user', parts: [{ text }] }] });

beforeAll(async () => {
  fake = await startFakeProvider({ kind: 'google', apiKey: 'gemini-key', contextWindowTokens: 50 });
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

describe('Gemini fake: generateContent', () => {
  it('puts the model in the path and answers candidates with parts, finishReason and usageMetadata', async () => {
    expect(fake.url).toMatch(/\/v1beta$/);
    const result = await postJson(generate('gemini-fake'), { systemInstruction: { parts: [{ text: 'Be short.' }] }, ...ask('What is rain?') }, KEY);
    expect(result.status).toBe(200);
    const body = JSON.parse(result.text);
    expect(body.candidates).toEqual([{ index: 0, content: { role: 'model', parts: [{ text: 'Answer from gemini-fake: What is rain?' }] }, finishReason: 'STOP' }]);
    const promptTokens = Math.ceil('Be short.What is rain?'.length / 4);
    const outputTokens = Math.ceil('Answer from gemini-fake: What is rain?'.length / 4);
    expect(body.usageMetadata).toMatchObject({ promptTokenCount: promptTokens, candidatesTokenCount: outputTokens, totalTokenCount: promptTokens + outputTokens });
    expect(body.modelVersion).toBe('gemini-fake');
    expect(fake.requests[0]).toMatchObject({ path: '/v1beta/models/gemini-fake:generateContent', model: 'gemini-fake', stream: false });
  });

  it('answers a functionCall part with args from an upper-case OpenAPI schema', async () => {
    const result = await postJson(generate('gemini-fake'), { tools: TOOLS, ...ask('Weather in Lima for the week?') }, KEY);
    const candidate = JSON.parse(result.text).candidates[0];
    expect(candidate.content.parts).toEqual([{ functionCall: { name: 'get_weather', args: { city: 'sample city', days: 1 } } }]);
    expect(candidate.finishReason).toBe('STOP');
  });

  it('does not call a tool when functionCallingConfig mode is NONE, and must when it is ANY', async () => {
    const none = await postJson(generate('gemini-fake'), { tools: TOOLS, toolConfig: { functionCallingConfig: { mode: 'NONE' } }, ...ask('weather?') }, KEY);
    expect(JSON.parse(none.text).candidates[0].content.parts[0]).toHaveProperty('text');
    const any = await postJson(generate('gemini-fake'), { tools: TOOLS, toolConfig: { functionCallingConfig: { mode: 'ANY' } }, ...ask('hello') }, KEY);
    expect(JSON.parse(any.text).candidates[0].content.parts[0].functionCall.name).toBe('get_weather');
  });

  it('answers JSON for responseMimeType application/json, shaped by responseSchema', async () => {
    const schema = { type: 'OBJECT', properties: { title: { type: 'STRING' }, year: { type: 'INTEGER' } }, required: ['title', 'year'] };
    const result = await postJson(generate('gemini-fake'), { generationConfig: { responseMimeType: 'application/json', responseSchema: schema }, ...ask('A film') }, KEY);
    expect(JSON.parse(JSON.parse(result.text).candidates[0].content.parts[0].text)).toEqual({ title: 'sample title', year: 1 });
    const truncated = await postJson(generate('gemini-fake'), { generationConfig: { maxOutputTokens: 1 }, ...ask('A film') }, KEY);
    expect(JSON.parse(truncated.text).candidates[0]).toMatchObject({ finishReason: 'MAX_TOKENS', content: { parts: [{ text: 'Answ' }] } });
  });
});

describe('Gemini fake: keys and errors', () => {
  it('accepts the key as a header or ?key=, rejects a wrong one with 400 API_KEY_INVALID and a missing one with 403', async () => {
    expect((await postJson(`${generate('gemini-fake')}?key=gemini-key`, ask('hi'))).status).toBe(200);
    const wrong = await postJson(generate('gemini-fake'), ask('hi'), { 'x-goog-api-key': 'bad' });
    expect(wrong.status).toBe(400);
    expect(JSON.parse(wrong.text).error).toMatchObject({ code: 400, status: 'INVALID_ARGUMENT', details: [{ reason: 'API_KEY_INVALID' }] });
    const missing = await postJson(generate('gemini-fake'), ask('hi'));
    expect(missing.status).toBe(403);
    expect(JSON.parse(missing.text).error.status).toBe('PERMISSION_DENIED');
  });

  it('answers 429 with a RetryInfo detail, and a context-length 400 past the context window', async () => {
    fake.setFaults(faultSequence([{ status: 429, retryAfterSeconds: 12 }]));
    const limited = await postJson(generate('gemini-fake'), ask('hi'), KEY);
    expect(limited.status).toBe(429);
    expect(JSON.parse(limited.text).error).toMatchObject({
      code: 429,
      status: 'RESOURCE_EXHAUSTED',
      details: [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '12s' }],
    });
    const tooLong = await postJson(generate('gemini-fake'), ask('x'.repeat(400)), KEY);
    expect(tooLong.status).toBe(400);
    expect(JSON.parse(tooLong.text).error.message).toBe('The input token count (100) exceeds the maximum number of tokens allowed (50).');
  });

  it('requires alt=sse for streaming, and lists models', async () => {
    const noSse = await postJson(`${fake.url}/models/gemini-fake:streamGenerateContent`, ask('hi'), KEY);
    expect(noSse.status).toBe(400);
    const models = await getJson(`${fake.url}/models`, KEY);
    expect(JSON.parse(models.text)).toEqual({ models: [] });
  });
});

describe('Gemini fake: streamGenerateContent?alt=sse', () => {
  it('streams data-only events with CRLF line ends; the last carries finishReason and full usage', async () => {
    const result = await postStream(streamUrl('gemini-fake'), ask('Tell me about owls'), KEY);
    expect(result.status).toBe(200);
    const responses = eventJson(result.events) as { candidates: { content?: { parts: { text: string }[] }; finishReason?: string }[]; usageMetadata: Record<string, number> }[];
    expect(result.events.every((event) => event.event === undefined)).toBe(true);
    expect(responses.length).toBeGreaterThanOrEqual(5);
    expect(responses.map((response) => response.candidates[0]?.content?.parts[0]?.text).join('')).toBe('Answer from gemini-fake: Tell me about owls');
    expect(responses.slice(0, -1).every((response) => response.candidates[0]?.finishReason === undefined)).toBe(true);
    expect(responses.at(-1)?.candidates[0]?.finishReason).toBe('STOP');
    expect(responses.at(-1)?.usageMetadata.candidatesTokenCount).toBe(Math.ceil(43 / 4));
  });

  it('sends the raw CRLF framing on the wire', async () => {
    const raw = await postJson(streamUrl('gemini-fake'), ask('Hi'), KEY);
    expect(raw.headers['content-type']).toBe('text/event-stream');
    expect(raw.text.startsWith('data: {')).toBe(true);
    expect(raw.text.endsWith('}\r\n\r\n')).toBe(true);
  });

  it('sends a Gemini error object as an event for an error-event fault', async () => {
    fake.setFaults(() => ({ errorEventAfterChunks: 2, message: 'try later' }));
    const result = await postStream(streamUrl('gemini-fake'), ask('Tell me about owls'), KEY);
    expect(result.events).toHaveLength(3);
    expect(JSON.parse(result.events[2]?.data ?? '')).toEqual({ error: { code: 503, message: 'try later', status: 'UNAVAILABLE' } });
  });
});
