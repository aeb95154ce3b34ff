// The OpenAI Chat Completions request body, as sent over the wire (snake_case). Only the fields
// Rung produces are typed; the response and chunk shapes are described by zod schemas instead,
// because those arrive from outside and must be checked.
import type { JsonObject } from '../types.ts';

export interface OpenAIWireTextPart {
  type: 'text';
  text: string;
}

export interface OpenAIWireImagePart {
  type: 'image_url';
  image_url: { url: string; detail?: 'auto' | 'low' | 'high' };
}

export interface OpenAIWireToolCall {
  id: string;
  type: 'function';
  function: { name: string; arguments: string };
}

export type OpenAIWireMessage =
  | { role: 'system'; content: string }
  | { role: 'user'; content: string | Array<OpenAIWireTextPart | OpenAIWireImagePart>; name?: string }
  | { role: 'assistant'; content: string | null; tool_calls?: OpenAIWireToolCall[] }
  | { role: 'tool'; tool_call_id: string; content: string };

export interface OpenAIWireTool {
  type: 'function';
  function: { name: string; description?: string; parameters?: JsonObject; strict?: boolean };
}

export type OpenAIWireToolChoice = 'auto' | 'none' | 'required' | { type: 'function'; function: { name: string } };

export type OpenAIWireResponseFormat =
  | { type: 'text' }
  | { type: 'json_object' }
  | { type: 'json_schema'; json_schema: { name: string; schema: JsonObject; strict?: boolean; description?: string } };

export interface OpenAIWireRequestBody {
  model: string;
  messages: OpenAIWireMessage[];
  stream?: boolean;
  stream_options?: { include_usage: boolean };
  temperature?: number;
  top_p?: number;
  max_tokens?: number;
  stop?: string[];
  seed?: number;
  presence_penalty?: number;
  frequency_penalty?: number;
  tools?: OpenAIWireTool[];
  tool_choice?: OpenAIWireToolChoice;
  parallel_tool_calls?: boolean;
  response_format?: OpenAIWireResponseFormat;
  logprobs?: boolean;
  top_logprobs?: number;
  user?: string;
}
