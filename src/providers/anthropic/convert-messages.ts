// Internal messages → Anthropic `system` + `messages`. Anthropic differs from OpenAI in three ways
// that matter here: system text is a top-level field, tool results travel inside a *user* turn,
// and turns should alternate, so consecutive same-role messages are merged into one turn.
import type { ChatMessage, ContentPart } from '../../chat/types.ts';
import { parseDataUrl } from '../data-url.ts';
import { parseToolArguments } from '../tool-arguments.ts';
import type { AnthropicContentBlock, AnthropicMessage } from './wire-types.ts';

export interface AnthropicConversation {
  /** System messages joined by blank lines (wherever they appeared), or undefined if none. */
  system: string | undefined;
  messages: AnthropicMessage[];
}

function userBlocks(parts: ContentPart[], messageIndex: number): AnthropicContentBlock[] {
  const blocks: AnthropicContentBlock[] = [];
  parts.forEach((part, partIndex) => {
    if (part.type === 'text') {
      // Anthropic rejects empty text blocks.
      if (part.text.length > 0) blocks.push({ type: 'text', text: part.text });
      return;
    }
    const inline = parseDataUrl(part.url, `messages[${messageIndex}].content[${partIndex}].image_url`);
    blocks.push({
      type: 'image',
      source: inline === undefined ? { type: 'url', url: part.url } : { type: 'base64', media_type: inline.mediaType, data: inline.data },
    });
  });
  return blocks;
}

function blocksOf(message: Exclude<ChatMessage, { role: 'system' }>, index: number): AnthropicContentBlock[] {
  switch (message.role) {
    case 'user':
      return userBlocks(message.content, index);
    case 'assistant': {
      const blocks: AnthropicContentBlock[] = [];
      if (message.content !== null && message.content.length > 0) blocks.push({ type: 'text', text: message.content });
      for (const call of message.toolCalls ?? []) {
        blocks.push({ type: 'tool_use', id: call.id, name: call.name, input: parseToolArguments(call.arguments) });
      }
      return blocks;
    }
    case 'tool':
      return [{ type: 'tool_result', tool_use_id: message.toolCallId, content: message.content }];
  }
}

export function toAnthropicConversation(messages: ChatMessage[]): AnthropicConversation {
  const systemParts: string[] = [];
  const turns: AnthropicMessage[] = [];
  messages.forEach((message, index) => {
    if (message.role === 'system') {
      systemParts.push(message.content);
      return;
    }
    const blocks = blocksOf(message, index);
    if (blocks.length === 0) return;
    const role = message.role === 'assistant' ? 'assistant' : 'user';
    const last = turns.at(-1);
    if (last !== undefined && last.role === role) last.content.push(...blocks);
    else turns.push({ role, content: blocks });
  });
  return { system: systemParts.length === 0 ? undefined : systemParts.join('\n\n'), messages: turns };
}
