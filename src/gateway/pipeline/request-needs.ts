// What a request needs from a deployment, read once from the parsed request.
import type { ChatRequest } from '../../chat/types.ts';
import type { RequestNeeds } from '../../routing/types.ts';

export function requestNeeds(request: Omit<ChatRequest, 'model'>): RequestNeeds {
  let vision = false;
  for (const message of request.messages) {
    if (message.role === 'user' && message.content.some((part) => part.type === 'image')) {
      vision = true;
      break;
    }
  }
  return {
    tools: (request.tools?.length ?? 0) > 0,
    vision,
    jsonSchema: request.responseFormat?.type === 'json_schema',
  };
}
