// Gemini GenerateContentResponse (a whole response, or one streamed chunk, which has the same
// shape) → the pieces Rung needs. A prompt blocked by safety settings comes back as a 200 with
// `promptFeedback.blockReason` and no candidates; that is a content_filter failure.
import { z } from 'zod';
import type { Usage } from '../../chat/types.ts';
import { RungError } from '../../errors/rung-error.ts';

const PartSchema = z.object({
  text: z.string().nullish(),
  // Thought summaries (thinking models) are not part of the answer.
  thought: z.boolean().nullish(),
  functionCall: z.object({ name: z.string(), args: z.record(z.string(), z.unknown()).nullish() }).nullish(),
});

const ResponseSchema = z.object({
  candidates: z
    .array(
      z.object({
        content: z.object({ parts: z.array(PartSchema).nullish() }).nullish(),
        finishReason: z.string().nullish(),
      }),
    )
    .nullish(),
  promptFeedback: z.object({ blockReason: z.string().nullish() }).nullish(),
  usageMetadata: z
    .object({
      promptTokenCount: z.number().nullish(),
      candidatesTokenCount: z.number().nullish(),
      thoughtsTokenCount: z.number().nullish(),
    })
    .nullish(),
  responseId: z.string().nullish(),
});

export interface GeminiFunctionCall {
  name: string;
  /** The args object as JSON text (the internal shape keeps arguments as text). */
  arguments: string;
}

export interface GeminiResponseParts {
  /** Whether the response had a candidate at all (a usage-only stream chunk has none). */
  hasCandidate: boolean;
  text: string;
  functionCalls: GeminiFunctionCall[];
  finishReason: string | undefined;
  usage: Usage | undefined;
  responseId: string | undefined;
}

export function readGeminiResponse(payload: unknown, provider: string): GeminiResponseParts {
  const parsed = ResponseSchema.safeParse(payload);
  if (!parsed.success) {
    const path = parsed.error.issues[0]?.path.join('.') || 'body';
    throw new RungError('malformed_response', `${provider}: malformed Gemini response (${path})`, { provider });
  }
  const { candidates, promptFeedback, usageMetadata, responseId } = parsed.data;
  const blockReason = promptFeedback?.blockReason;
  if (typeof blockReason === 'string' && blockReason !== '' && blockReason !== 'BLOCK_REASON_UNSPECIFIED') {
    throw new RungError('content_filter', `${provider}: prompt blocked (${blockReason})`, { provider });
  }
  // Rung never asks for several candidates; the first is the answer.
  const candidate = candidates?.[0];
  let text = '';
  const functionCalls: GeminiFunctionCall[] = [];
  for (const part of candidate?.content?.parts ?? []) {
    if (part.functionCall) {
      functionCalls.push({ name: part.functionCall.name, arguments: JSON.stringify(part.functionCall.args ?? {}) });
    } else if (typeof part.text === 'string' && part.thought !== true) {
      text += part.text;
    }
  }
  let usage: Usage | undefined;
  if (usageMetadata) {
    const promptTokens = usageMetadata.promptTokenCount ?? 0;
    // Thinking tokens are billed as output, so they count as completion tokens.
    const completionTokens = (usageMetadata.candidatesTokenCount ?? 0) + (usageMetadata.thoughtsTokenCount ?? 0);
    usage = { promptTokens, completionTokens, totalTokens: promptTokens + completionTokens };
  }
  return {
    hasCandidate: candidate !== undefined,
    text,
    functionCalls,
    finishReason: candidate?.finishReason ?? undefined,
    usage,
    responseId: responseId ?? undefined,
  };
}

/** Gemini has no tool-call ids; these are synthesised by position in the response, so they are stable. */
export function syntheticCallId(position: number): string {
  return `call_${position}`;
}
