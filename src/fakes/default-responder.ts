// The answer a fake gives when no responder was set: deterministic, derived from the request, and
// shaped by it the way a real model would be (a tool call when tools are forced or the question
// asks for one, JSON when a response format asks for it, truncation at max_tokens, stop sequences).
import type { FinishReason, JsonObject } from '../chat/types.ts';
import { sampleFromSchema, sampleObjectFromSchema } from './schema-sample.ts';
import { CHARS_PER_TOKEN } from './tokens.ts';
import type { FakeReply, FakeRequest, FakeTool } from './types.ts';

/** How much of the question the default text answer echoes. */
const ECHO_CHARS = 60;

/** Words in the last user message that make the default responder call a tool when allowed to. */
const TOOL_TRIGGER = /\bweather\b|\btools?\b/i;

export function defaultRespond(request: FakeRequest): FakeReply {
  const question = lastUserText(request);
  const tool = chooseTool(request, question);
  if (tool !== undefined) return { toolCalls: [{ name: tool.name, arguments: sampleObjectFromSchema(tool.parameters) }] };
  const plain = `Answer from ${request.model}: ${question.slice(0, ECHO_CHARS)}`;
  let text: string;
  switch (request.responseFormat.type) {
    case 'json_schema':
      text = JSON.stringify(sampleFromSchema(request.responseFormat.schema));
      break;
    case 'json_object':
      text = JSON.stringify({ answer: plain } satisfies JsonObject);
      break;
    default:
      text = plain;
  }
  return limitText(text, request);
}

function lastUserText(request: FakeRequest): string {
  for (let position = request.messages.length - 1; position >= 0; position -= 1) {
    const message = request.messages[position];
    if (message?.role === 'user') return message.text;
  }
  return '';
}

/**
 * The tool to call, if any. A forced choice always calls; 'auto' calls only when the conversation
 * ends with a user turn that asks for it, so an agent loop ends after the tool result comes back.
 */
function chooseTool(request: FakeRequest, question: string): FakeTool | undefined {
  const { tools, toolChoice } = request;
  if (tools.length === 0 || toolChoice === 'none') return undefined;
  if (typeof toolChoice === 'object') return tools.find((tool) => tool.name === toolChoice.name) ?? tools[0];
  const lowered = question.toLowerCase();
  const named = tools.find((tool) => lowered.includes(tool.name.toLowerCase()));
  if (toolChoice === 'required') return named ?? tools[0];
  const last = request.messages.at(-1);
  if (last?.role !== 'user') return undefined;
  if (named !== undefined) return named;
  return TOOL_TRIGGER.test(question) ? tools[0] : undefined;
}

/** Applies stop sequences (the earliest match ends the text) and then max_tokens. */
function limitText(text: string, request: FakeRequest): FakeReply {
  let finishReason: FinishReason = 'stop';
  let stopSequence: string | undefined;
  let cut = text.length;
  for (const stop of request.stop) {
    const at = stop === '' ? -1 : text.indexOf(stop);
    if (at >= 0 && at < cut) {
      cut = at;
      stopSequence = stop;
    }
  }
  let limited = text.slice(0, cut);
  if (request.maxTokens !== undefined && limited.length > request.maxTokens * CHARS_PER_TOKEN) {
    limited = limited.slice(0, request.maxTokens * CHARS_PER_TOKEN);
    finishReason = 'length';
    stopSequence = undefined;
  }
  return stopSequence === undefined ? { text: limited, finishReason } : { text: limited, finishReason, stopSequence };
}
