// The shape of `rung.config.yaml`. Strict: unknown keys are errors. Cross-references (a policy
// naming a deployment, an alias naming a policy) are checked afterwards in `cross-check.ts`.
import { z } from 'zod';
import { UPSTREAM_ERROR_CLASSES } from '../errors/catalogue.ts';
import { DEFAULTS } from './defaults.ts';
import { POLICY_CONFIG_SHAPE } from './policy-schema.ts';
import { BudgetsSchema, BudgetLedgerSettingsSchema } from './budget-schema.ts';
import { CascadePolicySchema, type CascadePolicyConfig } from './cascade-schema.ts';
import { ExperimentsSchema } from './experiment-schema.ts';
import { StoreConfigSchema } from '../store/config.ts';

import { TIERS, type Tier } from './tiers.ts';
export { TIERS, type Tier };

const ms = z.number().int().positive();

/** `${VAR:-}` interpolates to '' when unset; treat that as "not given". */
const emptyToUndefined = (value: unknown) => (value === '' ? undefined : value);

const TimeoutsSchema = z.strictObject({
  connect_ms: ms.default(DEFAULTS.provider.connectMs),
  first_byte_ms: ms.default(DEFAULTS.provider.firstByteMs),
  idle_ms: ms.default(DEFAULTS.provider.idleMs),
  total_ms: ms.default(DEFAULTS.provider.totalMs),
});

export const ProviderSchema = z.strictObject({
  id: z.string().regex(/^[A-Za-z0-9_.-]+$/, 'letters, digits, "_", "-" and "." only'),
  type: z.enum(['openai', 'openai_compatible', 'anthropic', 'google']),
  base_url: z.url(),
  api_key: z.preprocess(emptyToUndefined, z.string().optional()),
  region: z.string().optional(),
  timeouts: TimeoutsSchema.prefault({}),
  max_connections: z.number().int().positive().default(DEFAULTS.provider.maxConnections),
  headers: z.record(z.string(), z.string()).optional(),
  api_version: z.string().optional(),
});

export const DeploymentSchema = z.strictObject({
  id: z.string().regex(/^[A-Za-z0-9_.:/-]+$/, 'letters, digits and "_-.:/" only'),
  provider: z.string(),
  /** The model name sent upstream. */
  model: z.string(),
  price: z.strictObject({
    input_per_mtok: z.number().nonnegative(),
    output_per_mtok: z.number().nonnegative(),
  }),
  context_window: z.number().int().positive(),
  max_output_tokens: z.number().int().positive().optional(),
  capabilities: z
    .strictObject({
      tools: z.boolean().default(true),
      vision: z.boolean().default(false),
      json_schema: z.boolean().default(true),
      streaming: z.boolean().default(true),
      logprobs: z.boolean().default(false),
    })
    .prefault({}),
  /** Left out, the tier is inferred from the price (see `routing/tier-inference.ts`). */
  tier: z.enum(TIERS).optional(),
  /** Relative share for `weighted` load balancing. */
  weight: z.number().positive().default(1),
  /** Billed endpoint; keys with `deny_paid` may not reach it. */
  paid: z.boolean().default(true),
});

const RetrySchema = z.strictObject({
  attempts_per_target: z.number().int().min(1).max(10).default(DEFAULTS.retry.attemptsPerTarget),
  base_delay_ms: z.number().int().nonnegative().default(DEFAULTS.retry.baseDelayMs),
  max_delay_ms: z.number().int().nonnegative().default(DEFAULTS.retry.maxDelayMs),
  max_retry_after_ms: z.number().int().nonnegative().default(DEFAULTS.retry.maxRetryAfterMs),
});

const ErrorClassSchema = z.enum(UPSTREAM_ERROR_CLASSES);

/** A target is a deployment id or a nested strategy. */
export type TargetConfig = string | StrategyConfig;

