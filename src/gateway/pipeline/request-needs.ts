// What a request needs from a deployment, in the routing seam's shape; the reading itself is the
// policy module's (`requiredCapabilities`), so rules and routing never disagree.
import type { ChatRequest } from '../../chat/types.ts';
import { requiredCapabilities } from '../../policy/signals.ts';
import type { RequestNeeds } from '../../routing/types.ts';

export function requestNeeds(request: Omit<ChatRequest, 'model'>): RequestNeeds {
  const needs = requiredCapabilities(request);
  return { tools: needs.tools, vision: needs.vision, jsonSchema: needs.json_schema };
}
