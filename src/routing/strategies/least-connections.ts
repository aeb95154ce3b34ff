// `least_connections`: fewest calls in flight first, ties in configured order. A nested target
// counts the calls in flight on its lead deployment (the one it would call first). Targets whose
// breakers are all open go last: they have nothing in flight precisely because they are open.
import type { RouteInput, RoutingView, StrategyDecision } from '../types.ts';
import {
  CompositeStrategy, describeRanking, flatten, resolveTargets, sortByKey, withNestedReasons, type StrategyTarget,
} from './composition.ts';

export class LeastConnectionsStrategy extends CompositeStrategy {
  constructor(targets: readonly StrategyTarget[]) {
    super('least_connections', targets);
  }

  decide(input: RouteInput, view: RoutingView): StrategyDecision {
    const resolved = resolveTargets(this.targets, input, view);
    const inFlight = resolved.map((target) => view.inFlight(target.lead));
    const count = (index: number): number => inFlight[index] ?? 0;
    const ordered = sortByKey(resolved, (target) => count(target.index));
    const ranking = describeRanking(ordered, (target) => `${count(target.index)} in flight`, ' <= ');
    return { targets: flatten(ordered), reason: withNestedReasons(`least_connections: ${ranking}`, resolved) };
  }
}
