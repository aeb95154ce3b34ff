// Cost of a served call and of the same call on the reference deployment, in USD.
import type { Usage } from '../chat/types.ts';
import type { Catalog } from '../routing/catalog.ts';

export function usageCost(catalog: Catalog, deploymentId: string, usage: Usage): number {
  return catalog.estimateCost(deploymentId, usage.promptTokens, usage.completionTokens);
}
