// Internal ChatRequest → Anthropic Messages request body.
import type { ChatRequest, ResponseFormat, ToolChoice } from '../../chat/types.ts';
import { toAnthropicConversation } from './convert-messages.ts';
import type { AnthropicRequestBody, AnthropicToolChoice } from './wire-types.ts';

/** Anthropic requires max_tokens; this is used when the client gave none. */
export const DEFAULT_ANTHROPIC_MAX_TOKENS = 4096;

/**
 * Anthropic has no native JSON mode in its stable API (structured outputs are a beta limited to some
 * models), so JSON output is asked for in the system prompt. Clients wanting a guarantee should
 * validate; the router can route json_schema traffic to deployments that support it natively.
 */
export function jsonInstruction(format: ResponseFormat): string | undefined {
  if (format.type === 'json_object') {
    return 'Respond with one valid JSON object and nothing else: no prose and no code fences.';
  }
  if (format.type === 'json_schema') {
    return (
      `Respond with one valid JSON object and nothing else: no prose and no code fences. ` +
      `The object must conform to this JSON Schema (named "${format.name}"):\n${JSON.stringify(format.schema)}`
    );
  }
  return undefined;
}

function toToolChoice(choice: ToolChoice, parallelToolCalls: boolean | undefined): AnthropicToolChoice {
  if (choice === 'none') return { type: 'none' };
  const base: AnthropicToolChoice =
    choice === 'auto' ? { type: 'auto' } : choice === 'required' ? { type: 'any' } : { type: 'tool', name: choice.name };
  if (parallelToolCalls === false) base.disable_parallel_tool_use = true;
  return base;
}

export function toAnthropicRequestBody(request: ChatRequest): AnthropicRequestBody {
  const conversation = toAnthropicConversation(request.messages);
  const instruction = request.responseFormat === undefined ? undefined : jsonInstruction(request.responseFormat);
  const systemParts = [conversation.system, instruction].filter((part): part is string => part !== undefined);

  const body: AnthropicRequestBody = {
    model: request.model,
    max_tokens: request.maxTokens ?? DEFAULT_ANTHROPIC_MAX_TOKENS,
    messages: conversation.messages,
  };
  if (systemParts.length > 0) body.system = systemParts.join('\n\n');
  // OpenAI accepts temperature up to 2, Anthropic up to 1; clamping keeps an OpenAI-valid request
  // from failing as bad_request here (bad_request is never fallen back from).
  if (request.temperature !== undefined) body.temperature = Math.min(Math.max(request.temperature, 0), 1);
  if (request.topP !== undefined) body.top_p = request.topP;
  if (request.stop !== undefined && request.stop.length > 0) body.stop_sequences = request.stop;
  const tools = request.tools ?? [];
  if (tools.length > 0) {
    body.tools = tools.map((tool) => ({
      name: tool.name,
      ...(tool.description === undefined ? {} : { description: tool.description }),
      input_schema: tool.parameters ?? { type: 'object', properties: {} },
    }));
    // tool_choice without tools is an error upstream, so it is only sent alongside tools.
    if (request.toolChoice !== undefined || request.parallelToolCalls === false) {
      body.tool_choice = toToolChoice(request.toolChoice ?? 'auto', request.parallelToolCalls);
    }
  }
  if (request.user !== undefined) body.metadata = { user_id: request.user };
  if (request.stream) body.stream = true;
  // seed, presence/frequency penalties and logprobs have no Anthropic equivalent and are dropped.
  return body;
}
