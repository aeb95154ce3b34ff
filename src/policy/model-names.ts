// Resolves the names people write in allowlists (deployment ids, aliases, policy names) to the
// deployment ids they stand for, once at boot. A policy stands for every deployment its strategy
// tree can reach. An unknown name stands for nothing: an allowlist can only shrink, never grow,
// through a typo (the cross-check in `referenced-names.ts` reports the typo at boot anyway).
import type { RungConfig, TargetConfig } from '../config/schema.ts';

export type ModelNameKind = 'deployment' | 'alias' | 'policy';

/** Aliases normally point straight at a deployment or policy; this only guards against a loop. */
const MAX_ALIAS_HOPS = 8;

export class ModelNameResolver {
  private readonly deployments: ReadonlySet<string>;
  private readonly aliases: ReadonlyMap<string, string>;
  private readonly policies: ReadonlyMap<string, readonly string[]>;

  constructor(config: Pick<RungConfig, 'deployments' | 'aliases' | 'policies'>) {
    this.deployments = new Set(config.deployments.map((deployment) => deployment.id));
    this.aliases = new Map(Object.entries(config.aliases));
    const policies = new Map<string, readonly string[]>();
    for (const [name, policy] of Object.entries(config.policies)) {
      const reached: string[] = [];
      if (policy.strategy.type === 'cascade') reached.push(...policy.strategy.steps.flat());
      else collectTargets(policy.strategy, reached);
      policies.set(name, Object.freeze([...new Set(reached)]));
    }
    this.policies = policies;
  }

  kindOf(name: string): ModelNameKind | undefined {
    if (this.deployments.has(name)) return 'deployment';
    if (this.aliases.has(name)) return 'alias';
    if (this.policies.has(name)) return 'policy';
    return undefined;
  }

  /** Deployment ids a name stands for, in strategy order; empty for an unknown name. */
  deploymentsOf(name: string): readonly string[] {
    let current = name;
    for (let hop = 0; hop <= MAX_ALIAS_HOPS; hop += 1) {
      if (this.deployments.has(current)) return [current];
      const policy = this.policies.get(current);
      if (policy !== undefined) return policy;
      const target = this.aliases.get(current);
      if (target === undefined) return [];
      current = target;
    }
    return [];
  }

  /** The union of what every name stands for. */
  expand(names: Iterable<string>): ReadonlySet<string> {
    const out = new Set<string>();
    for (const name of names) for (const id of this.deploymentsOf(name)) out.add(id);
    return out;
  }
}

function collectTargets(target: TargetConfig, out: string[]): void {
  if (typeof target === 'string') {
    out.push(target);
    return;
  }
  if (target.type === 'single') {
    collectTargets(target.target, out);
    return;
  }
  for (const child of target.targets) collectTargets(child, out);
}
