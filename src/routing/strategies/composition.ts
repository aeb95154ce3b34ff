// What every strategy shares: a target is a deployment id or a nested strategy. A parent asks
// each nested strategy for its own ordered list, orders whole targets by its rule, then flattens
// the lists in that order, keeping the first occurrence of each deployment id.
//
// A nested target is ranked by its "lead": the first deployment of its list whose breaker is not
// open (what the executor would actually call first), or its first deployment when all are open.
import { RungError } from '../../errors/rung-error.ts';
import type { RouteInput, RoutingStrategy, RoutingView, StrategyDecision } from '../types.ts';

/** A strategy that can sit inside another one. */
export interface ComposableStrategy extends RoutingStrategy {
  /** Every deployment this strategy can return, in first-occurrence order. */
  readonly deployments: readonly string[];
  /** Short name for reasons, e.g. `least_latency(light-a, light-b)`. */
  readonly label: string;
}

export type StrategyTarget = string | ComposableStrategy;

export interface ResolvedTarget {
  /** Position in the configured list; the tie-breaker everywhere. */
  index: number;
  label: string;
  /** Deployment ids in the order this target would try them. */
  deployments: string[];
  /** The deployment this target would call first; sort keys are read from it. */
  lead: string;
  /** Every deployment of this target has an open breaker. */
  open: boolean;
  /** The nested strategy's own reason, when the target is nested. */
  nestedReason?: string;
}

/** Resolves every target, calling nested strategies once each, in configured order. */
export function resolveTargets(targets: readonly StrategyTarget[], input: RouteInput, view: RoutingView): ResolvedTarget[] {
  return targets.map((target, index) => {
    if (typeof target === 'string') {
      return { index, label: target, deployments: [target], lead: target, open: view.breakerState(target) === 'open' };
    }
    const decision = target.decide(input, view);
    const first = decision.targets[0];
    if (first === undefined) {
      throw new RungError('internal_error', `routing strategy ${target.label} returned no targets`);
    }
    const usable = decision.targets.find((id) => view.breakerState(id) !== 'open');
    return {
      index,
      label: target.label,
      deployments: decision.targets,
      lead: usable ?? first,
      open: usable === undefined,
      nestedReason: decision.reason,
    };
  });
}

/** Concatenates the targets' lists in the given order, first occurrence wins. */
export function flatten(ordered: readonly ResolvedTarget[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const target of ordered) {
    for (const id of target.deployments) {
      if (seen.has(id)) continue;
      seen.add(id);
      out.push(id);
    }
  }
  return out;
}

/** Every deployment reachable from these targets, first occurrence wins. */
export function deploymentsOf(targets: readonly StrategyTarget[]): string[] {
  const seen = new Set<string>();
  for (const target of targets) {
    for (const id of typeof target === 'string' ? [target] : target.deployments) seen.add(id);
  }
  return [...seen];
}

export function labelOf(type: string, targets: readonly StrategyTarget[]): string {
  return `${type}(${targets.map((target) => (typeof target === 'string' ? target : target.label)).join(', ')})`;
}

/** Appends nested strategies' reasons so one line explains the whole order. */
export function withNestedReasons(reason: string, resolved: readonly ResolvedTarget[]): string {
  const nested = resolved.flatMap((target) => (target.nestedReason === undefined ? [] : [target.nestedReason]));
  return nested.length === 0 ? reason : `${reason} [${nested.join('; ')}]`;
}

/** Stable order: targets whose breakers are all open go last, then by `key` ascending, then list order. */
export function sortByKey(resolved: readonly ResolvedTarget[], key: (target: ResolvedTarget) => number): ResolvedTarget[] {
  const keyed = resolved.map((target) => ({ target, key: key(target) }));
  keyed.sort((a, b) => Number(a.target.open) - Number(b.target.open) || a.key - b.key || a.target.index - b.target.index);
  return keyed.map((entry) => entry.target);
}

/** `label (detail, breaker open)` for reasons; the parts are left out when they do not apply. */
export function describeTarget(target: ResolvedTarget, detail?: string): string {
  const notes: string[] = [];
  if (detail !== undefined) notes.push(detail);
  if (target.open) notes.push('breaker open');
  return notes.length === 0 ? target.label : `${target.label} (${notes.join(', ')})`;
}

/**
 * A ranking for reasons: usable targets joined by `separator`, then the all-open ones listed
 * apart, since their position says nothing about the ranking key:
 * `a ($0.00012) < b ($0.00140); breaker open: c ($0.00001)`.
 */
export function describeRanking(
  ordered: readonly ResolvedTarget[],
  detail: (target: ResolvedTarget) => string | undefined,
  separator = ' < ',
): string {
  const usable: string[] = [];
  const open: string[] = [];
  for (const target of ordered) {
    const text = detailed(target.label, detail(target));
    (target.open ? open : usable).push(text);
  }
  if (open.length === 0) return usable.join(separator);
  const openText = `breaker open: ${open.join(', ')}`;
  return usable.length === 0 ? openText : `${usable.join(separator)}; ${openText}`;
}

function detailed(label: string, detail: string | undefined): string {
  return detail === undefined ? label : `${label} (${detail})`;
}

/** Holds the targets and the derived `deployments` and `label` that every strategy needs. */
export abstract class CompositeStrategy implements ComposableStrategy {
  readonly type: string;
  readonly deployments: readonly string[];
  readonly label: string;
  protected readonly targets: readonly StrategyTarget[];

  constructor(type: string, targets: readonly StrategyTarget[]) {
    // Build-time validation rejects this with a config path; this guards direct construction.
    if (targets.length === 0) throw new RangeError(`${type} strategy needs at least one target`);
    this.type = type;
    this.targets = targets;
    this.deployments = deploymentsOf(targets);
    this.label = labelOf(type, targets);
  }

  abstract decide(input: RouteInput, view: RoutingView): StrategyDecision;
}
