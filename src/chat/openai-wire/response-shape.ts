// What an OpenAI chat.completion body must look like for Rung to read it, as a zod schema (the
// definition, and the source of the error message when a body does not fit) and as a
// hand-written check of the same shape. zod's safeParse walked every field of every answer and
// cost more CPU than the JSON.parse of the body; the check accepts only bodies the schema accepts,
// so a body it passes reads exactly as the schema's output would, and anything it does not pass
// goes through the schema (which then accepts it or says what is wrong).
import { z } from 'zod';
import { WireLogprobsSchema, WireUsageSchema } from './wire-schemas.ts';

const FunctionSchema = z.object({ name: z.string(), arguments: z.string() });

export const ResponseSchema = z.object({
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

export type WireResponse = z.infer<typeof ResponseSchema>;

type Fields = Record<string, unknown>;

/** zod's object test: a non-null object that is not an array. */
function isFields(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isNullish(value: unknown): value is null | undefined {
  return value === null || value === undefined;
}

function nullishString(value: unknown): boolean {
  return isNullish(value) || typeof value === 'string';
}

/** zod's z.number() accepts finite numbers only. */
function isNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function isFunction(value: unknown): boolean {
  return isFields(value) && typeof value.name === 'string' && typeof value.arguments === 'string';
}

function isToolCalls(value: unknown): boolean {
  if (isNullish(value)) return true;
  if (!Array.isArray(value)) return false;
  for (const call of value) {
    if (!isFields(call) || typeof call.id !== 'string' || !isFunction(call.function)) return false;
  }
  return true;
}

function isLogprobs(value: unknown): boolean {
  if (isNullish(value)) return true;
  if (!isFields(value)) return false;
  const content = value.content;
  if (isNullish(content)) return true;
  if (!Array.isArray(content)) return false;
  for (const entry of content) {
    if (!isFields(entry) || typeof entry.token !== 'string' || !isNumber(entry.logprob)) return false;
  }
  return true;
}

function isChoice(value: unknown): boolean {
  if (!isFields(value)) return false;
  const message = value.message;
  return (
    isFields(message) &&
    nullishString(message.content) &&
    nullishString(message.refusal) &&
    isToolCalls(message.tool_calls) &&
    (isNullish(message.function_call) || isFunction(message.function_call)) &&
    nullishString(value.finish_reason) &&
    isLogprobs(value.logprobs)
  );
}

function isUsage(value: unknown): boolean {
  if (isNullish(value)) return true;
  return (
    isFields(value) &&
    isNumber(value.prompt_tokens) &&
    isNumber(value.completion_tokens) &&
    (isNullish(value.total_tokens) || isNumber(value.total_tokens))
  );
}

/**
 * True when `body` fits ResponseSchema. It never passes a body the schema would refuse; a false
 * answer only means "let the schema decide".
 */
export function fitsResponseShape(body: unknown): body is WireResponse {
  if (!isFields(body) || !nullishString(body.id) || !isUsage(body.usage)) return false;
  const choices = body.choices;
  if (!Array.isArray(choices) || choices.length === 0) return false;
  for (const choice of choices) {
    if (!isChoice(choice)) return false;
  }
  return true;
}
