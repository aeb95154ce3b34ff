// Validates the body of a client's `POST /v1/chat/completions` and turns it into the internal
// request shape. Hand-written typeof checks on purpose: this runs on every request inside a
// ~300 µs CPU budget, and a typical body must parse in microseconds. Nothing is deep-copied; large
// client values (schemas, stop lists, metadata) are passed on by reference.
//
// Like OpenAI, an unknown top-level parameter is rejected (a typo such as `temprature` must not
// be silently dropped). A short list of parameters that cannot change what a client receives
// back from Rung is accepted and ignored; see IGNORED_PARAMS.
import type { ChatRequest } from '../../chat/types.ts';
import { RungError } from '../../errors/rung-error.ts';
import { parseMessages } from './parse-messages.ts';
import { parseResponseFormat, parseToolChoice, parseTools } from './parse-tools.ts';
import { badValue, isWireObject, quote, wrongType, type WireObject } from './wire-checks.ts';

export interface ParsedChatCompletion {
  /** The model, alias or policy name exactly as the client sent it; the router resolves it. */
  model: string;
  request: Omit<ChatRequest, 'model'>;
  /** `stream_options.include_usage` of a streaming request: send a final usage chunk. */
  includeUsageInStream: boolean;
  /** The client's `metadata` map (shared with the body, not copied); empty when absent. */
  metadata: Record<string, string>;
}

const HANDLED_PARAMS: ReadonlySet<string> = new Set([
  'model', 'messages', 'stream', 'stream_options', 'temperature', 'top_p', 'max_tokens', 'max_completion_tokens',
  'stop', 'seed', 'presence_penalty', 'frequency_penalty', 'tools', 'tool_choice', 'parallel_tool_calls',
  'response_format', 'logprobs', 'top_logprobs', 'user', 'metadata', 'n', 'logit_bias',
]);

/**
 * Accepted and ignored: OpenAI-only storage, billing, caching and reasoning hints, and output
 * modalities Rung does not produce. None of them can make a response wrong for the client.
 */
export const IGNORED_PARAMS: ReadonlySet<string> = new Set([
  'store', 'service_tier', 'prediction', 'reasoning_effort', 'modalities', 'audio', 'web_search_options',
  'verbosity', 'prompt_cache_key', 'prompt_cache_retention', 'prompt_cache_options', 'safety_identifier',
]);

/** Known OpenAI parameters Rung cannot honour and will not silently drop. */
const UNSUPPORTED_PARAMS: ReadonlyMap<string, string> = new Map([
  ['functions', "the legacy 'functions' parameter is not supported; use 'tools'."],
  ['function_call', "the legacy 'function_call' parameter is not supported; use 'tool_choice'."],
  ['moderation', 'moderated completions are not supported by Rung.'],
]);

const MAX_STOP_SEQUENCES = 4;
const MAX_METADATA_KEYS = 16;
const MAX_METADATA_KEY_LENGTH = 64;
const MAX_METADATA_VALUE_LENGTH = 512;
const MAX_TOP_LOGPROBS = 20;

export function parseChatCompletionBody(body: unknown): ParsedChatCompletion {
  if (!isWireObject(body)) throw new RungError('invalid_request', 'The request body must be a JSON object.');
  for (const key in body) {
    if (!HANDLED_PARAMS.has(key)) rejectUnlessIgnored(key);
  }

  const model = body.model;
  if (typeof model !== 'string') {
    if (model === undefined || model === null) throw new RungError('invalid_request', "Missing required parameter: 'model'.", { param: 'model' });
    throw wrongType('model', 'a string', model);
  }
  if (model.length === 0) throw badValue('model', 'expected a non-empty string.');

  const messages = parseMessages(body.messages);
  const stream = optionalBoolean(body.stream, 'stream') ?? false;
  const request: Omit<ChatRequest, 'model'> = { messages, stream };

  const temperature = optionalNumber(body.temperature, 'temperature', 0, 2);
  if (temperature !== undefined) request.temperature = temperature;
  const topP = optionalNumber(body.top_p, 'top_p', 0, 1);
  if (topP !== undefined) request.topP = topP;
  const maxTokens = parseMaxTokens(body);
  if (maxTokens !== undefined) request.maxTokens = maxTokens;
  const stop = parseStop(body.stop);
  if (stop !== undefined) request.stop = stop;
  const seed = optionalInteger(body.seed, 'seed', Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);
  if (seed !== undefined) request.seed = seed;
  const presencePenalty = optionalNumber(body.presence_penalty, 'presence_penalty', -2, 2);
  if (presencePenalty !== undefined) request.presencePenalty = presencePenalty;
  const frequencyPenalty = optionalNumber(body.frequency_penalty, 'frequency_penalty', -2, 2);
  if (frequencyPenalty !== undefined) request.frequencyPenalty = frequencyPenalty;

  const tools = parseTools(body.tools);
  if (tools !== undefined) request.tools = tools;
  const toolChoice = parseToolChoice(body.tool_choice, tools);
  if (toolChoice !== undefined) request.toolChoice = toolChoice;
  const parallelToolCalls = optionalBoolean(body.parallel_tool_calls, 'parallel_tool_calls');
  if (parallelToolCalls !== undefined) request.parallelToolCalls = parallelToolCalls;
  const responseFormat = parseResponseFormat(body.response_format);
  if (responseFormat !== undefined) request.responseFormat = responseFormat;

  const logprobs = optionalBoolean(body.logprobs, 'logprobs');
  if (logprobs !== undefined) request.logprobs = logprobs;
  const topLogprobs = optionalInteger(body.top_logprobs, 'top_logprobs', 0, MAX_TOP_LOGPROBS);
  if (topLogprobs !== undefined) {
    if (logprobs !== true) throw badValue('top_logprobs', "'top_logprobs' requires 'logprobs' to be true.");
    request.topLogprobs = topLogprobs;
  }
  const user = body.user;
  if (user !== undefined && user !== null) {
    if (typeof user !== 'string') throw wrongType('user', 'a string', user);
    request.user = user;
  }

  checkSingleChoice(body.n);
  checkLogitBias(body.logit_bias);
  return {
    model,
    request,
    includeUsageInStream: stream && parseIncludeUsage(body.stream_options),
    metadata: parseMetadata(body.metadata),
  };
}

