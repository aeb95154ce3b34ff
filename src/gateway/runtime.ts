// Everything the gateway needs at request time, built once from a validated config: the catalogue,
// one adapter per provider, breakers, health, and a route per name a client may send as `model`.
import type { RungConfig } from '../config/schema.ts';
import { Catalog } from '../routing/catalog.ts';
import { buildPolicyStrategies, buildStrategy } from '../routing/build-strategy.ts';
import { createRoutingView } from '../routing/strategies/routing-view.ts';
import type { ComposableStrategy } from '../routing/strategies/composition.ts';
import type { RoutingStrategy, RoutingView } from '../routing/types.ts';
import { BreakerRegistry } from '../resilience/circuit-breaker.ts';
import { HealthTracker } from '../resilience/health-tracker.ts';
import { systemClock, type Clock } from '../resilience/clock.ts';
import { createProviderAdapter } from '../providers/create-adapter.ts';
import type { ProviderAdapter } from '../providers/spec.ts';
import { DEFAULTS } from '../config/defaults.ts';
import type { ExecutorDeps, FailurePolicy } from './execute/run-attempts.ts';
import { KeyRing } from './auth/virtual-keys.ts';
import type { UpstreamErrorClass } from '../errors/catalogue.ts';

export interface Route {
  /** The name the client used, after alias resolution. */
  name: string;
  kind: 'deployment' | 'policy';
  strategy: RoutingStrategy;
  failure: FailurePolicy;
  /** The deployment whose price is the "what it would have cost" reference. */
  referenceDeployment: string;
}

export interface RuntimeOptions {
  clock?: Clock;
  random?: () => number;
  env?: Readonly<Record<string, string | undefined>>;
  /** Replace provider adapters (tests that need a special adapter); default builds real ones. */
  adapters?: ReadonlyMap<string, ProviderAdapter>;
}

export class GatewayRuntime {
  readonly catalog: Catalog;
  readonly executor: ExecutorDeps;
  readonly keys: KeyRing;
  readonly view: RoutingView;
  private readonly routes = new Map<string, Route>();
  private readonly aliases: ReadonlyMap<string, string>;

  constructor(readonly config: RungConfig, options: RuntimeOptions = {}) {
    const clock = options.clock ?? systemClock;
    const random = options.random ?? Math.random;
    this.catalog = new Catalog(config);
    const adapters = options.adapters ?? buildAdapters(config);
    const breakers = new BreakerRegistry(config.resilience.breaker, clock);
    const health = new HealthTracker(clock, { windowSize: DEFAULTS.health.windowSize, degradedBelow: DEFAULTS.health.degradedBelow });
    this.executor = { catalog: this.catalog, adapters, breakers, health, clock, random };
    this.keys = new KeyRing(config.keys, options.env ?? process.env);
    this.view = createRoutingView({ catalog: this.catalog, breakers, health, random });
    this.aliases = new Map(Object.entries(config.aliases));

    const direct: FailurePolicy = {
      retry: { attempts_per_target: DEFAULTS.retry.attemptsPerTarget, base_delay_ms: DEFAULTS.retry.baseDelayMs, max_delay_ms: DEFAULTS.retry.maxDelayMs, max_retry_after_ms: DEFAULTS.retry.maxRetryAfterMs },
      fallbackOn: new Set<UpstreamErrorClass>(DEFAULTS.fallbackOn),
      deadlineMs: DEFAULTS.deadlineMs,
    };
    for (const deployment of this.catalog.all()) {
      this.routes.set(deployment.id, {
        name: deployment.id,
        kind: 'deployment',
        strategy: buildStrategy({ type: 'single', target: deployment.id }, this.catalog, `deployments.${deployment.id}`),
        failure: direct,
        referenceDeployment: deployment.id,
      });
    }
    const strategies = buildPolicyStrategies(config.policies, this.catalog);
    for (const [name, policy] of Object.entries(config.policies)) {
      const strategy = strategies.get(name);
      if (strategy === undefined) continue;
      this.routes.set(name, {
        name,
        kind: 'policy',
        strategy,
        failure: { retry: policy.retry, fallbackOn: new Set(policy.fallback_on), deadlineMs: policy.deadline_ms },
        referenceDeployment: mostExpensive(this.catalog, strategy),
      });
    }
  }

  /** Resolves a client's `model` (deployment id, alias or policy) to a route, or undefined. */
  resolve(model: string): Route | undefined {
    const target = this.aliases.get(model) ?? model;
    return this.routes.get(target);
  }

  /** Names a client may send as `model`, with what each resolves to. */
  modelNames(): { name: string; kind: 'deployment' | 'alias' | 'policy'; target: string }[] {
    const out: { name: string; kind: 'deployment' | 'alias' | 'policy'; target: string }[] = [];
    for (const route of this.routes.values()) out.push({ name: route.name, kind: route.kind, target: route.name });
    for (const [alias, target] of this.aliases) out.push({ name: alias, kind: 'alias', target });
    return out;
  }

  async close(): Promise<void> {
    await Promise.all([...this.executor.adapters.values()].map((adapter) => adapter.close()));
  }
}

function buildAdapters(config: RungConfig): Map<string, ProviderAdapter> {
  const adapters = new Map<string, ProviderAdapter>();
  for (const provider of config.providers) {
    adapters.set(provider.id, createProviderAdapter({
      id: provider.id,
      type: provider.type,
      baseUrl: provider.base_url,
      apiKey: provider.api_key,
      timeouts: {
        connectMs: provider.timeouts.connect_ms,
        firstByteMs: provider.timeouts.first_byte_ms,
        idleMs: provider.timeouts.idle_ms,
        totalMs: provider.timeouts.total_ms,
      },
      headers: provider.headers,
      maxConnections: provider.max_connections,
      apiVersion: provider.api_version,
    }));
  }
  return adapters;
}

/** The most expensive deployment a strategy can reach: the cost reference for savings. */
function mostExpensive(catalog: Catalog, strategy: ComposableStrategy): string {
  const targets = strategy.deployments;
  let best = targets[0] ?? '';
  let bestCost = -1;
  for (const id of targets) {
    const cost = catalog.estimateCost(id, 1000, 1000);
    if (cost > bestCost) {
      best = id;
      bestCost = cost;
    }
  }
  return best;
}
