// Builds a strategy tree from config, checked against the catalogue first, so a policy that
// names an unknown deployment fails at boot with the config path at fault rather than on a
// request. Every problem in the tree is reported at once, as `path: reason` lines of a ConfigError.
//
// The config is walked as untrusted data (it may not have passed the schema, e.g. from the
// admin API), so every field is checked before use.
import { ConfigError } from '../config/config-error.ts';
import { DEFAULTS } from '../config/defaults.ts';
import type { PolicyConfig, StrategyConfig } from '../config/schema.ts';
import type { Catalog } from './catalog.ts';
import type { ComposableStrategy, StrategyTarget } from './strategies/composition.ts';
import { LeastConnectionsStrategy } from './strategies/least-connections.ts';
import { LeastLatencyStrategy } from './strategies/least-latency.ts';
import { LowestCostStrategy } from './strategies/lowest-cost.ts';
import { PriorityStrategy } from './strategies/priority.ts';
import { RoundRobinStrategy } from './strategies/round-robin.ts';
import { SingleStrategy } from './strategies/single.ts';
import { WeightedStrategy } from './strategies/weighted.ts';
import { DEFAULT_STRONG_SIDE, IntelligentStrategy } from './strategies/intelligent.ts';
import type { Objective } from '../config/schema.ts';

/** Facts from outside the config that some strategies need at build time. */
export interface BuildContext {
  /** Calibrated thresholds per objective from the loaded scorer model. */
  thresholds?: Readonly<Record<Objective, number>>;
}

/** Used when neither the policy nor a scorer model gives a threshold. */
export const FALLBACK_THRESHOLDS: Readonly<Record<Objective, number>> = Object.freeze({ cost_optimized: 0.6, balanced: 0.5, quality_first: 0.4 });

type StrategyType = StrategyConfig['type'];
type ConfigByType = { [Config in StrategyConfig as Config['type']]: Config };

interface StrategyFactory<Type extends StrategyType> {
  /** Checks the strategy's own options (not its targets); pushes `path: reason` issues. */
  checkOptions?: (config: Record<string, unknown>, path: string, issues: string[]) => void;
  create: (config: ConfigByType[Type], targets: [StrategyTarget, ...StrategyTarget[]], catalog: Catalog, context: BuildContext) => ComposableStrategy;
}

const FACTORIES: { readonly [Type in StrategyType]: StrategyFactory<Type> } = {
  single: { create: (_config, [target]) => new SingleStrategy(target) },
  priority: { create: (_config, targets) => new PriorityStrategy(targets) },
  lowest_cost: { create: (_config, targets) => new LowestCostStrategy(targets) },
  least_latency: {
    checkOptions: (config, path, issues) => {
      const exploration = config['exploration'];
      if (exploration === undefined) return;
      if (typeof exploration !== 'number' || !(exploration >= 0 && exploration <= 1)) {
        issues.push(`${path}.exploration: must be a number from 0 to 1`);
      }
    },
    create: (config, targets) =>
      new LeastLatencyStrategy(targets, config.exploration ?? DEFAULTS.leastLatency.exploration),
  },
  round_robin: { create: (_config, targets) => new RoundRobinStrategy(targets) },
  weighted: { create: (_config, targets, catalog) => new WeightedStrategy(targets, catalog) },
  least_connections: { create: (_config, targets) => new LeastConnectionsStrategy(targets) },
  intelligent: {
    checkOptions: (config, path, issues) => {
      const cuts = config['cut_points'];
      const threshold = config['threshold'];
      if (isRecord(cuts) && typeof threshold === 'number') {
        for (const [tier, value] of Object.entries(cuts)) {
          if (typeof value === 'number' && value > threshold) issues.push(`${path}.cut_points.${tier}: must not exceed the threshold ${threshold}`);
        }
      }
    },
    create: (config, targets, catalog, context) =>
      new IntelligentStrategy(
        [...new Set(targets.flatMap((target) => (typeof target === 'string' ? [target] : [...target.deployments])))],
        catalog,
        {
          objective: config.objective,
          threshold: config.threshold ?? context.thresholds?.[config.objective] ?? FALLBACK_THRESHOLDS[config.objective],
          thresholdFixed: config.threshold !== undefined,
          cutPoints: config.cut_points ?? {},
          strongSide: config.strong_side ?? DEFAULT_STRONG_SIDE[config.objective],
          band: config.uncertain_band,
        },
      ),
  },
};

export const STRATEGY_TYPES = Object.freeze(Object.keys(FACTORIES) as StrategyType[]);

/**
 * Builds one strategy. `path` is where it sits in the config, e.g. `policies.support.strategy`;
 * issue lines look like `policies.support.strategy.targets[2]: unknown deployment "gpt-5x"`.
 */
