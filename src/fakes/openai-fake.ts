// The OpenAI Chat Completions dialect: `POST /v1/chat/completions` (JSON or SSE `data:` events
// ending with `data: [DONE]`) and `GET /v1/models`, with OpenAI's error body
// `{"error":{"message","type","param","code"}}`. OpenAI-compatible servers speak the same.
import type { JsonObject, JsonValue, ToolChoice } from '../chat/types.ts';
import { type Dialect, type ErrorDetails, ErrorReply, type Route } from './dialect.ts';
import type { ResolvedReply } from './resolved-reply.ts';
import { splitJson } from './resolved-reply.ts';
import { estimatePromptTokens } from './tokens.ts';
import type { FakeMessage, FakeRequest, FakeResponseFormat, FakeTool } from './types.ts';
import { asArray, asNumber, asObject, asString, asStringList, emptyObjectSchema, headerValue, joinTextBlocks } from './wire-read.ts';

const FINGERPRINT = 'fp_fake0001';

function errorReply(status: number, message: string, type: string, code: string | null, param: string | null = null, headers: Record<string, string> = {}): ErrorReply {
  return new ErrorReply(status, JSON.stringify({ error: { message, type, param, code } }), headers);
}

function readMessages(body: JsonObject): FakeMessage[] {
  const messages: FakeMessage[] = [];
  for (const item of asArray(body.messages)) {
    const message = asObject(item);
    if (message === undefined) continue;
    const role = asString(message.role);
    const mapped = role === 'developer' || role === 'system' ? 'system' : role === 'tool' || role === 'function' ? 'tool' : role === 'assistant' ? 'assistant' : 'user';
    messages.push({ role: mapped, text: joinTextBlocks(message.content) });
  }
  return messages;
}

function readTools(body: JsonObject): FakeTool[] {
  const tools: FakeTool[] = [];
  for (const item of asArray(body.tools)) {
    const definition = asObject(asObject(item)?.function);
    const name = asString(definition?.name);
    if (definition === undefined || name === undefined) continue;
    const description = asString(definition.description);
    tools.push({ name, parameters: asObject(definition.parameters) ?? emptyObjectSchema(), ...(description === undefined ? {} : { description }) });
  }
  return tools;
}

function readToolChoice(value: JsonValue | undefined, hasTools: boolean): ToolChoice {
  if (value === 'none' || value === 'auto' || value === 'required') return value;
  const name = asString(asObject(asObject(value)?.function)?.name);
  if (name !== undefined) return { name };
  return hasTools ? 'auto' : 'none';
}

function readResponseFormat(value: JsonValue | undefined): FakeResponseFormat {
  const format = asObject(value);
  if (format?.type === 'json_object') return { type: 'json_object' };
  if (format?.type === 'json_schema') {
    const wrapper = asObject(format.json_schema);
    const name = asString(wrapper?.name);
    return { type: 'json_schema', schema: asObject(wrapper?.schema) ?? {}, ...(name === undefined ? {} : { name }) };
  }
  return { type: 'text' };
}

function logprobsContent(pieces: readonly string[], values: readonly number[], topLogprobs: number): JsonValue[] {
  return pieces.map((token, position) => {
    const logprob = values[position] ?? 0;
    const bytes = [...Buffer.from(token, 'utf8')];
    const top: JsonValue[] = [{ token, logprob, bytes }];
    // Made-up runners-up, each clearly less likely than the chosen token.
    for (let rank = 1; rank < topLogprobs; rank += 1) top.push({ token: `${token.trim()}_${rank}`, logprob: Math.round((logprob - rank - 1) * 1000) / 1000, bytes: null });
    return { token, logprob, bytes, top_logprobs: topLogprobs > 0 ? top : [] };
  });
}

function usageOf(reply: ResolvedReply): JsonObject {
  return {
    prompt_tokens: reply.promptTokens,
    completion_tokens: reply.completionTokens,
    total_tokens: reply.promptTokens + reply.completionTokens,
    prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
    completion_tokens_details: { reasoning_tokens: 0, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 },
  };
}

function topLogprobsOf(request: FakeRequest): number {
  return asNumber(request.body.top_logprobs) ?? 0;
}

