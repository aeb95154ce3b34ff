// One OpenAI chat.completion.chunk → stream events. Pure and stateless; `OpenAIStreamDecoder`
// (stream-decoder.ts) adds the state a whole stream needs (one finish, late usage).
import { z } from 'zod';
import { RungError } from '../../errors/rung-error.ts';
import type { FinishReason, StreamEvent, Usage } from '../types.ts';
import { mapOpenAIFinishReason } from './finish-reason.ts';
import type { WireErrorSource } from './from-response.ts';
import { WireLogprobsSchema, WireUsageSchema, describeIssue, toLogprobs, toUsage } from './wire-schemas.ts';

const ChunkSchema = z.object({
  choices: z
    .array(
      z.object({
        index: z.number().nullish(),
        delta: z
          .object({
            content: z.string().nullish(),
            tool_calls: z
              .array(
                z.object({
                  index: z.number(),
                  id: z.string().nullish(),
                  function: z.object({ name: z.string().nullish(), arguments: z.string().nullish() }).nullish(),
                }),
              )
              .nullish(),
          })
          .nullish(),
        finish_reason: z.string().nullish(),
        logprobs: WireLogprobsSchema.nullish(),
      }),
    )
    .nullish(),
  usage: WireUsageSchema.nullish(),
});

export interface OpenAIChunkParts {
  /** Text, tool-call and logprob events, in wire order. Never a finish. */
  deltas: StreamEvent[];
  finishReason?: FinishReason;
  usage?: Usage;
}

/** Splits a chunk into its deltas, its finish reason and its usage (the final chunk may carry only usage). */
export function parseOpenAIChunk(chunk: unknown, source: WireErrorSource = {}): OpenAIChunkParts {
  const parsed = ChunkSchema.safeParse(chunk);
  if (!parsed.success) {
    const prefix = source.provider === undefined ? '' : `${source.provider}: `;
    throw new RungError('malformed_response', `${prefix}malformed stream chunk (${describeIssue(parsed.error)})`, {
      provider: source.provider,
    });
  }
  const parts: OpenAIChunkParts = { deltas: [] };
  // Rung never asks for n > 1; only choice 0 is read.
  const choice = parsed.data.choices?.find((entry) => (entry.index ?? 0) === 0);
  if (choice !== undefined) {
    const delta = choice.delta;
    if (typeof delta?.content === 'string' && delta.content.length > 0) {
      parts.deltas.push({ type: 'text-delta', text: delta.content });
    }
    for (const call of delta?.tool_calls ?? []) {
      const event: Extract<StreamEvent, { type: 'tool-call-delta' }> = {
        type: 'tool-call-delta',
        index: call.index,
        argumentsDelta: call.function?.arguments ?? '',
      };
      if (typeof call.id === 'string') event.id = call.id;
      if (typeof call.function?.name === 'string') event.name = call.function.name;
      parts.deltas.push(event);
    }
    const logprobs = toLogprobs(choice.logprobs);
    if (logprobs !== undefined && logprobs.length > 0) parts.deltas.push({ type: 'logprobs', logprobs });
    if (typeof choice.finish_reason === 'string') parts.finishReason = mapOpenAIFinishReason(choice.finish_reason);
  }
  if (parsed.data.usage) parts.usage = toUsage(parsed.data.usage);
  return parts;
}

/**
 * A chunk's events: its deltas, then a `finish` when the chunk carries a finish_reason (with the
 * usage when the same chunk has it). A usage-only chunk yields no event here because a stateless
 * function cannot attach it to the earlier finish; stream consumers use OpenAIStreamDecoder.
 */
export function fromOpenAIChunk(chunk: unknown, source: WireErrorSource = {}): StreamEvent[] {
  const parts = parseOpenAIChunk(chunk, source);
  if (parts.finishReason === undefined) return parts.deltas;
  const finish: StreamEvent =
    parts.usage === undefined
      ? { type: 'finish', finishReason: parts.finishReason }
      : { type: 'finish', finishReason: parts.finishReason, usage: parts.usage };
  return [...parts.deltas, finish];
}
