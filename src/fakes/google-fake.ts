// The Google Gemini dialect: `POST /v1beta/models/{model}:generateContent` and
// `:streamGenerateContent?alt=sse` (SSE `data:` events, each a whole GenerateContentResponse, with
// CRLF line ends as Google sends them), keys in `x-goog-api-key` or `?key=`, and errors as
// `{"error":{"code","message","status","details"}}`. Gemini rejects a wrong key with 400
// INVALID_ARGUMENT + reason API_KEY_INVALID and a missing one with 403, not with 401.
import type { FinishReason, JsonObject, JsonValue, ToolChoice } from '../chat/types.ts';
import { type Dialect, type ErrorDetails, ErrorReply, type Route } from './dialect.ts';
import type { ResolvedReply } from './resolved-reply.ts';
import { estimatePromptTokens } from './tokens.ts';
import type { FakeMessage, FakeResponseFormat, FakeTool } from './types.ts';
import { asArray, asNumber, asObject, asString, asStringList, emptyObjectSchema, headerValue } from './wire-read.ts';

const STATUS_NAMES: Readonly<Record<number, string>> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  409: 'ABORTED',
  429: 'RESOURCE_EXHAUSTED',
  499: 'CANCELLED',
  500: 'INTERNAL',
  501: 'UNIMPLEMENTED',
  503: 'UNAVAILABLE',
  504: 'DEADLINE_EXCEEDED',
};

const DEFAULT_MESSAGES: Readonly<Record<string, string>> = {
  INVALID_ARGUMENT: 'Request contains an invalid argument.',
  UNAUTHENTICATED: 'Request had invalid authentication credentials.',
  PERMISSION_DENIED: 'The caller does not have permission',
  RESOURCE_EXHAUSTED: 'Resource has been exhausted (e.g. check quota).',
  INTERNAL: 'An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting',
  UNAVAILABLE: 'The model is overloaded. Please try again later.',
  DEADLINE_EXCEEDED: 'The request timed out. Please try again.',
};

const PATH = /^\/(v1beta|v1)\/models\/([^/:]+):(generateContent|streamGenerateContent)$/;

function errorPayload(status: number, message: string, statusName: string, details: JsonValue[] = []): JsonObject {
  return { error: { code: status, message, status: statusName, ...(details.length > 0 ? { details } : {}) } };
}

function errorReply(status: number, message: string, statusName = STATUS_NAMES[status] ?? 'UNKNOWN', details: JsonValue[] = []): ErrorReply {
  return new ErrorReply(status, JSON.stringify(errorPayload(status, message, statusName, details)));
}

function partsText(parts: JsonValue[]): string {
  let text = '';
  for (const part of parts) {
    const value = asString(asObject(part)?.text);
    if (value !== undefined) text += value;
  }
  return text;
}

function readMessages(body: JsonObject): FakeMessage[] {
  const messages: FakeMessage[] = [];
  const system = asObject(body.systemInstruction ?? body.system_instruction);
  if (system !== undefined) messages.push({ role: 'system', text: partsText(asArray(system.parts)) });
  for (const item of asArray(body.contents)) {
    const content = asObject(item);
    if (content === undefined) continue;
    const parts = asArray(content.parts);
    const responses = parts.map((part) => asObject(part)?.functionResponse).filter((response) => response !== undefined);
    if (responses.length > 0) {
      messages.push({ role: 'tool', text: responses.map((response) => JSON.stringify(asObject(response)?.response ?? null)).join('\n') });
      continue;
    }
    messages.push({ role: content.role === 'model' ? 'assistant' : 'user', text: partsText(parts) });
  }
  return messages;
}

function readTools(body: JsonObject): FakeTool[] {
  const tools: FakeTool[] = [];
  for (const item of asArray(body.tools)) {
    const group = asObject(item);
    for (const declaration of asArray(group?.functionDeclarations ?? group?.function_declarations)) {
      const fn = asObject(declaration);
      const name = asString(fn?.name);
      if (fn === undefined || name === undefined) continue;
      const description = asString(fn.description);
      const parameters = asObject(fn.parametersJsonSchema) ?? asObject(fn.parameters) ?? emptyObjectSchema();
      tools.push({ name, parameters, ...(description === undefined ? {} : { description }) });
    }
  }
  return tools;
}

