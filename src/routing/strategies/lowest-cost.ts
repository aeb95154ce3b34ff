// `lowest_cost`: cheapest first for this request's estimated token counts, targets whose
// breakers are all open last ("cheapest healthy first"). Ties keep configured order. A nested
// target costs what its lead deployment (the one it would call first) costs.
import type { RouteInput, RoutingView, StrategyDecision } from '../types.ts';
import {
  CompositeStrategy, describeRanking, flatten, resolveTargets, sortByKey, withNestedReasons, type StrategyTarget,
} from './composition.ts';

export class LowestCostStrategy extends CompositeStrategy {
  constructor(targets: readonly StrategyTarget[]) {
    super('lowest_cost', targets);
  }

  decide(input: RouteInput, view: RoutingView): StrategyDecision {
    const resolved = resolveTargets(this.targets, input, view);
    const costs = resolved.map((target) =>
      view.catalog.estimateCost(target.lead, input.estimatedPromptTokens, input.estimatedOutputTokens));
    const cost = (index: number): number => costs[index] ?? 0;
    const ordered = sortByKey(resolved, (target) => cost(target.index));
    const ranking = describeRanking(ordered, (target) => formatUsd(cost(target.index)));
    return { targets: flatten(ordered), reason: withNestedReasons(`lowest_cost: ${ranking}`, resolved) };
  }
}

export function formatUsd(amount: number): string {
  return `$${amount.toFixed(5)}`;
}