export function buildStrategy(config: StrategyConfig, catalog: Catalog, path: string, source = '(routing)', context: BuildContext = {}): ComposableStrategy {
  const issues: string[] = [];
  const strategy = buildNode(config, path, catalog, issues, context);
  if (strategy === undefined || issues.length > 0) throw new ConfigError(source, issues);
  return strategy;
}

/** Builds every policy's strategy, reporting the problems of all policies in one ConfigError. */
export function buildPolicyStrategies(
  policies: Readonly<Record<string, Pick<PolicyConfig, 'strategy'>>>,
  catalog: Catalog,
  source = '(routing)',
  context: BuildContext = {},
): Map<string, ComposableStrategy> {
  const issues: string[] = [];
  const built = new Map<string, ComposableStrategy>();
  for (const [name, policy] of Object.entries(policies)) {
    // Cascades are not target-ordering strategies; the gateway runs them (see src/cascade/).
    if (isRecord(policy.strategy) && policy.strategy['type'] === 'cascade') continue;
    const strategy = buildNode(policy.strategy, `policies.${name}.strategy`, catalog, issues, context);
    if (strategy !== undefined) built.set(name, strategy);
  }
  if (issues.length > 0) throw new ConfigError(source, issues);
  return built;
}

function buildNode(config: unknown, path: string, catalog: Catalog, issues: string[], context: BuildContext = {}): ComposableStrategy | undefined {
  if (!isRecord(config)) {
    issues.push(`${path}: expected a strategy object with a "type"`);
    return undefined;
  }
  const type = config['type'];
  if (!isStrategyType(type)) {
    issues.push(`${path}.type: unknown strategy type ${JSON.stringify(type)} (expected one of ${STRATEGY_TYPES.join(', ')})`);
    return undefined;
  }
  const issuesBefore = issues.length;
  FACTORIES[type].checkOptions?.(config, path, issues);
  const targets = buildTargets(config, type, path, catalog, issues, context);
  if (targets === undefined || issues.length > issuesBefore) return undefined;
  return create(type, config, targets, catalog, context);
}

/** Correlates the factory with its config type (TypeScript cannot see through the lookup otherwise). */
function create<Type extends StrategyType>(
  type: Type,
  config: Record<string, unknown>,
  targets: [StrategyTarget, ...StrategyTarget[]],
  catalog: Catalog,
  context: BuildContext,
): ComposableStrategy {
  const factory: StrategyFactory<Type> = FACTORIES[type];
  // Safe: buildNode checked `type`, the options and every target before calling.
  return factory.create(config as unknown as ConfigByType[Type], targets, catalog, context);
}

function buildTargets(
  config: Record<string, unknown>,
  type: StrategyType,
  path: string,
  catalog: Catalog,
  issues: string[],
  context: BuildContext,
): [StrategyTarget, ...StrategyTarget[]] | undefined {
  const entries = targetEntries(config, type, path, issues);
  if (entries === undefined) return undefined;
  const built: StrategyTarget[] = [];
  const firstPath = new Map<string, string>();
  for (const entry of entries) {
    if (typeof entry.value === 'string') {
      const id = entry.value;
      const earlier = firstPath.get(id);
      if (!catalog.has(id)) issues.push(`${entry.path}: unknown deployment "${id}"`);
      else if (earlier !== undefined) issues.push(`${entry.path}: duplicate target "${id}" (also at ${earlier})`);
      else firstPath.set(id, entry.path);
      built.push(id);
      continue;
    }
    if (!isRecord(entry.value)) {
      issues.push(`${entry.path}: expected a deployment id or a strategy`);
      continue;
    }
    const nested = buildNode(entry.value, entry.path, catalog, issues, context);
    if (nested !== undefined) built.push(nested);
  }
  const [first, ...rest] = built;
  return first === undefined ? undefined : [first, ...rest];
}

/** The configured targets with their config paths: `single` has one `target`, the others a `targets` list. */
function targetEntries(
  config: Record<string, unknown>,
  type: StrategyType,
  path: string,
  issues: string[],
): { value: unknown; path: string }[] | undefined {
  if (type === 'single') {
    const target = config['target'];
    if (typeof target !== 'string' || target === '') {
      issues.push(`${path}.target: expected a deployment id`);
      return undefined;
    }
    return [{ value: target, path: `${path}.target` }];
  }
  const targets = config['targets'];
  if (!Array.isArray(targets) || targets.length === 0) {
    issues.push(`${path}.targets: needs at least one target`);
    return undefined;
  }
  return targets.map((value: unknown, index) => ({ value, path: `${path}.targets[${index}]` }));
}

function isStrategyType(value: unknown): value is StrategyType {
  return typeof value === 'string' && Object.hasOwn(FACTORIES, value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
