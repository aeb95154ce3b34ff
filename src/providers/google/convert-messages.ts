// Internal messages → Gemini `systemInstruction` + `contents`. Gemini's roles are user/model, tool
// results are `functionResponse` parts in a user turn, and a function response names its function
// rather than a call id (Gemini has no call ids), so the name is looked up from the assistant
// tool call that the tool message answers. Consecutive same-role turns are merged.
import type { ChatMessage, ContentPart } from '../../chat/types.ts';
import { RungError } from '../../errors/rung-error.ts';
import { guessImageMediaType, parseDataUrl } from '../data-url.ts';
import { parseToolArguments } from '../tool-arguments.ts';
import type { GeminiContent, GeminiPart } from './wire-types.ts';

export interface GeminiConversation {
  systemInstruction: { parts: Array<{ text: string }> } | undefined;
  contents: GeminiContent[];
}

function userParts(parts: ContentPart[], messageIndex: number): GeminiPart[] {
  const result: GeminiPart[] = [];
  parts.forEach((part, partIndex) => {
    if (part.type === 'text') {
      if (part.text.length > 0) result.push({ text: part.text });
      return;
    }
    const inline = parseDataUrl(part.url, `messages[${messageIndex}].content[${partIndex}].image_url`);
    result.push(
      inline === undefined
        ? { fileData: { mimeType: guessImageMediaType(part.url), fileUri: part.url } }
        : { inlineData: { mimeType: inline.mediaType, data: inline.data } },
    );
  });
  return result;
}

export function toGeminiConversation(messages: ChatMessage[]): GeminiConversation {
  const systemTexts: Array<{ text: string }> = [];
  const contents: GeminiContent[] = [];
  // Call id → function name, as of the latest assistant turn (ids like `call_0` repeat across turns).
  const functionNameByCallId = new Map<string, string>();

  const append = (role: GeminiContent['role'], parts: GeminiPart[]): void => {
    if (parts.length === 0) return;
    const last = contents.at(-1);
    if (last !== undefined && last.role === role) last.parts.push(...parts);
    else contents.push({ role, parts });
  };

  messages.forEach((message, index) => {
    switch (message.role) {
      case 'system':
        systemTexts.push({ text: message.content });
        return;
      case 'user':
        append('user', userParts(message.content, index));
        return;
      case 'assistant': {
        const parts: GeminiPart[] = [];
        if (message.content !== null && message.content.length > 0) parts.push({ text: message.content });
        for (const call of message.toolCalls ?? []) {
          functionNameByCallId.set(call.id, call.name);
          parts.push({ functionCall: { name: call.name, args: parseToolArguments(call.arguments) } });
        }
        append('model', parts);
        return;
      }
      case 'tool': {
        const name = functionNameByCallId.get(message.toolCallId);
        if (name === undefined) {
          throw new RungError('bad_request', `tool message answers call id "${message.toolCallId}", which no earlier assistant message made`, {
            param: `messages[${index}].tool_call_id`,
          });
        }
        append('user', [{ functionResponse: { name, response: { content: message.content } } }]);
        return;
      }
    }
  });
  return { systemInstruction: systemTexts.length === 0 ? undefined : { parts: systemTexts }, contents };
}
