// `single`: always the one configured target (a deployment, or a nested strategy's list).
import type { RouteInput, RoutingView, StrategyDecision } from '../types.ts';
import { CompositeStrategy, describeTarget, flatten, resolveTargets, withNestedReasons, type StrategyTarget } from './composition.ts';

export class SingleStrategy extends CompositeStrategy {
  constructor(target: StrategyTarget) {
    super('single', [target]);
  }

  decide(input: RouteInput, view: RoutingView): StrategyDecision {
    const resolved = resolveTargets(this.targets, input, view);
    const name = resolved.map((target) => describeTarget(target)).join(', ');
    return { targets: flatten(resolved), reason: withNestedReasons(`single: ${name}`, resolved) };
  }
}
