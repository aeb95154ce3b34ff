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
import type { ComplexityScorer } from '../scorer/complexity-scorer.ts';
import { compileRules, type RuleEngine } from '../policy/rules.ts';
import { compileGuardrails, type Guardrails } from '../policy/guardrails.ts';
import { ModelNameResolver } from '../policy/model-names.ts';
import { BudgetService } from '../budgets/budget-service.ts';
import type { BudgetLedgerStore } from '../budgets/ledger-store.ts';
import { PriorityStrategy } from '../routing/strategies/priority.ts';
import type { KeyIdentity } from './auth/virtual-keys.ts';
import { createValidators } from '../validators/registry.ts';
import type { Validator } from '../validators/types.ts';
import { IntelligentStrategy } from '../routing/strategies/intelligent.ts';

export interface Route {
  /** The name the client used, after alias resolution. */
  name: string;
  kind: 'deployment' | 'policy';
  strategy: RoutingStrategy;
  failure: FailurePolicy;
  /** The deployment whose price is the "what it would have cost" reference. */
  referenceDeployment: string;
  /** Set when the strategy routes by complexity score. */
  intelligent: IntelligentStrategy | null;
  /** Set for `type: cascade` policies: cheapest step first, validators, escalation. */
  cascade: CascadeRoute | null;
}

export interface CascadeRoute {
  steps: readonly (readonly string[])[];
  maxSteps: number | undefined;
  validators: readonly Validator[];
}

/** Prefix that names a policy explicitly as a model: `rung/cost_optimized`. */
export const POLICY_MODEL_PREFIX = 'rung/';
/** The model name that asks Rung to choose: routing rules, then the default policy. */
export const AUTO_MODEL = 'rung/auto';

export interface RuntimeOptions {
  clock?: Clock;
  random?: () => number;
  env?: Readonly<Record<string, string | undefined>>;
  /** Replace provider adapters (tests that need a special adapter); default builds real ones. */
  adapters?: ReadonlyMap<string, ProviderAdapter>;
  /** The loaded complexity scorer, or null when scoring is off or failed to load. */
  scorer?: ComplexityScorer | null;
  /** Where budget reservations are kept; default in memory. */
  budgetStore?: BudgetLedgerStore;
  /** Named scorer versions (`scorer.versions`), for experiment arms that pin one. */
  scorerVersions?: ReadonlyMap<string, ComplexityScorer>;
}

export class GatewayRuntime {
  readonly catalog: Catalog;
  readonly executor: ExecutorDeps;
  readonly keys: KeyRing;
  readonly view: RoutingView;
  private readonly routes = new Map<string, Route>();
  private readonly aliases: ReadonlyMap<string, string>;
  readonly scorer: ComplexityScorer | null;
  readonly scorerVersions: ReadonlyMap<string, ComplexityScorer>;
  readonly rules: RuleEngine;
  readonly guardrails: Guardrails;
  readonly budgets: BudgetService;
  private readonly resolver: ModelNameResolver;
  private readonly keyDeployments = new Map<string, ReadonlySet<string> | null>();
  private readonly modelListRoutes = new Map<string, Route>();

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
    this.scorer = options.scorer ?? null;
    this.scorerVersions = options.scorerVersions ?? new Map();
    this.resolver = new ModelNameResolver(config);
    this.rules = compileRules(config.routing_rules);
    this.guardrails = compileGuardrails(config.guardrails, this.resolver);
    this.budgets = new BudgetService(config.budgets, { clock, store: options.budgetStore, reservationTtlMs: config.budget_ledger.reservation_ttl_s * 1000 });

    const direct = directFailure();
    for (const deployment of this.catalog.all()) {
      this.routes.set(deployment.id, {
        name: deployment.id,
        kind: 'deployment',
        strategy: buildStrategy({ type: 'single', target: deployment.id }, this.catalog, `deployments.${deployment.id}`),
        failure: direct,
        referenceDeployment: deployment.id,
        intelligent: null,
        cascade: null,
      });
    }
    const policies = config.policies;
    const strategies = buildPolicyStrategies(policies, this.catalog, '(routing)', { thresholds: this.scorer?.thresholds });
    for (const [name, policy] of Object.entries(policies)) {
      if (policy.strategy.type === 'cascade') {
        const cascade = policy.strategy;
        const strategy = new PriorityStrategy([...new Set(cascade.steps.flat())]);
        this.routes.set(name, {
          name,
          kind: 'policy',
          strategy,
          failure: { retry: policy.retry, fallbackOn: new Set(policy.fallback_on), deadlineMs: policy.deadline_ms },
          referenceDeployment: mostExpensive(this.catalog, strategy),
          intelligent: null,
          cascade: { steps: cascade.steps, maxSteps: cascade.max_steps, validators: createValidators(cascade.validators, `policies.${name}.strategy.validators`) },
        });
        continue;
      }
      const strategy = strategies.get(name);
      if (strategy === undefined) continue;
      this.routes.set(name, {
        name,
        kind: 'policy',
        strategy,
        failure: { retry: policy.retry, fallbackOn: new Set(policy.fallback_on), deadlineMs: policy.deadline_ms },
        referenceDeployment: mostExpensive(this.catalog, strategy),
        intelligent: strategy instanceof IntelligentStrategy ? strategy : null,
        cascade: null,
      });
    }
  }

  /** Resolves a client's `model` (deployment id, alias or policy) to a route, or undefined. */
  resolve(model: string): Route | undefined {
    if (model.startsWith(POLICY_MODEL_PREFIX)) {
      const route = this.routes.get(model.slice(POLICY_MODEL_PREFIX.length));
      return route?.kind === 'policy' ? route : undefined;
    }
    const target = this.aliases.get(model) ?? model;
    return this.routes.get(target);
  }

  /** A priority route over a rule's model list (deployments, aliases or policies, expanded), built once per list. */
  routeForModels(models: readonly string[]): Route {
    const key = models.join('\u0000');
    let route = this.modelListRoutes.get(key);
    if (route === undefined) {
      const deployments = [...this.resolver.expand(models)];
      const strategy = new PriorityStrategy(deployments);
      route = {
        name: `models(${models.join(', ')})`,
        kind: 'policy',
        strategy,
        failure: directFailure(),
        referenceDeployment: mostExpensive(this.catalog, strategy),
        intelligent: null,
        cascade: null,
      };
      this.modelListRoutes.set(key, route);
    }
    return route;
  }

  /** The key's allowed_models as deployment ids; null when the key is unrestricted. */
  keyAllowedDeployments(identity: KeyIdentity): ReadonlySet<string> | null {
    if (identity.allowedModels === null) return null;
    let found = this.keyDeployments.get(identity.id);
    if (found === undefined) {
      found = this.resolver.expand([...identity.allowedModels]);
      this.keyDeployments.set(identity.id, found);
    }
    return found;
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
    await this.scorer?.close();
    await Promise.all([...this.scorerVersions.values()].map((scorer) => scorer.close()));
  }
}

/** How a request for one deployment handles failures: the default retries, no other target. */
function directFailure(): FailurePolicy {
  return {
    retry: { attempts_per_target: DEFAULTS.retry.attemptsPerTarget, base_delay_ms: DEFAULTS.retry.baseDelayMs, max_delay_ms: DEFAULTS.retry.maxDelayMs, max_retry_after_ms: DEFAULTS.retry.maxRetryAfterMs },
    fallbackOn: new Set<UpstreamErrorClass>(DEFAULTS.fallbackOn),
    deadlineMs: DEFAULTS.deadlineMs,
  };
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