const frame = (payload: JsonValue): string => `data: ${JSON.stringify(payload)}\n\n`;

export const openAIDialect: Dialect = {
  kind: 'openai',
  basePath: '/v1',
  jsonContentType: 'application/json',
  streamContentType: 'text/event-stream; charset=utf-8',

  route(method, path): Route | undefined {
    if (method === 'POST' && path === '/v1/chat/completions') return { type: 'generate', model: undefined, stream: undefined };
    if (method === 'GET' && path === '/v1/models') return { type: 'list-models' };
    return undefined;
  },

  checkKey(headers, _query, apiKey) {
    const authorization = headerValue(headers.authorization);
    const match = authorization === undefined ? null : /^Bearer\s+(.+)$/i.exec(authorization);
    if (match === null) {
      return errorReply(401, "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).", 'invalid_request_error', null);
    }
    if (match[1] === apiKey) return undefined;
    return errorReply(401, 'Incorrect API key provided. You can find your API key at https://platform.openai.com/account/api-keys.', 'invalid_request_error', 'invalid_api_key');
  },

  checkHeaders: () => undefined,

  parse(raw) {
    const body = asObject(raw);
    if (body === undefined) return errorReply(400, 'The request body must be a JSON object.', 'invalid_request_error', null);
    const model = asString(body.model);
    if (model === undefined || model === '') return errorReply(400, 'you must provide a model parameter', 'invalid_request_error', null);
    if (!Array.isArray(body.messages)) return errorReply(400, "Missing required parameter: 'messages'.", 'invalid_request_error', 'missing_required_parameter', 'messages');
    if (body.messages.length === 0) return errorReply(400, "[] is too short - 'messages'", 'invalid_request_error', 'empty_array', 'messages');
    const messages = readMessages(body);
    const tools = readTools(body);
    return {
      kind: 'openai',
      model,
      stream: body.stream === true,
      messages,
      tools,
      toolChoice: readToolChoice(body.tool_choice, tools.length > 0),
      responseFormat: readResponseFormat(body.response_format),
      maxTokens: asNumber(body.max_completion_tokens) ?? asNumber(body.max_tokens),
      stop: asStringList(body.stop),
      logprobs: body.logprobs === true,
      promptTokens: estimatePromptTokens(messages),
      body,
    };
  },

  responseHeaders: (serial) => ({ 'x-request-id': `req_${serial}`, 'openai-processing-ms': '1' }),

  error(status, details: ErrorDetails) {
    const headers: Record<string, string> = {};
    if (details.retryAfterSeconds !== undefined) {
      headers['retry-after'] = String(Math.ceil(details.retryAfterSeconds));
      headers['retry-after-ms'] = String(Math.round(details.retryAfterSeconds * 1000));
    }
    const code = details.errorType ?? null;
    if (code === 'context_length_exceeded') {
      const message = details.message ?? `This model's maximum context length is ${details.contextWindowTokens ?? 128_000} tokens. However, your messages resulted in ${details.promptTokens ?? 0} tokens. Please reduce the length of the messages.`;
      return errorReply(status, message, 'invalid_request_error', code, 'messages', headers);
    }
    if (status === 429) {
      if (code === 'insufficient_quota') return errorReply(status, details.message ?? 'You exceeded your current quota, please check your plan and billing details.', 'insufficient_quota', code, null, headers);
      return errorReply(status, details.message ?? `Rate limit reached for ${details.model ?? 'the model'} on requests per min (RPM). Please try again later.`, 'requests', code ?? 'rate_limit_exceeded', null, headers);
    }
    if (status === 404) return errorReply(status, details.message ?? `The model \`${details.model ?? 'unknown'}\` does not exist or you do not have access to it.`, 'invalid_request_error', code ?? 'model_not_found', null, headers);
    if (status === 401) return errorReply(status, details.message ?? 'Incorrect API key provided.', 'invalid_request_error', code ?? 'invalid_api_key', null, headers);
    if (status === 503) return errorReply(status, details.message ?? 'The engine is currently overloaded, please try again later.', 'server_error', code, null, headers);
    if (status >= 500) return errorReply(status, details.message ?? 'The server had an error while processing your request. Sorry about that!', 'server_error', code, null, headers);
    return errorReply(status, details.message ?? 'Invalid request.', 'invalid_request_error', code, null, headers);
  },

  notFound: (method, path) => errorReply(404, `Invalid URL (${method} ${path})`, 'invalid_request_error', null),

  invalidJson: () => errorReply(400, 'We could not parse the JSON body of your request. (HINT: This likely means you aren\'t using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON.)', 'invalid_request_error', null),

  overloaded: (message) => openAIDialect.error(503, message === undefined ? {} : { message }),

  render(reply, request) {
    const toolCalls = reply.toolCalls.map((call, position) => ({
      id: `call_${reply.serial}_${position}`,
      type: 'function',
      function: { name: call.name, arguments: call.argumentsJson },
    }));
    const message: JsonObject = {
      role: 'assistant',
      content: toolCalls.length > 0 && reply.text === '' ? null : reply.text,
      refusal: null,
      annotations: [],
      ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}),
    };
    const logprobs = reply.logprobs === undefined ? null : { content: logprobsContent(reply.pieces, reply.logprobs, topLogprobsOf(request)), refusal: null };
    return JSON.stringify({
      id: `chatcmpl-${reply.serial}`,
      object: 'chat.completion',
      created: reply.created,
      model: reply.model,
      choices: [{ index: 0, message, logprobs, finish_reason: reply.finishReason }],
      usage: usageOf(reply),
      service_tier: 'default',
      system_fingerprint: FINGERPRINT,
    });
  },

  renderStream(reply, request) {
    const includeUsage = asObject(request.body.stream_options)?.include_usage === true;
    const topLogprobs = topLogprobsOf(request);
    const chunk = (delta: JsonObject, finishReason: string | null = null, logprobs: JsonValue = null): string => frame({
      id: `chatcmpl-${reply.serial}`,
      object: 'chat.completion.chunk',
      created: reply.created,
      model: reply.model,
      service_tier: 'default',
      system_fingerprint: FINGERPRINT,
      choices: [{ index: 0, delta, logprobs, finish_reason: finishReason }],
      ...(includeUsage ? { usage: null } : {}),
    });
    const frames: string[] = [];
    const toolOnly = reply.text === '' && reply.toolCalls.length > 0;
    // A tool-only answer opens with the role and the first call's header in one chunk, as OpenAI does.
    if (!toolOnly) frames.push(chunk({ role: 'assistant', content: '', refusal: null }));
    reply.pieces.forEach((piece, position) => {
      const value = reply.logprobs?.[position];
      const logprobs = value === undefined ? null : { content: logprobsContent([piece], [value], topLogprobs), refusal: null };
      frames.push(chunk({ content: piece }, null, logprobs));
    });
    reply.toolCalls.forEach((call, position) => {
      const header = { index: position, id: `call_${reply.serial}_${position}`, type: 'function', function: { name: call.name, arguments: '' } };
      frames.push(chunk(toolOnly && position === 0 ? { role: 'assistant', content: null, tool_calls: [header], refusal: null } : { tool_calls: [header] }));
      for (const piece of splitJson(call.argumentsJson)) frames.push(chunk({ tool_calls: [{ index: position, function: { arguments: piece } }] }));
    });
    frames.push(chunk({}, reply.finishReason));
    if (includeUsage) {
      frames.push(frame({
        id: `chatcmpl-${reply.serial}`,
        object: 'chat.completion.chunk',
        created: reply.created,
        model: reply.model,
        service_tier: 'default',
        system_fingerprint: FINGERPRINT,
        choices: [],
        usage: usageOf(reply),
      }));
    }
    frames.push('data: [DONE]\n\n');
    return frames;
  },

  malformedEvent: () => 'data: {"id":"chatcmpl-broken","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":"unterminated\n\n',

  errorEvent: (message) => frame({ error: { message: message ?? 'The server had an error while processing your request. Sorry about that!', type: 'server_error', param: null, code: null } }),

  listModels: (models) => JSON.stringify({ object: 'list', data: models.map((id) => ({ id, object: 'model', created: 1_700_000_000, owned_by: 'fake' })) }),
};
