// The Anthropic Messages dialect: `POST /v1/messages` with `x-api-key` and a required
// `anthropic-version` header; a message object, or SSE with `event:` lines (message_start,
// content_block_start/delta/stop, ping, message_delta, message_stop); errors as
// `{"type":"error","error":{"type","message"},"request_id"}`.
import type { FinishReason, JsonObject, JsonValue, ToolChoice } from '../chat/types.ts';
import { type Dialect, type ErrorDetails, ErrorReply, type Route } from './dialect.ts';
import type { ResolvedReply } from './resolved-reply.ts';
import { splitJson } from './resolved-reply.ts';
import { estimatePromptTokens } from './tokens.ts';
import type { FakeMessage, FakeRequest, FakeResponseFormat, FakeTool } from './types.ts';
import { asArray, asNumber, asObject, asString, asStringList, emptyObjectSchema, headerValue, joinTextBlocks } from './wire-read.ts';

const ERROR_TYPES: Readonly<Record<number, string>> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  402: 'billing_error',
  403: 'permission_error',
  404: 'not_found_error',
  413: 'request_too_large',
  429: 'rate_limit_error',
  500: 'api_error',
  504: 'timeout_error',
  529: 'overloaded_error',
};

const DEFAULT_MESSAGES: Readonly<Record<string, string>> = {
  invalid_request_error: 'Invalid request.',
  authentication_error: 'invalid x-api-key',
  billing_error: 'Your credit balance is too low to access the Anthropic API.',
  permission_error: 'Your API key does not have permission to use the specified resource.',
  request_too_large: 'Request exceeds the maximum allowed number of bytes.',
  rate_limit_error: 'This request would exceed the rate limit for your organization. Please try again later.',
  api_error: 'Internal server error',
  timeout_error: 'Request timed out',
  overloaded_error: 'Overloaded',
};

function errorBody(type: string, message: string): JsonObject {
  return { type: 'error', error: { type, message } };
}

function errorReply(status: number, type: string, message: string, headers: Record<string, string> = {}): ErrorReply {
  return new ErrorReply(status, JSON.stringify({ ...errorBody(type, message), request_id: 'req_fake' }), headers);
}

/** A user turn made of tool results reads as a 'tool' message. */
function readMessages(body: JsonObject): FakeMessage[] {
  const messages: FakeMessage[] = [];
  const system = joinTextBlocks(body.system);
  if (system !== '') messages.push({ role: 'system', text: system });
  for (const item of asArray(body.messages)) {
    const message = asObject(item);
    if (message === undefined) continue;
    const blocks = asArray(message.content).map(asObject);
    const results = blocks.filter((block) => block?.type === 'tool_result');
    if (results.length > 0) {
      messages.push({ role: 'tool', text: results.map((block) => joinTextBlocks(block?.content)).join('\n') });
      continue;
    }
    messages.push({ role: message.role === 'assistant' ? 'assistant' : 'user', text: joinTextBlocks(message.content) });
  }
  return messages;
}

function readTools(body: JsonObject): FakeTool[] {
  const tools: FakeTool[] = [];
  for (const item of asArray(body.tools)) {
    const tool = asObject(item);
    const name = asString(tool?.name);
    // Server tools (web_search, ...) have a `type` and no input_schema; the fake cannot run them.
    if (tool === undefined || name === undefined || (tool.type !== undefined && tool.type !== 'custom')) continue;
    const description = asString(tool.description);
    tools.push({ name, parameters: asObject(tool.input_schema) ?? emptyObjectSchema(), ...(description === undefined ? {} : { description }) });
  }
  return tools;
}

function readToolChoice(value: JsonValue | undefined, hasTools: boolean): ToolChoice {
  const choice = asObject(value);
  if (choice?.type === 'any') return 'required';
  if (choice?.type === 'none') return 'none';
  if (choice?.type === 'tool' && typeof choice.name === 'string') return { name: choice.name };
  return hasTools ? 'auto' : 'none';
}

/** Structured outputs: `output_config.format` (current) or the older beta `output_format`. */
function readResponseFormat(body: JsonObject): FakeResponseFormat {
  const format = asObject(asObject(body.output_config)?.format) ?? asObject(body.output_format);
  if (format?.type === 'json_schema') return { type: 'json_schema', schema: asObject(format.schema) ?? {} };
  return { type: 'text' };
}

function stopReason(reason: FinishReason, stopSequence: string | undefined): string {
  switch (reason) {
    case 'length':
      return 'max_tokens';
    case 'tool_calls':
      return 'tool_use';
    case 'content_filter':
      return 'refusal';
    default:
      return stopSequence === undefined ? 'end_turn' : 'stop_sequence';
  }
}

function parseInput(argumentsJson: string): JsonValue {
  try {
    const value: unknown = JSON.parse(argumentsJson);
    return asObject(value) ?? {};
  } catch {
    return {};
  }
}

function usageOf(inputTokens: number, outputTokens: number): JsonObject {
  return { input_tokens: inputTokens, cache_creation_input_tokens: 0, cache_read_input_tokens: 0, output_tokens: outputTokens, service_tier: 'standard' };
}

const event = (name: string, payload: JsonValue): string => `event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`;

