// One table of upstream failures, replayed against every adapter type with that provider's real
// error body shape; each case asserts the class, the upstream status, and that no key leaks.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatRequest } from '../../src/chat/types.ts';
import type { UpstreamErrorClass } from '../../src/errors/catalogue.ts';
import { createProviderAdapter } from '../../src/providers/create-adapter.ts';
import type { ProviderAdapter, ProviderType } from '../../src/providers/spec.ts';
import { API_KEY, callContext, rungErrorFrom, settingsFor } from './support/adapter-fixtures.ts';
import { json, startUpstream, text, type Responder, type Upstream } from './support/upstream-server.ts';

interface ErrorCase {
  name: string;
  respond: Responder;
  code: UpstreamErrorClass;
  status: number;
  retryAfterMs?: number;
}

const openAIBody = (message: string, type: string, code: string | null): unknown => ({ error: { message, type, param: null, code } });
const anthropicBody = (type: string, message: string): unknown => ({ type: 'error', error: { type, message } });
const googleBody = (code: number, status: string, message: string, details: unknown[] = []): unknown => ({ error: { code, message, status, details } });

const CASES: Record<'openai' | 'anthropic' | 'google', ErrorCase[]> = {
  openai: [
    {
      name: '429 with Retry-After seconds',
      respond: json(429, openAIBody('Rate limit reached for gpt-4o', 'requests', 'rate_limit_exceeded'), { 'retry-after': '3' }),
      code: 'rate_limited',
      status: 429,
      retryAfterMs: 3_000,
    },
    {
      name: '429 with retry-after-ms',
      respond: json(429, openAIBody('Rate limit reached', 'requests', 'rate_limit_exceeded'), { 'retry-after-ms': '750', 'retry-after': '1' }),
      code: 'rate_limited',
      status: 429,
      retryAfterMs: 750,
    },
    { name: '503', respond: json(503, openAIBody('The engine is currently overloaded', 'server_error', null)), code: 'overloaded', status: 503 },
    { name: '500', respond: json(500, openAIBody('The server had an error while processing your request.', 'server_error', null)), code: 'server_error', status: 500 },
    { name: '502 HTML from a proxy', respond: text(502, '<html><body>Bad Gateway</body></html>'), code: 'server_error', status: 502 },
    {
      name: '401 that echoes the key',
      respond: json(401, openAIBody(`Incorrect API key provided: ${API_KEY}. You can find your API key at https://platform.openai.com/account/api-keys.`, 'invalid_request_error', 'invalid_api_key')),
      code: 'auth',
      status: 401,
    },
    { name: '403', respond: json(403, openAIBody('Project does not have access to model', 'invalid_request_error', 'model_not_found')), code: 'auth', status: 403 },
    { name: '404', respond: json(404, openAIBody('The model `gpt-9` does not exist or you do not have access to it.', 'invalid_request_error', 'model_not_found')), code: 'not_found', status: 404 },
    {
      name: '400 context length',
      respond: json(400, openAIBody("This model's maximum context length is 128000 tokens. However, your messages resulted in 130000 tokens.", 'invalid_request_error', 'context_length_exceeded')),
      code: 'context_length',
      status: 400,
    },
    {
      name: '400 content policy',
      respond: json(400, openAIBody('Your request was rejected as a result of our safety system.', 'invalid_request_error', 'content_policy_violation')),
      code: 'content_filter',
      status: 400,
    },
    {
      name: '400 content_filter (Azure)',
      respond: json(400, openAIBody("The response was filtered due to the prompt triggering Azure OpenAI's content management policy.", 'invalid_request_error', 'content_filter')),
      code: 'content_filter',
      status: 400,
    },
    { name: '400 other', respond: json(400, openAIBody("Invalid value for 'temperature': expected a number.", 'invalid_request_error', null)), code: 'bad_request', status: 400 },
    { name: '422 from a compatible server', respond: json(422, { detail: 'messages: field required' }), code: 'bad_request', status: 422 },
  ],
  anthropic: [
    {
      name: '429 with Retry-After',
      respond: json(429, anthropicBody('rate_limit_error', 'Number of request tokens has exceeded your per-minute rate limit'), { 'retry-after': '12' }),
      code: 'rate_limited',
      status: 429,
      retryAfterMs: 12_000,
    },
    { name: '529 overloaded', respond: json(529, anthropicBody('overloaded_error', 'Overloaded')), code: 'overloaded', status: 529 },
    { name: '500 api_error', respond: json(500, anthropicBody('api_error', 'Internal server error')), code: 'server_error', status: 500 },
    { name: '401', respond: json(401, anthropicBody('authentication_error', 'invalid x-api-key')), code: 'auth', status: 401 },
    { name: '403', respond: json(403, anthropicBody('permission_error', 'Your API key does not have permission to use the specified resource.')), code: 'auth', status: 403 },
    { name: '404', respond: json(404, anthropicBody('not_found_error', 'model: claude-9')), code: 'not_found', status: 404 },
    {
      name: '400 prompt is too long',
      respond: json(400, anthropicBody('invalid_request_error', 'prompt is too long: 210000 tokens > 200000 maximum')),
      code: 'context_length',
      status: 400,
    },
    { name: '400 other', respond: json(400, anthropicBody('invalid_request_error', 'messages: roles must alternate')), code: 'bad_request', status: 400 },
    { name: '413 request too large', respond: json(413, anthropicBody('request_too_large', 'Request exceeds the maximum allowed number of bytes.')), code: 'bad_request', status: 413 },
  ],
  google: [
    {
      name: '429 with RetryInfo',
      respond: json(
        429,
        googleBody(429, 'RESOURCE_EXHAUSTED', 'Resource has been exhausted (e.g. check quota).', [
          { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '37s' },
        ]),
      ),
      code: 'rate_limited',
      status: 429,
      retryAfterMs: 37_000,
    },
    { name: '503', respond: json(503, googleBody(503, 'UNAVAILABLE', 'The model is overloaded. Please try again later.')), code: 'overloaded', status: 503 },
    { name: '500', respond: json(500, googleBody(500, 'INTERNAL', 'An internal error has occurred.')), code: 'server_error', status: 500 },
    {
      name: '400 invalid key (Gemini answers 400, not 401)',
      respond: json(
        400,
        googleBody(400, 'INVALID_ARGUMENT', `API key not valid. Please pass a valid API key. key=${API_KEY}`, [
          { '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'API_KEY_INVALID', domain: 'googleapis.com' },
        ]),
      ),
      code: 'auth',
      status: 400,
    },
    { name: '403', respond: json(403, googleBody(403, 'PERMISSION_DENIED', 'Method doesn\'t allow unregistered callers.')), code: 'auth', status: 403 },
    { name: '404', respond: json(404, googleBody(404, 'NOT_FOUND', 'models/gemini-9 is not found for API version v1beta')), code: 'not_found', status: 404 },
    {
      name: '400 token limit',
      respond: json(400, googleBody(400, 'INVALID_ARGUMENT', 'The input token count (1200000) exceeds the maximum number of tokens allowed (1048576).')),
      code: 'context_length',
      status: 400,
    },
    { name: '400 other', respond: json(400, googleBody(400, 'INVALID_ARGUMENT', 'Invalid JSON payload received. Unknown name "foo"')), code: 'bad_request', status: 400 },
  ],
};

const request: ChatRequest = { model: 'model-x', stream: false, messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }] };

