// The savings estimate. "Top" is the policy's most expensive deployment, found by pricing the final
// answer's usage on every deployment listed in any step (all steps, also those beyond max_steps):
// the one that would have charged most is what a client sending every request to the best model
// would have paid. The estimate assumes that model would have read the same prompt tokens and
// written as many output tokens as the final answer did; real tokenisers and verbosity differ
// between models by tens of percent, so treat it as an indication, summed over many requests.
import type { Usage } from '../chat/types.ts';
import type { CostFunction } from '../validators/types.ts';
import { RungError } from '../errors/rung-error.ts';

export interface TopCost {
  deploymentId: string;
  costUsd: number;
}

export function topCost(steps: readonly (readonly string[])[], usage: Usage, cost: CostFunction): TopCost {
  let best: TopCost | undefined;
  for (const step of steps) {
    for (const deploymentId of step) {
      const costUsd = cost(deploymentId, usage);
      if (best === undefined || costUsd > best.costUsd) best = { deploymentId, costUsd };
    }
  }
  if (best === undefined) throw new RungError('internal_error', 'a cascade policy has no deployments');
  return best;
}