export const anthropicDialect: Dialect = {
  kind: 'anthropic',
  basePath: '/v1',
  jsonContentType: 'application/json',
  streamContentType: 'text/event-stream; charset=utf-8',

  route(method, path): Route | undefined {
    if (method === 'POST' && path === '/v1/messages') return { type: 'generate', model: undefined, stream: undefined };
    if (method === 'GET' && path === '/v1/models') return { type: 'list-models' };
    return undefined;
  },

  checkKey(headers, _query, apiKey) {
    return headerValue(headers['x-api-key']) === apiKey ? undefined : errorReply(401, 'authentication_error', 'invalid x-api-key');
  },

  checkHeaders(headers) {
    return headerValue(headers['anthropic-version']) === undefined
      ? errorReply(400, 'invalid_request_error', 'anthropic-version: header is required')
      : undefined;
  },

  parse(raw) {
    const body = asObject(raw);
    if (body === undefined) return errorReply(400, 'invalid_request_error', 'The request body is not a JSON object.');
    const model = asString(body.model);
    if (model === undefined) return errorReply(400, 'invalid_request_error', 'model: Field required');
    const maxTokens = asNumber(body.max_tokens);
    if (maxTokens === undefined) return errorReply(400, 'invalid_request_error', 'max_tokens: Field required');
    if (!Array.isArray(body.messages)) return errorReply(400, 'invalid_request_error', 'messages: Field required');
    const messages = readMessages(body);
    const tools = readTools(body);
    return {
      kind: 'anthropic',
      model,
      stream: body.stream === true,
      messages,
      tools,
      toolChoice: readToolChoice(body.tool_choice, tools.length > 0),
      responseFormat: readResponseFormat(body),
      maxTokens,
      stop: asStringList(body.stop_sequences),
      logprobs: false,
      promptTokens: estimatePromptTokens(messages),
      body,
    };
  },

  responseHeaders: (serial) => ({ 'request-id': `req_${serial}` }),

  error(status, details: ErrorDetails) {
    const headers: Record<string, string> = {};
    if (details.retryAfterSeconds !== undefined) headers['retry-after'] = String(Math.ceil(details.retryAfterSeconds));
    if (details.errorType === 'context_length_exceeded') {
      const message = details.message ?? `prompt is too long: ${details.promptTokens ?? 0} tokens > ${details.contextWindowTokens ?? 200_000} maximum`;
      return errorReply(status, 'invalid_request_error', message, headers);
    }
    const type = details.errorType ?? ERROR_TYPES[status] ?? (status >= 500 ? 'api_error' : 'invalid_request_error');
    const fallback = type === 'not_found_error' ? `model: ${details.model ?? 'unknown'}` : DEFAULT_MESSAGES[type] ?? 'Error';
    return errorReply(status, type, details.message ?? fallback, headers);
  },

  notFound: (method, path) => errorReply(404, 'not_found_error', `Not Found: ${method} ${path}`),

  invalidJson: () => errorReply(400, 'invalid_request_error', 'There was an issue with your request body: it is not valid JSON.'),

  overloaded: (message) => errorReply(529, 'overloaded_error', message ?? 'Overloaded'),

  render(reply) {
    const content: JsonValue[] = [];
    if (reply.text !== '' || reply.toolCalls.length === 0) content.push({ type: 'text', text: reply.text });
    reply.toolCalls.forEach((call, position) => {
      content.push({ type: 'tool_use', id: `toolu_${reply.serial}_${position}`, name: call.name, input: parseInput(call.argumentsJson) });
    });
    return JSON.stringify({
      id: `msg_${reply.serial}`,
      type: 'message',
      role: 'assistant',
      model: reply.model,
      content,
      stop_reason: stopReason(reply.finishReason, reply.stopSequence),
      stop_sequence: reply.stopSequence ?? null,
      usage: usageOf(reply.promptTokens, reply.completionTokens),
    });
  },

  renderStream(reply: ResolvedReply, _request: FakeRequest) {
    const frames: string[] = [event('message_start', {
      type: 'message_start',
      message: {
        id: `msg_${reply.serial}`,
        type: 'message',
        role: 'assistant',
        model: reply.model,
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage: usageOf(reply.promptTokens, 1),
      },
    })];
    let index = 0;
    if (reply.pieces.length > 0 || reply.toolCalls.length === 0) {
      frames.push(event('content_block_start', { type: 'content_block_start', index, content_block: { type: 'text', text: '' } }));
      // Anthropic sends a ping early in every stream; clients must skip it.
      frames.push(event('ping', { type: 'ping' }));
      for (const piece of reply.pieces) {
        frames.push(event('content_block_delta', { type: 'content_block_delta', index, delta: { type: 'text_delta', text: piece } }));
      }
      frames.push(event('content_block_stop', { type: 'content_block_stop', index }));
      index += 1;
    }
    reply.toolCalls.forEach((call, position) => {
      const block = { type: 'tool_use', id: `toolu_${reply.serial}_${position}`, name: call.name, input: {} };
      frames.push(event('content_block_start', { type: 'content_block_start', index, content_block: block }));
      for (const piece of ['', ...splitJson(call.argumentsJson)]) {
        frames.push(event('content_block_delta', { type: 'content_block_delta', index, delta: { type: 'input_json_delta', partial_json: piece } }));
      }
      frames.push(event('content_block_stop', { type: 'content_block_stop', index }));
      index += 1;
    });
    frames.push(event('message_delta', {
      type: 'message_delta',
      delta: { stop_reason: stopReason(reply.finishReason, reply.stopSequence), stop_sequence: reply.stopSequence ?? null },
      usage: { output_tokens: reply.completionTokens },
    }));
    frames.push(event('message_stop', { type: 'message_stop' }));
    return frames;
  },

  malformedEvent: () => 'event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"unterminated\n\n',

  errorEvent: (message) => event('error', errorBody('overloaded_error', message ?? 'Overloaded')),

  listModels: (models) => JSON.stringify({
    data: models.map((id) => ({ type: 'model', id, display_name: id, created_at: '2025-01-01T00:00:00Z' })),
    has_more: false,
    first_id: models[0] ?? null,
    last_id: models.at(-1) ?? null,
  }),
};
