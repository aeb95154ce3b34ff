// Anthropic usage → internal usage. `input_tokens` excludes prompt-cache reads and writes, which are
// still prompt tokens the deployment processed, so they are added in (cost accounting applies one
// input price; it over-counts cache reads a little rather than hiding them).
import { z } from 'zod';
import type { Usage } from '../../chat/types.ts';

export const AnthropicUsageSchema = z.object({
  input_tokens: z.number().nullish(),
  output_tokens: z.number().nullish(),
  cache_creation_input_tokens: z.number().nullish(),
  cache_read_input_tokens: z.number().nullish(),
});

export type AnthropicUsage = z.infer<typeof AnthropicUsageSchema>;

export function anthropicPromptTokens(usage: AnthropicUsage): number {
  return (usage.input_tokens ?? 0) + (usage.cache_creation_input_tokens ?? 0) + (usage.cache_read_input_tokens ?? 0);
}

export function toUsage(promptTokens: number, completionTokens: number): Usage {
  return { promptTokens, completionTokens, totalTokens: promptTokens + completionTokens };
}
