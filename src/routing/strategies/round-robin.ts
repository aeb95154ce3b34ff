// `round_robin`: each call starts one target further along the configured list and continues
// in that rotated order, so load spreads evenly and each call still has every fallback. The
// counter belongs to this strategy instance (one per policy), not to the process. Targets with
// open breakers keep their turn; the executor skips them.
import type { RouteInput, RoutingView, StrategyDecision } from '../types.ts';
import { CompositeStrategy, describeTarget, flatten, resolveTargets, withNestedReasons, type StrategyTarget } from './composition.ts';

export class RoundRobinStrategy extends CompositeStrategy {
  private nextStart = 0;

  constructor(targets: readonly StrategyTarget[]) {
    super('round_robin', targets);
  }

  decide(input: RouteInput, view: RoutingView): StrategyDecision {
    const start = this.nextStart;
    this.nextStart = (start + 1) % this.targets.length;
    const resolved = resolveTargets(this.targets, input, view);
    const rotated = [...resolved.slice(start), ...resolved.slice(0, start)];
    const order = rotated.map((target) => describeTarget(target)).join(' > ');
    const reason = `round_robin: turn starts at target ${start + 1} of ${resolved.length}: ${order}`;
    return { targets: flatten(rotated), reason: withNestedReasons(reason, resolved) };
  }
}
