// The amount a request reserves: what its most expensive candidate could cost at most, so a
// fallback to a pricier deployment cannot overrun the hold.
//   cost(d) = prompt tokens x input price(d) + output cap(d) x output price(d)
// The output cap is the request's max_tokens, bounded by the deployment's max_output_tokens;
// without max_tokens it is the deployment's max_output_tokens, or `fallbackOutputTokens` when the
// catalogue does not say. The prompt estimate is the cheap one from chat/token-estimate.ts
// (about +-25%), so the actual cost can still land above the hold; settle records the real figure.
import { DEFAULT_OUTPUT_TOKENS } from '../chat/token-estimate.ts';
import type { Catalog } from '../routing/catalog.ts';

export interface MaxCostInput {
  promptTokens: number;
  /** The request's max_tokens (or max_completion_tokens), if it gave one. */
  maxOutputTokens?: number | undefined;
  /** Output cap for deployments without max_output_tokens when the request gives none. */
  fallbackOutputTokens?: number;
}

export function maxCallCostUsd(catalog: Catalog, candidateIds: readonly string[], input: MaxCostInput): number {
  let highest = 0;
  for (const id of candidateIds) {
    const deploymentCap = catalog.get(id).max_output_tokens;
    const requested = input.maxOutputTokens ?? deploymentCap ?? input.fallbackOutputTokens ?? DEFAULT_OUTPUT_TOKENS;
    const outputTokens = deploymentCap === undefined ? requested : Math.min(requested, deploymentCap);
    highest = Math.max(highest, catalog.estimateCost(id, input.promptTokens, outputTokens));
  }
  return highest;
}