function readToolChoice(body: JsonObject, hasTools: boolean): ToolChoice {
  const config = asObject(asObject(body.toolConfig ?? body.tool_config)?.functionCallingConfig);
  const mode = asString(config?.mode)?.toUpperCase();
  if (mode === 'NONE') return 'none';
  if (mode === 'ANY' || mode === 'VALIDATED') {
    const allowed = asStringList(config?.allowedFunctionNames);
    return mode === 'ANY' && allowed.length === 1 && allowed[0] !== undefined ? { name: allowed[0] } : 'required';
  }
  return hasTools ? 'auto' : 'none';
}

function readResponseFormat(generation: JsonObject): FakeResponseFormat {
  if (generation.responseMimeType !== 'application/json') return { type: 'text' };
  const schema = asObject(generation.responseJsonSchema) ?? asObject(generation.responseSchema);
  return schema === undefined ? { type: 'json_object' } : { type: 'json_schema', schema };
}

function finishReasonName(reason: FinishReason): string {
  if (reason === 'length') return 'MAX_TOKENS';
  if (reason === 'content_filter') return 'SAFETY';
  return 'STOP';
}

function parseArgs(argumentsJson: string): JsonValue {
  try {
    const value: unknown = JSON.parse(argumentsJson);
    return asObject(value) ?? {};
  } catch {
    return {};
  }
}

function usageOf(reply: ResolvedReply, final: boolean): JsonObject {
  if (!final) return { promptTokenCount: reply.promptTokens, totalTokenCount: reply.promptTokens };
  return {
    promptTokenCount: reply.promptTokens,
    candidatesTokenCount: reply.completionTokens,
    totalTokenCount: reply.promptTokens + reply.completionTokens,
    promptTokensDetails: [{ modality: 'TEXT', tokenCount: reply.promptTokens }],
  };
}

/** One GenerateContentResponse; `finish` marks the last one (finish reason, full usage). */
function response(reply: ResolvedReply, parts: JsonValue[], finish: boolean, logprobs?: number[], tokens?: string[]): JsonObject {
  const candidate: JsonObject = { index: 0 };
  if (parts.length > 0) candidate.content = { parts, role: 'model' };
  if (finish) candidate.finishReason = finishReasonName(reply.finishReason);
  if (logprobs !== undefined && tokens !== undefined && logprobs.length > 0) {
    candidate.avgLogprobs = logprobs.reduce((sum, value) => sum + value, 0) / logprobs.length;
    const chosen = tokens.map((token, position) => ({ token, logProbability: logprobs[position] ?? 0 }));
    candidate.logprobsResult = { topCandidates: chosen.map((entry) => ({ candidates: [entry] })), chosenCandidates: chosen };
  }
  return { candidates: [candidate], usageMetadata: usageOf(reply, finish), modelVersion: reply.model, responseId: reply.serial };
}

const frame = (payload: JsonValue): string => `data: ${JSON.stringify(payload)}\r\n\r\n`;