function rejectUnlessIgnored(key: string): void {
  if (IGNORED_PARAMS.has(key)) return;
  const unsupported = UNSUPPORTED_PARAMS.get(key);
  if (unsupported !== undefined) throw badValue(key, unsupported);
  throw new RungError('invalid_request', `Unrecognized request argument supplied: ${quote(key)}.`, { param: key });
}

function optionalBoolean(value: unknown, param: string): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (value === undefined || value === null) return undefined;
  throw wrongType(param, 'a boolean', value);
}

function optionalNumber(value: unknown, param: string, min: number, max: number): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number') throw wrongType(param, 'a number', value);
  // JSON.parse turns 1e400 into Infinity, and NaN fails both comparisons, so check finiteness too.
  if (!(value >= min && value <= max)) throw badValue(param, `expected a number from ${min} to ${max}, but got ${value}.`);
  return value;
}

function optionalInteger(value: unknown, param: string, min: number, max: number): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number') throw wrongType(param, 'an integer', value);
  if (!Number.isInteger(value)) throw badValue(param, `expected an integer, but got ${value}.`);
  if (value < min || value > max) throw badValue(param, `expected an integer from ${min} to ${max}, but got ${value}.`);
  return value;
}

/** Both are upper bounds on generated tokens; when a client sends both, the smaller one binds. */
function parseMaxTokens(body: WireObject): number | undefined {
  const maxTokens = optionalInteger(body.max_tokens, 'max_tokens', 1, Number.MAX_SAFE_INTEGER);
  const maxCompletionTokens = optionalInteger(body.max_completion_tokens, 'max_completion_tokens', 1, Number.MAX_SAFE_INTEGER);
  if (maxTokens === undefined) return maxCompletionTokens;
  if (maxCompletionTokens === undefined) return maxTokens;
  return Math.min(maxTokens, maxCompletionTokens);
}

/** Returns the client's own array when it is already in the internal form. */
function parseStop(raw: unknown): string[] | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (typeof raw === 'string') {
    if (raw.length === 0) throw badValue('stop', 'expected a non-empty string.');
    return [raw];
  }
  if (!Array.isArray(raw)) throw wrongType('stop', 'a string or an array of strings', raw);
  if (raw.length === 0) return undefined;
  if (raw.length > MAX_STOP_SEQUENCES) throw badValue('stop', `expected at most ${MAX_STOP_SEQUENCES} stop sequences, but got ${raw.length}.`);
  for (let index = 0; index < raw.length; index++) {
    const sequence: unknown = raw[index];
    if (typeof sequence !== 'string') throw wrongType(`stop[${index}]`, 'a string', sequence);
    if (sequence.length === 0) throw badValue(`stop[${index}]`, 'expected a non-empty string.');
  }
  return raw as string[];
}

function parseIncludeUsage(raw: unknown): boolean {
  if (raw === undefined || raw === null) return false;
  if (!isWireObject(raw)) throw wrongType('stream_options', 'an object', raw);
  return optionalBoolean(raw.include_usage, 'stream_options.include_usage') ?? false;
}

function checkSingleChoice(n: unknown): void {
  if (n === undefined || n === null || n === 1) return;
  if (typeof n !== 'number') throw wrongType('n', 'an integer', n);
  if (!Number.isInteger(n) || n < 1) throw badValue('n', `expected a positive integer, but got ${n}.`);
  throw badValue('n', `Rung returns exactly one choice per request, so 'n' must be 1 (got ${n}); send separate requests for more choices.`);
}

/** An empty map changes nothing and is accepted; real biases cannot be honoured across providers. */
function checkLogitBias(raw: unknown): void {
  if (raw === undefined || raw === null) return;
  if (!isWireObject(raw)) throw wrongType('logit_bias', 'an object', raw);
  if (Object.keys(raw).length > 0) throw badValue('logit_bias', "'logit_bias' is not supported by Rung; remove it or send an empty object.");
}

function parseMetadata(raw: unknown): Record<string, string> {
  if (raw === undefined || raw === null) return {};
  if (!isWireObject(raw)) throw wrongType('metadata', 'an object of string values', raw);
  let count = 0;
  for (const key in raw) {
    count++;
    if (count > MAX_METADATA_KEYS) throw badValue('metadata', `expected at most ${MAX_METADATA_KEYS} keys.`);
    if (key.length > MAX_METADATA_KEY_LENGTH) throw badValue('metadata', `key ${quote(key)} is longer than ${MAX_METADATA_KEY_LENGTH} characters.`);
    const value = raw[key];
    if (typeof value !== 'string') throw wrongType(`metadata.${key}`, 'a string', value);
    if (value.length > MAX_METADATA_VALUE_LENGTH) throw badValue(`metadata.${key}`, `expected at most ${MAX_METADATA_VALUE_LENGTH} characters.`);
  }
  return raw as Record<string, string>;
}
