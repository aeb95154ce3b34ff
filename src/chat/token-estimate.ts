// Cheap token estimates for routing and cost decisions, made before any tokenizer runs.
//
// The rule (good to roughly ±25% for English prose and code; it only has to rank and budget):
//   prompt tokens = ceil(characters / 4)
//                 + 4 per message (role and delimiters) + 3 to prime the reply
//                 + 85 per image (the fixed low-detail image cost; a floor for high detail)
//                 + 8 per tool definition (wrapper and framing)
// where "characters" counts every text the model reads: system, user and assistant text, tool
// results, message names, tool-call names and arguments, tool names, descriptions and the JSON
// length of their parameter schemas, and the JSON length of a json_schema response format.
// Image URLs are never counted as text (a base64 data URL would swamp the estimate).
// JSON length is measured by walking the value, without building the string.
//
// output tokens = max_tokens when given, else a fallback (256 by default).
import type { ChatMessage, ChatRequest, JsonValue } from './types.ts';

export const CHARS_PER_TOKEN = 4;
export const MESSAGE_OVERHEAD_TOKENS = 4;
export const REPLY_PRIMING_TOKENS = 3;
export const IMAGE_TOKENS = 85;
export const TOOL_OVERHEAD_TOKENS = 8;
export const DEFAULT_OUTPUT_TOKENS = 256;

export function estimatePromptTokens(request: ChatRequest): number {
  let characters = 0;
  let fixedTokens = REPLY_PRIMING_TOKENS;
  for (const message of request.messages) {
    fixedTokens += MESSAGE_OVERHEAD_TOKENS;
    const counted = countMessage(message);
    characters += counted.characters;
    fixedTokens += counted.images * IMAGE_TOKENS;
  }
  for (const tool of request.tools ?? []) {
    fixedTokens += TOOL_OVERHEAD_TOKENS;
    characters += tool.name.length + (tool.description?.length ?? 0);
    if (tool.parameters !== undefined) characters += jsonLength(tool.parameters);
  }
  const format = request.responseFormat;
  if (format?.type === 'json_schema') {
    characters += format.name.length + (format.description?.length ?? 0) + jsonLength(format.schema);
  }
  return Math.ceil(characters / CHARS_PER_TOKEN) + fixedTokens;
}

/** `max_tokens` when the request sets it, else `fallback`. */
export function estimateOutputTokens(request: ChatRequest, fallback = DEFAULT_OUTPUT_TOKENS): number {
  return request.maxTokens ?? fallback;
}

function countMessage(message: ChatMessage): { characters: number; images: number } {
  switch (message.role) {
    case 'system':
      return { characters: message.content.length, images: 0 };
    case 'tool':
      return { characters: message.content.length + message.toolCallId.length, images: 0 };
    case 'assistant': {
      let characters = message.content?.length ?? 0;
      for (const call of message.toolCalls ?? []) characters += call.name.length + call.arguments.length;
      return { characters, images: 0 };
    }
    case 'user': {
      let characters = message.name?.length ?? 0;
      let images = 0;
      for (const part of message.content) {
        if (part.type === 'text') characters += part.text.length;
        else images += 1;
      }
      return { characters, images };
    }
  }
}

/**
 * The length `JSON.stringify(value)` would have, ignoring escape sequences, without building it.
 * Undefined members are skipped as JSON.stringify skips them.
 */
export function jsonLength(value: JsonValue | undefined): number {
  if (value === undefined) return 0;
  if (value === null) return 4;
  switch (typeof value) {
    case 'string':
      return value.length + 2;
    case 'boolean':
      return value ? 4 : 5;
    case 'number':
      return Number.isFinite(value) ? String(value).length : 4;
  }
  if (Array.isArray(value)) {
    let length = 2 + Math.max(0, value.length - 1);
    for (const item of value) length += item === undefined ? 4 : jsonLength(item);
    return length;
  }
  let length = 2;
  let members = 0;
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    const member = value[key];
    if (member === undefined) continue;
    length += key.length + 3 + jsonLength(member);
    members += 1;
  }
  return length + Math.max(0, members - 1);
}
