// `weighted`: the first target is drawn at random in proportion to weight; the rest follow by
// descending weight (ties in configured order) as fallbacks. A deployment's weight is its
// configured `weight`; a nested target weighs the sum of its deployments' weights.
// Targets whose breakers are all open take no part in the draw and go last: drawing one would
// hand its share to whichever target comes next, skewing the configured proportions.
import type { Catalog } from '../catalog.ts';
import type { RouteInput, RoutingView, StrategyDecision } from '../types.ts';
import {
  CompositeStrategy, describeRanking, flatten, resolveTargets, sortByKey, withNestedReasons,
  type ResolvedTarget, type StrategyTarget,
} from './composition.ts';

export class WeightedStrategy extends CompositeStrategy {
  /** Weight per target, by configured position. */
  readonly weights: readonly number[];

  constructor(targets: readonly StrategyTarget[], catalog: Catalog) {
    super('weighted', targets);
    this.weights = targets.map((target) =>
      typeof target === 'string'
        ? catalog.get(target).weight
        : target.deployments.reduce((sum, id) => sum + catalog.get(id).weight, 0));
  }

  decide(input: RouteInput, view: RoutingView): StrategyDecision {
    const resolved = resolveTargets(this.targets, input, view);
    const weight = (target: ResolvedTarget): number => this.weights[target.index] ?? 0;
    const byWeight = sortByKey(resolved, (target) => -weight(target));
    const usable = byWeight.filter((target) => !target.open);
    const pool = usable.length > 0 ? usable : byWeight;
    const picked = drawByWeight(pool, weight, view.random());
    const ordered = [picked, ...byWeight.filter((target) => target !== picked)];
    const total = pool.reduce((sum, target) => sum + weight(target), 0);
    const [, ...rest] = ordered;
    const fallbacks = rest.length === 0 ? '' : `; then ${describeRanking(rest, (target) => `weight ${weight(target)}`, ', ')}`;
    const reason = `weighted: drew ${picked.label} (weight ${weight(picked)} of ${total})${fallbacks}`;
    return { targets: flatten(ordered), reason: withNestedReasons(reason, resolved) };
  }
}

/** Picks from a non-empty pool with probability proportional to weight; `draw` is uniform in [0, 1). */
function drawByWeight(pool: readonly ResolvedTarget[], weight: (target: ResolvedTarget) => number, draw: number): ResolvedTarget {
  const total = pool.reduce((sum, target) => sum + weight(target), 0);
  let remaining = draw * total;
  for (const target of pool) {
    remaining -= weight(target);
    if (remaining < 0) return target;
  }
  // Only reachable through floating-point rounding at the top of the range.
  const last = pool[pool.length - 1];
  if (last === undefined) throw new RangeError('weighted draw from an empty pool');
  return last;
}
