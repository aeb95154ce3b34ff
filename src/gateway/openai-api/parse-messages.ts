// Validates the `messages` array of an OpenAI Chat Completions body and turns it into the
// internal ChatMessage list. Roles: system and developer (both become `system`), user, assistant,
// tool. Unknown keys inside a message are ignored (clients and other gateways add vendor fields
// such as `cache_control`); the top level is strict instead, see parse-chat-request.ts.
import type { AssistantMessage, ChatMessage, ContentPart, ToolCall, ToolMessage, UserMessage } from '../../chat/types.ts';
import type { RungError } from '../../errors/rung-error.ts';
import { badValue, isWireObject, missingParam, quote, wrongType, type WireObject } from './wire-checks.ts';

/** Text parts of one system, developer, tool or assistant message are joined with this, so separate blocks never fuse into one word. */
const TEXT_PART_SEPARATOR = '\n';

export function parseMessages(raw: unknown): ChatMessage[] {
  if (raw === undefined || raw === null) throw missingParam('messages');
  if (!Array.isArray(raw)) throw wrongType('messages', 'an array of messages', raw);
  if (raw.length === 0) throw badValue('messages', 'expected at least one message, but got an empty array.');
  const messages: ChatMessage[] = [];
  // Ids of every tool call made by an earlier assistant message; created on first use.
  let knownToolCallIds: Set<string> | undefined;
  for (let index = 0; index < raw.length; index++) {
    const message: unknown = raw[index];
    if (!isWireObject(message)) throw wrongType(`messages[${index}]`, 'an object', message);
    const role = message.role;
    switch (role) {
      case 'system':
      case 'developer':
        messages.push({ role: 'system', content: parseTextOnlyContent(message.content, index, role) });
        break;
      case 'user':
        messages.push(parseUserMessage(message, index));
        break;
      case 'assistant': {
        const assistant = parseAssistantMessage(message, index);
        if (assistant.toolCalls !== undefined) {
          knownToolCallIds ??= new Set();
          for (const call of assistant.toolCalls) knownToolCallIds.add(call.id);
        }
        messages.push(assistant);
        break;
      }
      case 'tool':
        messages.push(parseToolMessage(message, index, knownToolCallIds));
        break;
      case 'function':
        throw badValue(`messages[${index}].role`, "the legacy 'function' role is not supported; send tool results with role 'tool' and a 'tool_call_id'.");
      case undefined:
      case null:
        throw missingParam(`messages[${index}].role`);
      default:
        if (typeof role !== 'string') throw wrongType(`messages[${index}].role`, 'a string', role);
        throw badValue(`messages[${index}].role`, `${quote(role)} is not one of 'system', 'developer', 'user', 'assistant', 'tool'.`);
    }
  }
  return messages;
}

/** System, developer and tool content: a string, or an array of text parts joined into one string. */
function parseTextOnlyContent(content: unknown, index: number, role: string): string {
  if (typeof content === 'string') return content;
  if (content === undefined || content === null) throw missingParam(`messages[${index}].content`);
  if (!Array.isArray(content)) throw wrongType(`messages[${index}].content`, 'a string or an array of text parts', content);
  if (content.length === 0) throw badValue(`messages[${index}].content`, 'expected a non-empty array of text parts.');
  if (content.length === 1) return textOfPart(content[0], index, 0, role);
  const texts: string[] = [];
  for (let partIndex = 0; partIndex < content.length; partIndex++) texts.push(textOfPart(content[partIndex], index, partIndex, role));
  return texts.join(TEXT_PART_SEPARATOR);
}

function textOfPart(part: unknown, index: number, partIndex: number, role: string): string {
  if (!isWireObject(part)) throw wrongType(`messages[${index}].content[${partIndex}]`, 'an object', part);
  if (part.type !== 'text') throw partTypeError(part.type, index, partIndex, `'text' (the only part type a ${role} message accepts)`);
  return partText(part, index, partIndex);
}

