// `least_latency`: fastest recent successful latency first, targets whose breakers are all open
// last. A target with no latency data yet sorts first, so it gets measured instead of starved.
// With probability `exploration`, one random usable target goes first instead, so figures of
// slower targets stay fresh after they recover. Ties keep configured order.
import type { RouteInput, RoutingView, StrategyDecision } from '../types.ts';
import {
  CompositeStrategy, describeRanking, flatten, resolveTargets, sortByKey, withNestedReasons,
  type ResolvedTarget, type StrategyTarget,
} from './composition.ts';

/** Sort key for "no data": below any real latency (which is >= 0). */
const UNMEASURED = -1;

export class LeastLatencyStrategy extends CompositeStrategy {
  private readonly exploration: number;

  constructor(targets: readonly StrategyTarget[], exploration: number) {
    super('least_latency', targets);
    if (!(exploration >= 0 && exploration <= 1)) throw new RangeError(`exploration must be in [0, 1], got ${exploration}`);
    this.exploration = exploration;
  }

  decide(input: RouteInput, view: RoutingView): StrategyDecision {
    const resolved = resolveTargets(this.targets, input, view);
    const latencies = resolved.map((target) => view.latencyMs(target.lead));
    const latency = (target: ResolvedTarget): number | undefined => latencies[target.index];
    const ranked = sortByKey(resolved, (target) => latency(target) ?? UNMEASURED);
    const describeLatency = (target: ResolvedTarget): string => {
      const value = latency(target);
      return value === undefined ? 'no data' : `${Math.round(value)}ms`;
    };
    const explored = this.explore(ranked, view);
    if (explored === undefined) {
      const reason = `least_latency: ${describeRanking(ranked, describeLatency)}`;
      return { targets: flatten(ranked), reason: withNestedReasons(reason, resolved) };
    }
    const rest = ranked.filter((target) => target !== explored);
    const reason = `least_latency: exploring ${explored.label} (${describeLatency(explored)}); then ${describeRanking(rest, describeLatency)}`;
    return { targets: flatten([explored, ...rest]), reason: withNestedReasons(reason, resolved) };
  }

  /** The target to put first for exploration this time, if any. Draws randomness only when exploring is possible. */
  private explore(ordered: readonly ResolvedTarget[], view: RoutingView): ResolvedTarget | undefined {
    if (this.exploration === 0) return undefined;
    const usable = ordered.filter((target) => !target.open);
    if (usable.length < 2) return undefined;
    if (view.random() >= this.exploration) return undefined;
    return usable[Math.floor(view.random() * usable.length)];
  }
}