export const googleDialect: Dialect = {
  kind: 'google',
  basePath: '/v1beta',
  jsonContentType: 'application/json; charset=UTF-8',
  streamContentType: 'text/event-stream',

  route(method, path, query): Route | ErrorReply | undefined {
    if (method === 'GET' && (path === '/v1beta/models' || path === '/v1/models')) return { type: 'list-models' };
    const match = method === 'POST' ? PATH.exec(path) : null;
    if (match === null || match[2] === undefined) return undefined;
    const stream = match[3] === 'streamGenerateContent';
    if (stream && query.get('alt') !== 'sse') {
      return errorReply(400, 'This fake serves streamGenerateContent only as server-sent events: add ?alt=sse.');
    }
    return { type: 'generate', model: decodeURIComponent(match[2]), stream };
  },

  checkKey(headers, query, apiKey) {
    const key = headerValue(headers['x-goog-api-key']) ?? query.get('key') ?? undefined;
    if (key === undefined) {
      return errorReply(403, "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.");
    }
    if (key === apiKey) return undefined;
    return errorReply(400, 'API key not valid. Please pass a valid API key.', 'INVALID_ARGUMENT', [
      { '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'API_KEY_INVALID', domain: 'googleapis.com', metadata: { service: 'generativelanguage.googleapis.com' } },
    ]);
  },

  checkHeaders: () => undefined,

  parse(raw, route) {
    const body = asObject(raw);
    if (body === undefined) return errorReply(400, 'Invalid JSON payload received. Expected an object.');
    if (asArray(body.contents).length === 0) return errorReply(400, '* GenerateContentRequest.contents: contents is not specified\n');
    const generation = asObject(body.generationConfig ?? body.generation_config) ?? {};
    const messages = readMessages(body);
    const tools = readTools(body);
    return {
      kind: 'google',
      model: route.model ?? '',
      stream: route.stream === true,
      messages,
      tools,
      toolChoice: readToolChoice(body, tools.length > 0),
      responseFormat: readResponseFormat(generation),
      maxTokens: asNumber(generation.maxOutputTokens),
      stop: asStringList(generation.stopSequences),
      logprobs: generation.responseLogprobs === true,
      promptTokens: estimatePromptTokens(messages),
      body,
    };
  },

  responseHeaders: () => ({}),

  error(status, details: ErrorDetails) {
    const retryDetails: JsonValue[] = details.retryAfterSeconds === undefined
      ? []
      : [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: `${details.retryAfterSeconds}s` }];
    if (details.errorType === 'context_length_exceeded') {
      const message = details.message ?? `The input token count (${details.promptTokens ?? 0}) exceeds the maximum number of tokens allowed (${details.contextWindowTokens ?? 1_048_576}).`;
      return errorReply(status, message, 'INVALID_ARGUMENT', retryDetails);
    }
    const statusName = details.errorType ?? STATUS_NAMES[status] ?? (status >= 500 ? 'INTERNAL' : 'INVALID_ARGUMENT');
    const fallback = statusName === 'NOT_FOUND'
      ? `models/${details.model ?? 'unknown'} is not found for API version v1beta, or is not supported for generateContent. Call ListModels to see the list of available models and their supported methods.`
      : DEFAULT_MESSAGES[statusName] ?? 'Error';
    return errorReply(status, details.message ?? fallback, statusName, retryDetails);
  },

  notFound: (method, path) => errorReply(404, `Method not found: ${method} ${path}`),

  invalidJson: () => errorReply(400, 'Invalid JSON payload received. Unexpected token.'),

  overloaded: (message) => errorReply(503, message ?? DEFAULT_MESSAGES.UNAVAILABLE ?? 'Unavailable'),

  render(reply) {
    const parts: JsonValue[] = [];
    if (reply.text !== '' || reply.toolCalls.length === 0) parts.push({ text: reply.text });
    for (const call of reply.toolCalls) parts.push({ functionCall: { name: call.name, args: parseArgs(call.argumentsJson) } });
    // A safety stop with no text carries no content at all, as Gemini does.
    const kept = reply.finishReason === 'content_filter' && reply.text === '' && reply.toolCalls.length === 0 ? [] : parts;
    return JSON.stringify(response(reply, kept, true, reply.logprobs, reply.pieces));
  },

  renderStream(reply) {
    // Each text piece is one event; tool calls come whole, one per event; the last event carries
    // the finish reason and the full usage.
    const events: { parts: JsonValue[]; logprobs?: number[]; tokens?: string[] }[] = reply.pieces.map((piece, position) => {
      const value = reply.logprobs?.[position];
      return value === undefined ? { parts: [{ text: piece }] } : { parts: [{ text: piece }], logprobs: [value], tokens: [piece] };
    });
    for (const call of reply.toolCalls) events.push({ parts: [{ functionCall: { name: call.name, args: parseArgs(call.argumentsJson) } }] });
    if (events.length === 0) events.push({ parts: reply.finishReason === 'content_filter' ? [] : [{ text: '' }] });
    return events.map((entry, position) => frame(response(reply, entry.parts, position === events.length - 1, entry.logprobs, entry.tokens)));
  },

  malformedEvent: () => 'data: {"candidates":[{"content":{"parts":[{"text":"unterminated\r\n\r\n',

  errorEvent: (message) => frame(errorPayload(503, message ?? DEFAULT_MESSAGES.UNAVAILABLE ?? 'Unavailable', 'UNAVAILABLE')),

  listModels: (models) => JSON.stringify({
    models: models.map((id) => ({
      name: `models/${id}`,
      displayName: id,
      supportedGenerationMethods: ['generateContent', 'streamGenerateContent'],
    })),
  }),
};
