// OpenAI chat.completion body → ChatResult. Pure; throws RungError(malformed_response) when the
// body lacks what a result needs (a first choice with a message).
import { z } from 'zod';
import { RungError } from '../../errors/rung-error.ts';
import { emptyUsage, type ChatResult, type ToolCall } from '../types.ts';
import { mapOpenAIFinishReason } from './finish-reason.ts';
import { WireLogprobsSchema, WireUsageSchema, describeIssue, toLogprobs, toUsage } from './wire-schemas.ts';

const FunctionSchema = z.object({ name: z.string(), arguments: z.string() });

const ResponseSchema = z.object({
  id: z.string().nullish(),
  choices: z
    .array(
      z.object({
        message: z.object({
          content: z.string().nullish(),
          refusal: z.string().nullish(),
          tool_calls: z.array(z.object({ id: z.string(), function: FunctionSchema })).nullish(),
          /** The legacy single-function form, still sent by some compatible servers. */
          function_call: FunctionSchema.nullish(),
        }),
        finish_reason: z.string().nullish(),
        logprobs: WireLogprobsSchema.nullish(),
      }),
    )
    .min(1),
  // Some compatible servers omit usage; the result then reports zero tokens rather than failing.
  usage: WireUsageSchema.nullish(),
});

export interface WireErrorSource {
  /** Provider id put on the RungError. */
  provider?: string;
}

export function fromOpenAIResponse(body: unknown, source: WireErrorSource = {}): ChatResult {
  const parsed = ResponseSchema.safeParse(body);
  if (!parsed.success) {
    const prefix = source.provider === undefined ? '' : `${source.provider}: `;
    throw new RungError('malformed_response', `${prefix}malformed chat completion (${describeIssue(parsed.error)})`, {
      provider: source.provider,
    });
  }
  const { id, choices, usage } = parsed.data;
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
