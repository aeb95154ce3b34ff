// Internal ChatRequest → OpenAI Chat Completions request body. Pure. Optional fields are left out
// when unset (not sent as null) so strict OpenAI-compatible servers accept the body.
import type { ChatMessage, ChatRequest, ContentPart, ResponseFormat, ToolChoice } from '../types.ts';
import type {
  OpenAIWireImagePart,
  OpenAIWireMessage,
  OpenAIWireRequestBody,
  OpenAIWireResponseFormat,
  OpenAIWireTextPart,
  OpenAIWireTool,
  OpenAIWireToolChoice,
} from './wire-types.ts';

function toWireParts(parts: ContentPart[]): string | Array<OpenAIWireTextPart | OpenAIWireImagePart> {
  // A lone text part goes as a plain string: every OpenAI-compatible server accepts that form,
  // while some (text-only local models) reject content arrays.
  const [first] = parts;
  if (parts.length === 1 && first?.type === 'text') return first.text;
  return parts.map((part) =>
    part.type === 'text'
      ? { type: 'text', text: part.text }
      : { type: 'image_url', image_url: part.detail === undefined ? { url: part.url } : { url: part.url, detail: part.detail } },
  );
}

function toWireMessage(message: ChatMessage): OpenAIWireMessage {
  switch (message.role) {
    case 'system':
      return { role: 'system', content: message.content };
    case 'user':
      return message.name === undefined
        ? { role: 'user', content: toWireParts(message.content) }
        : { role: 'user', content: toWireParts(message.content), name: message.name };
    case 'assistant': {
      const toolCalls = message.toolCalls ?? [];
      if (toolCalls.length === 0) return { role: 'assistant', content: message.content };
      return {
        role: 'assistant',
        content: message.content,
        tool_calls: toolCalls.map((call) => ({
          id: call.id,
          type: 'function',
          function: { name: call.name, arguments: call.arguments },
        })),
      };
    }
    case 'tool':
      return { role: 'tool', tool_call_id: message.toolCallId, content: message.content };
  }
}

function toWireToolChoice(choice: ToolChoice): OpenAIWireToolChoice {
  return typeof choice === 'string' ? choice : { type: 'function', function: { name: choice.name } };
}

function toWireResponseFormat(format: ResponseFormat): OpenAIWireResponseFormat {
  if (format.type !== 'json_schema') return { type: format.type };
  const jsonSchema: Extract<OpenAIWireResponseFormat, { type: 'json_schema' }>['json_schema'] = {
    name: format.name,
    schema: format.schema,
  };
  if (format.strict !== undefined) jsonSchema.strict = format.strict;
  if (format.description !== undefined) jsonSchema.description = format.description;
  return { type: 'json_schema', json_schema: jsonSchema };
}

export function toOpenAIRequestBody(request: ChatRequest): OpenAIWireRequestBody {
  const body: OpenAIWireRequestBody = {
    model: request.model,
    messages: request.messages.map(toWireMessage),
  };
  if (request.stream) {
    body.stream = true;
    // Without this, OpenAI streams carry no token counts and cost accounting would be blind.
    body.stream_options = { include_usage: true };
  }
  if (request.temperature !== undefined) body.temperature = request.temperature;
  if (request.topP !== undefined) body.top_p = request.topP;
  if (request.maxTokens !== undefined) body.max_tokens = request.maxTokens;
  if (request.stop !== undefined && request.stop.length > 0) body.stop = request.stop;
  if (request.seed !== undefined) body.seed = request.seed;
  if (request.presencePenalty !== undefined) body.presence_penalty = request.presencePenalty;
  if (request.frequencyPenalty !== undefined) body.frequency_penalty = request.frequencyPenalty;
  if (request.tools !== undefined && request.tools.length > 0) {
    body.tools = request.tools.map((tool) => {
      const definition: OpenAIWireTool['function'] = { name: tool.name };
      if (tool.description !== undefined) definition.description = tool.description;
      if (tool.parameters !== undefined) definition.parameters = tool.parameters;
      if (tool.strict !== undefined) definition.strict = tool.strict;
      return { type: 'function', function: definition };
    });
  }
  if (request.toolChoice !== undefined) body.tool_choice = toWireToolChoice(request.toolChoice);
  if (request.parallelToolCalls !== undefined) body.parallel_tool_calls = request.parallelToolCalls;
  if (request.responseFormat !== undefined) body.response_format = toWireResponseFormat(request.responseFormat);
  if (request.logprobs !== undefined) body.logprobs = request.logprobs;
  if (request.topLogprobs !== undefined) body.top_logprobs = request.topLogprobs;
  if (request.user !== undefined) body.user = request.user;
  return body;
}
