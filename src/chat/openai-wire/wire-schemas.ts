// Minimal zod schemas for what OpenAI (and compatible servers) send back: only the fields Rung
// reads are checked, everything else is ignored so new upstream fields never break parsing.
import { z } from 'zod';
import type { TokenLogprob, Usage } from '../types.ts';

export const WireUsageSchema = z.object({
  prompt_tokens: z.number(),
  completion_tokens: z.number(),
  total_tokens: z.number().nullish(),
});

export const WireLogprobsSchema = z.object({
  content: z.array(z.object({ token: z.string(), logprob: z.number() })).nullish(),
});

export function toUsage(usage: z.infer<typeof WireUsageSchema>): Usage {
  return {
    promptTokens: usage.prompt_tokens,
    completionTokens: usage.completion_tokens,
    totalTokens: usage.total_tokens ?? usage.prompt_tokens + usage.completion_tokens,
  };
}

export function toLogprobs(logprobs: z.infer<typeof WireLogprobsSchema> | null | undefined): TokenLogprob[] | undefined {
  const content = logprobs?.content;
  if (content === null || content === undefined) return undefined;
  return content.map((entry) => ({ token: entry.token, logprob: entry.logprob }));
}

/** A short description of the first schema problem, for a malformed_response message. */
export function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (issue === undefined) return 'unexpected shape';
  const path = issue.path.length === 0 ? 'body' : issue.path.join('.');
  return `${path}: ${issue.message}`;
}
