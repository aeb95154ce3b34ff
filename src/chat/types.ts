// The internal chat shape. Every provider adapter translates to and from these types, and the
// gateway translates them to the OpenAI wire format for clients. Names are spelled out and
// camelCased; wire formats (snake_case) live only in the adapters and in `openai-wire/`.

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

export interface TextPart {
  type: 'text';
  text: string;
}

/** An image given by URL. `url` may be an http(s) URL or a `data:<mediaType>;base64,...` URL. */
export interface ImagePart {
  type: 'image';
  url: string;
  detail?: 'auto' | 'low' | 'high';
}

export type ContentPart = TextPart | ImagePart;

export interface ToolCall {
  id: string;
  name: string;
  /** JSON text exactly as the model produced it (it may not parse). */
  arguments: string;
}

export interface SystemMessage {
  role: 'system';
  content: string;
}

export interface UserMessage {
  role: 'user';
  content: ContentPart[];
  name?: string;
}

export interface AssistantMessage {
  role: 'assistant';
  /** Null when the turn holds only tool calls. */
  content: string | null;
  toolCalls?: ToolCall[];
}

export interface ToolMessage {
  role: 'tool';
  toolCallId: string;
  content: string;
}

export type ChatMessage = SystemMessage | UserMessage | AssistantMessage | ToolMessage;

export interface ToolDefinition {
  name: string;
  description?: string;
  /** JSON Schema of the arguments object. */
  parameters?: JsonObject;
  strict?: boolean;
}

export type ToolChoice = 'auto' | 'none' | 'required' | { name: string };

export type ResponseFormat =
  | { type: 'text' }
  | { type: 'json_object' }
  | { type: 'json_schema'; name: string; schema: JsonObject; strict?: boolean; description?: string };

export interface ChatRequest {
  /** The upstream model name, filled in per attempt by the router. */
  model: string;
  messages: ChatMessage[];
  stream: boolean;
  temperature?: number;
  topP?: number;
  maxTokens?: number;
  stop?: string[];
  seed?: number;
  presencePenalty?: number;
  frequencyPenalty?: number;
  tools?: ToolDefinition[];
  toolChoice?: ToolChoice;
  parallelToolCalls?: boolean;
  responseFormat?: ResponseFormat;
  logprobs?: boolean;
  topLogprobs?: number;
  /** End-user id, passed through where the provider supports it. */
  user?: string;
}

export type FinishReason = 'stop' | 'length' | 'tool_calls' | 'content_filter';

export interface Usage {
  promptTokens: number;
  completionTokens: number;
  totalTokens: number;
}

export interface TokenLogprob {
  token: string;
  logprob: number;
}

export interface ChatResult {
  /** The provider's response id, when it gave one. */
  id?: string;
  content: string | null;
  toolCalls: ToolCall[];
  finishReason: FinishReason;
  usage: Usage;
  logprobs?: TokenLogprob[];
}

/**
 * Stream events, in order: any number of deltas, then exactly one `finish`.
 * An adapter signals failure by throwing a RungError from the iterator, never by an event.
 */
export type StreamEvent =
  | { type: 'text-delta'; text: string }
  | { type: 'tool-call-delta'; index: number; id?: string; name?: string; argumentsDelta: string }
  | { type: 'logprobs'; logprobs: TokenLogprob[] }
  | { type: 'finish'; finishReason: FinishReason; usage?: Usage };

export function emptyUsage(): Usage {
  return { promptTokens: 0, completionTokens: 0, totalTokens: 0 };
}
