// OpenAI chat.completion body → ChatResult. Pure; throws RungError(malformed_response) when the
// body lacks what a result needs (a first choice with a message).
import { RungError } from '../../errors/rung-error.ts';
import { emptyUsage, type ChatResult, type ToolCall } from '../types.ts';
import { mapOpenAIFinishReason } from './finish-reason.ts';
import { ResponseSchema, fitsResponseShape, type WireResponse } from './response-shape.ts';
import { describeIssue, toLogprobs, toUsage } from './wire-schemas.ts';

export interface WireErrorSource {
  /** Provider id put on the RungError. */
  provider?: string;
}

export function fromOpenAIResponse(body: unknown, source: WireErrorSource = {}): ChatResult {
  const { id, choices, usage } = fitsResponseShape(body) ? body : checkedBySchema(body, source);
  // Rung never asks for n > 1, so the first choice is the answer.
  const [choice] = choices;
  if (choice === undefined) throw new RungError('malformed_response', 'chat completion without choices', { provider: source.provider });
  const { message } = choice;
  const toolCalls: ToolCall[] = (message.tool_calls ?? []).map((call) => ({
    id: call.id,
    name: call.function.name,
    arguments: call.function.arguments,
  }));
  if (toolCalls.length === 0 && message.function_call) {
    toolCalls.push({ id: 'call_0', name: message.function_call.name, arguments: message.function_call.arguments });
  }
  const result: ChatResult = {
    // A structured-output refusal arrives in `refusal` with null content; keep its text visible.
    content: message.content ?? message.refusal ?? null,
    toolCalls,
    finishReason: mapOpenAIFinishReason(choice.finish_reason),
    usage: usage ? toUsage(usage) : emptyUsage(),
  };
  if (id !== null && id !== undefined) result.id = id;
  const logprobs = toLogprobs(choice.logprobs);
  if (logprobs !== undefined) result.logprobs = logprobs;
  return result;
}

/** The schema's verdict on a body the quick check did not pass: its output, or the error it names. */
function checkedBySchema(body: unknown, source: WireErrorSource): WireResponse {
  const parsed = ResponseSchema.safeParse(body);
  if (parsed.success) return parsed.data;
  const prefix = source.provider === undefined ? '' : `${source.provider}: `;
  throw new RungError('malformed_response', `${prefix}malformed chat completion (${describeIssue(parsed.error)})`, {
    provider: source.provider,
  });
}