for (const [type, cases] of Object.entries(CASES) as Array<[ProviderType, ErrorCase[]]>) {
  describe(`${type} adapter: HTTP error mapping`, () => {
    let upstream: Upstream;
    let adapter: ProviderAdapter;
    beforeAll(async () => {
      upstream = await startUpstream();
      adapter = createProviderAdapter(settingsFor(type, type === 'openai' ? `${upstream.origin}/v1` : upstream.origin));
    });
    afterAll(async () => {
      await adapter.close();
      await upstream.close();
    });

    for (const errorCase of cases) {
      for (const mode of ['doGenerate', 'doStream'] as const) {
        it(`${errorCase.name} → ${errorCase.code} (${mode})`, async () => {
          upstream.respond(errorCase.respond);
          const error = await rungErrorFrom(() =>
            mode === 'doGenerate' ? adapter.doGenerate(request, callContext()) : adapter.doStream({ ...request, stream: true }, callContext()),
          );
          expect(error.code).toBe(errorCase.code);
          expect(error.upstreamStatus).toBe(errorCase.status);
          expect(error.provider).toBe(`${type}-test`);
          expect(error.retryAfterMs).toBe(errorCase.retryAfterMs);
          expect(error.message).not.toContain(API_KEY);
          expect(JSON.stringify(error.toBody())).not.toContain(API_KEY);
          expect(error.message.length).toBeLessThanOrEqual(320);
        });
      }
    }
  });
}
