// Text measures shared by validators and the judge prompt.
import type { ChatMessage, ChatRequest } from '../chat/types.ts';

/** The text a message carries: user text parts joined, tool-call arguments left out, images ignored. */
export function messageText(message: ChatMessage): string {
  switch (message.role) {
    case 'system':
    case 'tool':
      return message.content;
    case 'assistant':
      return message.content ?? '';
    case 'user':
      return message.content.flatMap((part) => (part.type === 'text' ? [part.text] : [])).join('\n');
  }
}

/** Characters of conversation text the model read (system, user, assistant and tool messages). */
export function promptCharacters(request: ChatRequest): number {
  let total = 0;
  for (const message of request.messages) total += messageText(message).length;
  return total;
}
