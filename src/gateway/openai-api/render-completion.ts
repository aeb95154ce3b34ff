// Renders an internal ChatResult as the OpenAI `chat.completion` object a client receives from a
// non-streaming call. Field names and order follow OpenAI's own responses.
import type { ChatResult, FinishReason, TokenLogprob, ToolCall, Usage } from '../../chat/types.ts';

export interface CompletionMeta {
  /** The gateway's response id (`chatcmpl-...`). */
  id: string;
  /** The model name reported to the client. */
  model: string;
  /** Unix time in whole seconds. */
  created: number;
}

export interface WireToolCall {
  id: string;
  type: 'function';
  function: { name: string; arguments: string };
}

export interface WireTokenLogprob {
  token: string;
  logprob: number;
  bytes: null;
  top_logprobs: [];
}

export interface WireLogprobs {
  content: WireTokenLogprob[];
  refusal: null;
}

export interface WireUsage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
}

export interface WireChatCompletion {
  id: string;
  object: 'chat.completion';
  created: number;
  model: string;
  choices: [
    {
      index: 0;
      message: { role: 'assistant'; content: string | null; refusal: null; tool_calls?: WireToolCall[] };
      logprobs: WireLogprobs | null;
      finish_reason: FinishReason;
    },
  ];
  usage: WireUsage;
  system_fingerprint: null;
}

export function renderChatCompletion(result: ChatResult, meta: CompletionMeta): WireChatCompletion {
  const message: WireChatCompletion['choices'][0]['message'] = { role: 'assistant', content: result.content, refusal: null };
  // OpenAI leaves `tool_calls` out, rather than sending [], when the model called no tool.
  if (result.toolCalls.length > 0) message.tool_calls = result.toolCalls.map(renderToolCall);
  return {
    id: meta.id,
    object: 'chat.completion',
    created: meta.created,
    model: meta.model,
    choices: [
      {
        index: 0,
        message,
        logprobs: result.logprobs === undefined ? null : renderLogprobs(result.logprobs),
        finish_reason: result.finishReason,
      },
    ],
    usage: renderUsage(result.usage),
    system_fingerprint: null,
  };
}

function renderToolCall(call: ToolCall): WireToolCall {
  return { id: call.id, type: 'function', function: { name: call.name, arguments: call.arguments } };
}

/** Rung does not carry token bytes or alternatives, so those fields are null and empty. */
export function renderLogprobs(logprobs: TokenLogprob[]): WireLogprobs {
  return {
    content: logprobs.map((entry): WireTokenLogprob => ({ token: entry.token, logprob: entry.logprob, bytes: null, top_logprobs: [] })),
    refusal: null,
  };
}

export function renderUsage(usage: Usage): WireUsage {
  return { prompt_tokens: usage.promptTokens, completion_tokens: usage.completionTokens, total_tokens: usage.totalTokens };
}