function partText(part: WireObject, index: number, partIndex: number): string {
  const text = part.text;
  if (typeof text === 'string') return text;
  if (text === undefined || text === null) throw missingParam(`messages[${index}].content[${partIndex}].text`);
  throw wrongType(`messages[${index}].content[${partIndex}].text`, 'a string', text);
}

function partTypeError(type: unknown, index: number, partIndex: number, expected: string): RungError {
  const param = `messages[${index}].content[${partIndex}].type`;
  if (type === undefined || type === null) return missingParam(param);
  if (typeof type !== 'string') return wrongType(param, 'a string', type);
  return badValue(param, `${quote(type)} is not supported here; expected ${expected}.`);
}

function parseUserMessage(message: WireObject, index: number): UserMessage {
  const content = message.content;
  let parts: ContentPart[];
  if (typeof content === 'string') {
    parts = [{ type: 'text', text: content }];
  } else if (content === undefined || content === null) {
    throw missingParam(`messages[${index}].content`);
  } else if (!Array.isArray(content)) {
    throw wrongType(`messages[${index}].content`, 'a string or an array of content parts', content);
  } else if (content.length === 0) {
    throw badValue(`messages[${index}].content`, 'expected a non-empty array of content parts.');
  } else {
    parts = [];
    for (let partIndex = 0; partIndex < content.length; partIndex++) parts.push(parseUserPart(content[partIndex], index, partIndex));
  }
  const name = message.name;
  if (name === undefined || name === null) return { role: 'user', content: parts };
  if (typeof name !== 'string') throw wrongType(`messages[${index}].name`, 'a string', name);
  return { role: 'user', content: parts, name };
}

function parseUserPart(part: unknown, index: number, partIndex: number): ContentPart {
  if (!isWireObject(part)) throw wrongType(`messages[${index}].content[${partIndex}]`, 'an object', part);
  switch (part.type) {
    case 'text':
      return { type: 'text', text: partText(part, index, partIndex) };
    case 'image_url':
      return parseImagePart(part, index, partIndex);
    case 'input_audio':
    case 'file':
      throw badValue(`messages[${index}].content[${partIndex}].type`, `'${part.type}' parts are not supported by Rung; send text and image_url parts.`);
    default:
      throw partTypeError(part.type, index, partIndex, "'text' or 'image_url'");
  }
}

function parseImagePart(part: WireObject, index: number, partIndex: number): ContentPart {
  const image = part.image_url;
  const param = `messages[${index}].content[${partIndex}].image_url`;
  if (image === undefined || image === null) throw missingParam(param);
  if (!isWireObject(image)) throw wrongType(param, 'an object', image);
  const url = image.url;
  if (url === undefined || url === null) throw missingParam(`${param}.url`);
  if (typeof url !== 'string') throw wrongType(`${param}.url`, 'a string', url);
  if (!url.startsWith('https://') && !url.startsWith('http://') && !url.startsWith('data:')) {
    throw badValue(`${param}.url`, 'expected an http(s) URL or a data: URL.');
  }
  const detail = image.detail;
  if (detail === undefined || detail === null) return { type: 'image', url };
  if (detail !== 'auto' && detail !== 'low' && detail !== 'high') {
    throw badValue(`${param}.detail`, "expected one of 'auto', 'low', 'high'.");
  }
  return { type: 'image', url, detail };
}

function parseAssistantMessage(message: WireObject, index: number): AssistantMessage {
  if (message.function_call !== undefined && message.function_call !== null) {
    throw badValue(`messages[${index}].function_call`, "the legacy 'function_call' is not supported; use 'tool_calls'.");
  }
  const toolCalls = parseToolCalls(message.tool_calls, index);
  const rawContent = message.content;
  let content: string | null;
  if (typeof rawContent === 'string') {
    content = rawContent;
  } else if (rawContent === undefined || rawContent === null) {
    if (toolCalls === undefined) throw badValue(`messages[${index}].content`, "an assistant message needs 'content' unless it has 'tool_calls'.");
    content = null;
  } else if (Array.isArray(rawContent)) {
    content = assistantPartsText(rawContent, index);
  } else {
    throw wrongType(`messages[${index}].content`, 'a string, null or an array of text parts', rawContent);
  }
  return toolCalls === undefined ? { role: 'assistant', content } : { role: 'assistant', content, toolCalls };
}

