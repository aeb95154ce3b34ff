// `priority`: targets in configured order; each later one is the fallback of those before it.
import type { RouteInput, RoutingView, StrategyDecision } from '../types.ts';
import { CompositeStrategy, describeTarget, flatten, resolveTargets, withNestedReasons, type StrategyTarget } from './composition.ts';

export class PriorityStrategy extends CompositeStrategy {
  constructor(targets: readonly StrategyTarget[]) {
    super('priority', targets);
  }

  decide(input: RouteInput, view: RoutingView): StrategyDecision {
    const resolved = resolveTargets(this.targets, input, view);
    const order = resolved.map((target) => describeTarget(target)).join(' > ');
    return { targets: flatten(resolved), reason: withNestedReasons(`priority: ${order}`, resolved) };
  }
}