export type StrategyConfig =
  | { type: 'single'; target: string }
  | { type: 'priority'; targets: TargetConfig[] }
  | { type: 'lowest_cost'; targets: TargetConfig[] }
  | { type: 'least_latency'; targets: TargetConfig[]; exploration: number }
  | { type: 'round_robin'; targets: TargetConfig[] }
  | { type: 'weighted'; targets: TargetConfig[] }
  | { type: 'least_connections'; targets: TargetConfig[] }
  | IntelligentStrategyConfig;

export const OBJECTIVES = ['cost_optimized', 'balanced', 'quality_first'] as const;
export type Objective = (typeof OBJECTIVES)[number];

/** Score-driven routing over the model ladder; see `routing/strategies/intelligent.ts`. */
export interface IntelligentStrategyConfig {
  type: 'intelligent';
  objective: Objective;
  /** Deployment ids the policy may use; it never selects outside them. */
  targets: string[];
  /** Score at or above which the top tier is used; default: the scorer manifest's calibrated value. */
  threshold?: number;
  /** Lowest score for each tier below the top; default: spread evenly below the threshold. */
  cut_points?: Partial<Record<Tier, number>>;
  /** Which strong tier serves scores at or above the threshold; default by objective. */
  strong_side?: 'cheapest' | 'by_score' | 'most_capable';
  /** Scores in [low, high) are uncertain and go one tier more capable (prefer: capable). */
  uncertain_band: { low: number; high: number; prefer: 'capable' | 'as_scored' };
}

const TargetSchema: z.ZodType<TargetConfig> = z.lazy(() => z.union([z.string(), StrategySchema]));
const Targets = z.array(TargetSchema).min(1);

/** Every strategy config object; a function so the recursive `Targets` resolve lazily. */
const strategyOptions = () => [
    z.strictObject({ type: z.literal('single'), target: z.string() }),
    z.strictObject({ type: z.literal('priority'), targets: Targets }),
    z.strictObject({ type: z.literal('lowest_cost'), targets: Targets }),
    z.strictObject({
      type: z.literal('least_latency'),
      targets: Targets,
      exploration: z.number().min(0).max(1).default(DEFAULTS.leastLatency.exploration),
    }),
    z.strictObject({ type: z.literal('round_robin'), targets: Targets }),
    z.strictObject({ type: z.literal('weighted'), targets: Targets }),
    z.strictObject({ type: z.literal('least_connections'), targets: Targets }),
    z.strictObject({
      type: z.literal('intelligent'),
      objective: z.enum(OBJECTIVES),
      targets: z.array(z.string()).min(1),
      threshold: z.number().min(0).max(1).optional(),
      cut_points: z.partialRecord(z.enum(TIERS), z.number().min(0).max(1)).optional(),
      strong_side: z.enum(['cheapest', 'by_score', 'most_capable']).optional(),
      uncertain_band: z
        .strictObject({
          low: z.number().min(0).max(1).default(DEFAULTS.uncertainBand.low),
          high: z.number().min(0).max(1).default(DEFAULTS.uncertainBand.high),
          prefer: z.enum(['capable', 'as_scored']).default('capable'),
        })
        .prefault({}),
    }),
  ] as const;

export const StrategySchema: z.ZodType<StrategyConfig> = z.lazy(() => z.discriminatedUnion('type', [...strategyOptions()])) as z.ZodType<StrategyConfig>;

/** A policy's `strategy`: any routing strategy, or a cascade (which cannot be nested). */
const PolicyStrategySchema = z.lazy(() => z.discriminatedUnion('type', [...strategyOptions(), CascadePolicySchema])) as z.ZodType<StrategyConfig | CascadePolicyConfig>;

/** A named policy: a strategy plus how failures are handled along it. */
export const PolicySchema = z.strictObject({
  /** A routing strategy, or `type: cascade` (cheap first, validate, escalate). */
  strategy: PolicyStrategySchema,
  retry: RetrySchema.prefault({}),
  deadline_ms: ms.default(DEFAULTS.deadlineMs),
  fallback_on: z.array(ErrorClassSchema).default([...DEFAULTS.fallbackOn]),
  description: z.string().optional(),
});