/** Assistant parts may be text or refusal; a refusal carries no answer text, so it is left out. */
function assistantPartsText(content: unknown[], index: number): string {
  const texts: string[] = [];
  for (let partIndex = 0; partIndex < content.length; partIndex++) {
    const part: unknown = content[partIndex];
    if (!isWireObject(part)) throw wrongType(`messages[${index}].content[${partIndex}]`, 'an object', part);
    if (part.type === 'text') {
      texts.push(partText(part, index, partIndex));
    } else if (part.type === 'refusal') {
      if (typeof part.refusal !== 'string') throw wrongType(`messages[${index}].content[${partIndex}].refusal`, 'a string', part.refusal);
    } else {
      throw partTypeError(part.type, index, partIndex, "'text' or 'refusal'");
    }
  }
  return texts.length === 1 ? (texts[0] as string) : texts.join(TEXT_PART_SEPARATOR);
}

/** Undefined when there are none: an empty `tool_calls` array means the same as leaving it out. */
function parseToolCalls(raw: unknown, index: number): ToolCall[] | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (!Array.isArray(raw)) throw wrongType(`messages[${index}].tool_calls`, 'an array', raw);
  if (raw.length === 0) return undefined;
  const calls: ToolCall[] = [];
  for (let callIndex = 0; callIndex < raw.length; callIndex++) {
    const call: unknown = raw[callIndex];
    const param = `messages[${index}].tool_calls[${callIndex}]`;
    if (!isWireObject(call)) throw wrongType(param, 'an object', call);
    const id = call.id;
    if (id === undefined || id === null) throw missingParam(`${param}.id`);
    if (typeof id !== 'string') throw wrongType(`${param}.id`, 'a string', id);
    if (id.length === 0) throw badValue(`${param}.id`, 'expected a non-empty string.');
    if (call.type !== 'function') {
      if (call.type === undefined || call.type === null) throw missingParam(`${param}.type`);
      throw badValue(`${param}.type`, "only 'function' tool calls are supported.");
    }
    const fn = call.function;
    if (fn === undefined || fn === null) throw missingParam(`${param}.function`);
    if (!isWireObject(fn)) throw wrongType(`${param}.function`, 'an object', fn);
    const name = fn.name;
    if (name === undefined || name === null) throw missingParam(`${param}.function.name`);
    if (typeof name !== 'string') throw wrongType(`${param}.function.name`, 'a string', name);
    if (name.length === 0) throw badValue(`${param}.function.name`, 'expected a non-empty string.');
    const args = fn.arguments;
    if (args === undefined || args === null) throw missingParam(`${param}.function.arguments`);
    if (typeof args !== 'string') throw wrongType(`${param}.function.arguments`, 'a string (JSON text)', args);
    calls.push({ id, name, arguments: args });
  }
  return calls;
}

function parseToolMessage(message: WireObject, index: number, knownToolCallIds: Set<string> | undefined): ToolMessage {
  const toolCallId = message.tool_call_id;
  if (toolCallId === undefined || toolCallId === null) throw missingParam(`messages[${index}].tool_call_id`);
  if (typeof toolCallId !== 'string') throw wrongType(`messages[${index}].tool_call_id`, 'a string', toolCallId);
  if (knownToolCallIds === undefined || !knownToolCallIds.has(toolCallId)) {
    throw badValue(`messages[${index}].tool_call_id`, `${quote(toolCallId)} matches no tool call of an earlier assistant message.`);
  }
  return { role: 'tool', toolCallId, content: parseTextOnlyContent(message.content, index, 'tool') };
}