const BreakerSchema = z.strictObject({
  consecutive_failures: z.number().int().positive().default(DEFAULTS.breaker.consecutiveFailures),
  failure_rate: z.number().gt(0).max(1).default(DEFAULTS.breaker.failureRate),
  window_ms: ms.default(DEFAULTS.breaker.windowMs),
  min_requests: z.number().int().positive().default(DEFAULTS.breaker.minRequests),
  cooldown_ms: ms.default(DEFAULTS.breaker.cooldownMs),
  half_open_probes: z.number().int().positive().default(DEFAULTS.breaker.halfOpenProbes),
});

export const VirtualKeySchema = z
  .strictObject({
    id: z.string(),
    /** Hex SHA-256 of the key; the key itself is never stored. */
    key_sha256: z.string().regex(/^[0-9a-f]{64}$/, 'a lowercase hex SHA-256').optional(),
    /** Name of an environment variable holding the key. */
    key_env: z.string().optional(),
    workspace: z.string().optional(),
    department: z.string().optional(),
    agent: z.string().optional(),
    /** Project whose routing rules apply to this key's requests. */
    project: z.string().optional(),
    /** Deployment ids, aliases or policy names this key may use. Absent: all. */
    allowed_models: z.array(z.string()).optional(),
  })
  .refine((key) => (key.key_sha256 === undefined) !== (key.key_env === undefined), {
    message: 'give exactly one of key_sha256 or key_env',
  });

export const ConfigSchema = z.strictObject({
  server: z
    .strictObject({
      host: z.string().default(DEFAULTS.server.host),
      port: z.number().int().min(0).max(65_535).default(DEFAULTS.server.port),
      body_limit_bytes: z.number().int().positive().default(DEFAULTS.server.bodyLimitBytes),
      /** Admin key for /api/v1/admin; usually `${RUNG_ADMIN_KEY}`. Absent: admin routes are closed. */
      admin_key: z.preprocess(emptyToUndefined, z.string().min(16, 'at least 16 characters').optional()),
      /** Turns virtual-key auth off (local development only). */
      auth_disabled: z.boolean().default(false),
      /** Where the one-line-per-request decision log goes. */
      request_log: z.enum(['stdout', 'off']).default('stdout'),
    })
    .prefault({}),
  providers: z.array(ProviderSchema).min(1),
  deployments: z.array(DeploymentSchema).min(1),
  aliases: z.record(z.string(), z.string()).default({}),
  policies: z.record(z.string(), PolicySchema).default({}),
  keys: z.array(VirtualKeySchema).default([]),
  resilience: z
    .strictObject({
      breaker: BreakerSchema.prefault({}),
    })
    .prefault({}),
  ...POLICY_CONFIG_SHAPE,
  budgets: BudgetsSchema,
  budget_ledger: BudgetLedgerSettingsSchema.prefault({}),
  scorer: z
    .strictObject({
      /** Off: score-driven policies route every request to their most capable deployment. */
      enabled: z.boolean().default(true),
      /** A model directory written by `rung train`; default: the shipped model in models/. */
      model_dir: z.string().optional(),
      deadline_ms: z.number().positive().default(DEFAULTS.scorer.deadlineMs),
      /** Other scorer model directories by name, loaded at boot, for experiments that pin a version. */
      versions: z.record(z.string().regex(/^[A-Za-z0-9_.-]+$/), z.string()).default({}),
    })
    .prefault({}),
  experiments: ExperimentsSchema,
  store: StoreConfigSchema,
});

export type RungConfig = z.infer<typeof ConfigSchema>;
export type ProviderConfig = z.infer<typeof ProviderSchema>;
export type DeploymentConfig = z.infer<typeof DeploymentSchema>;
export type PolicyConfig = z.infer<typeof PolicySchema>;
export type VirtualKeyConfig = z.infer<typeof VirtualKeySchema>;
export type BreakerConfig = z.infer<typeof BreakerSchema>;
export type RetryConfig = z.infer<typeof RetrySchema>;
export type ScorerConfig = z.infer<typeof ConfigSchema>['scorer'];
