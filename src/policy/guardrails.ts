// Policy guardrails: filters over an ordered candidate list that routing optimisation may never
// cross. A deployment survives only if it passes every control that applies to the request:
//   key allowlist → workspace / department / agent allowlists (intersection) → residency → paid → floor.
// Order is preserved, so the caller can apply this to a whole fallback chain and no fallback can
// leave the allowed set. Each removed deployment is reported with the first control that removed it.
// Identity-based controls read the authenticated key only, never tags: a client cannot claim a
// workspace. Floors match tags and task on purpose: they protect quality, not access.
import { ConfigError, formatPath } from '../config/config-error.ts';
import { GuardrailsSchema, type GuardrailsConfig } from '../config/policy-schema.ts';
import type { Tier } from '../config/schema.ts';
import type { Deployment } from '../routing/catalog.ts';
import { tierRank } from '../routing/tier-inference.ts';
import type { ModelNameResolver } from './model-names.ts';
import type { RequestSignals } from './signals.ts';

export const GUARDRAIL_CONTROLS = ['key_allowlist', 'workspace_allowlist', 'department_allowlist', 'agent_allowlist', 'residency', 'paid', 'floor'] as const;
export type GuardrailControl = (typeof GUARDRAIL_CONTROLS)[number];

export interface RemovedDeployment {
  readonly id: string;
  readonly control: GuardrailControl;
  /** A sentence fragment a person can read: `region us is not in [eu]`. */
  readonly reason: string;
  /** The deployment's value that failed the control (its region or tier), for one-line explanations. */
  readonly detail: string | null;
}

export interface GuardrailResult {
  /** Candidates that passed every control, in their original order. */
  readonly allowed: Deployment[];
  readonly removed: RemovedDeployment[];
  /** The highest applicable floor; null when no floor applies. */
  readonly floorTier: Tier | null;
  /** The regions the request is restricted to; null when unrestricted. May be empty (nothing allowed). */
  readonly regions: readonly string[] | null;
}

export interface CompiledFloor {
  readonly tasks: ReadonlySet<string> | null;
  readonly tags: readonly (readonly [string, string])[];
  readonly tier: Tier;
}

/** Guardrails compiled at boot: every model name already expanded to deployment ids. */
export interface Guardrails {
  readonly workspaceAllowlists: ReadonlyMap<string, ReadonlySet<string>>;
  readonly departmentAllowlists: ReadonlyMap<string, ReadonlySet<string>>;
  readonly agentAllowlists: ReadonlyMap<string, ReadonlySet<string>>;
  readonly floors: readonly CompiledFloor[];
  readonly workspaceRegions: ReadonlyMap<string, readonly string[]>;
  readonly keyRegions: ReadonlyMap<string, readonly string[]>;
  readonly honourRegionHeader: boolean;
  readonly paidDeniedKeys: ReadonlySet<string>;
}

export interface GuardrailContext {
  readonly guardrails: Guardrails;
  /** The key's `allowed_models` expanded to deployment ids (`ModelNameResolver.expand`); null = no key restriction. */
  readonly keyAllowedDeployments: ReadonlySet<string> | null;
}

function expandLists(lists: Readonly<Record<string, readonly string[]>>, resolver: ModelNameResolver): Map<string, ReadonlySet<string>> {
  return new Map(Object.entries(lists).map(([name, models]) => [name, resolver.expand(models)]));
}

/**
 * Validates the section (again, for input that did not come through the boot schema), applies
 * defaults, and expands every model name through the resolver. Problems throw a ConfigError with
 * `guardrails.`-prefixed paths.
 */
export function compileGuardrails(config: Partial<GuardrailsConfig> | undefined, resolver: ModelNameResolver, source = '(guardrails)'): Guardrails {
  const parsed = GuardrailsSchema.safeParse(config ?? {});
  if (!parsed.success) {
    throw new ConfigError(source, parsed.error.issues.map((issue) => `${formatPath(['guardrails', ...issue.path])}: ${issue.message}`));
  }
  const checked = parsed.data;
  return {
    workspaceAllowlists: expandLists(checked.allowlists.workspaces, resolver),
    departmentAllowlists: expandLists(checked.allowlists.departments, resolver),
    agentAllowlists: expandLists(checked.allowlists.agents, resolver),
    floors: checked.floors.map((floor) => ({
      tasks: floor.tasks === undefined ? null : new Set(floor.tasks),
      tags: Object.entries(floor.tags ?? {}),
      tier: floor.min_tier,
    })),
    workspaceRegions: new Map(Object.entries(checked.residency.workspaces)),
    keyRegions: new Map(Object.entries(checked.residency.keys)),
    honourRegionHeader: checked.residency.header,
    paidDeniedKeys: new Set(checked.paid.deny_for_keys),
  };
}

/** The highest (most capable) tier among the floors that match; null when none does. */
export function floorTierFor(guardrails: Guardrails, signals: RequestSignals): Tier | null {
  let highest: Tier | null = null;
  for (const floor of guardrails.floors) {
    if (floor.tasks !== null && (signals.task === null || !floor.tasks.has(signals.task))) continue;
    const tagsMatch = floor.tags.every(([name, value]) => Object.hasOwn(signals.tags, name) && signals.tags[name] === value);
    if (!tagsMatch) continue;
    if (highest === null || tierRank(floor.tier) < tierRank(highest)) highest = floor.tier;
  }
  return highest;
}

/**
 * The regions a request may reach: the intersection of its workspace's and key's restrictions,
 * narrowed by `x-rung-region` when honoured. The header can only intersect, so asking for a region
 * outside a configured restriction leaves nothing rather than widening it. Null: unrestricted.
 */
export function residencyFor(guardrails: Guardrails, signals: RequestSignals): readonly string[] | null {
  let regions: string[] | null = null;
  const narrow = (list: readonly string[]) => {
    regions = regions === null ? [...new Set(list)] : regions.filter((region) => list.includes(region));
  };
  const workspace = signals.key.workspace === null ? undefined : guardrails.workspaceRegions.get(signals.key.workspace);
  if (workspace !== undefined) narrow(workspace);
  const key = signals.key.id === null ? undefined : guardrails.keyRegions.get(signals.key.id);
  if (key !== undefined) narrow(key);
  if (guardrails.honourRegionHeader && signals.region !== null) narrow([signals.region]);
  return regions;
}

interface ListCheck {
  readonly control: GuardrailControl;
  readonly allowed: ReadonlySet<string>;
  readonly reason: string;
}

function applicableLists(guardrails: Guardrails, signals: RequestSignals, keyAllowed: ReadonlySet<string> | null): ListCheck[] {
  const checks: ListCheck[] = [];
  if (keyAllowed !== null) checks.push({ control: 'key_allowlist', allowed: keyAllowed, reason: `not in the allowed models of key "${signals.key.id ?? 'anonymous'}"` });
  const add = (control: GuardrailControl, lists: ReadonlyMap<string, ReadonlySet<string>>, what: string, name: string | null) => {
    const allowed = name === null ? undefined : lists.get(name);
    if (allowed !== undefined) checks.push({ control, allowed, reason: `not in the allowlist of ${what} "${name ?? ''}"` });
  };
  add('workspace_allowlist', guardrails.workspaceAllowlists, 'workspace', signals.key.workspace);
  add('department_allowlist', guardrails.departmentAllowlists, 'department', signals.key.department);
  add('agent_allowlist', guardrails.agentAllowlists, 'agent', signals.key.agent);
  return checks;
}

/** Filters candidates (order preserved); see the file comment for the controls and their order. */
export function applyGuardrails(candidates: readonly Deployment[], signals: RequestSignals, context: GuardrailContext): GuardrailResult {
  const { guardrails } = context;
  const lists = applicableLists(guardrails, signals, context.keyAllowedDeployments);
  const regions = residencyFor(guardrails, signals);
  const regionSet = regions === null ? null : new Set(regions);
  const paidDenied = signals.key.id !== null && guardrails.paidDeniedKeys.has(signals.key.id);
  const floorTier = floorTierFor(guardrails, signals);

  const allowed: Deployment[] = [];
  const removed: RemovedDeployment[] = [];
  for (const deployment of candidates) {
    const failure = firstFailure(deployment, { lists, regions, regionSet, paidDenied, keyId: signals.key.id, floorTier });
    if (failure === undefined) allowed.push(deployment);
    else removed.push({ id: deployment.id, ...failure });
  }
  return { allowed, removed, floorTier, regions };
}

interface RequestControls {
  readonly lists: readonly ListCheck[];
  readonly regions: readonly string[] | null;
  readonly regionSet: ReadonlySet<string> | null;
  readonly paidDenied: boolean;
  readonly keyId: string | null;
  readonly floorTier: Tier | null;
}

function firstFailure(deployment: Deployment, controls: RequestControls): Omit<RemovedDeployment, 'id'> | undefined {
  for (const list of controls.lists) {
    if (!list.allowed.has(deployment.id)) return { control: list.control, reason: list.reason, detail: null };
  }
  if (controls.regionSet !== null && (deployment.region === undefined || !controls.regionSet.has(deployment.region))) {
    const allowedRegions = `[${(controls.regions ?? []).join(', ')}]`;
    const reason = deployment.region === undefined ? `has no configured region; allowed: ${allowedRegions}` : `region ${deployment.region} is not in ${allowedRegions}`;
    return { control: 'residency', reason, detail: deployment.region ?? 'no region' };
  }
  if (controls.paidDenied && deployment.paid) {
    return { control: 'paid', reason: `paid deployments are denied for key "${controls.keyId ?? ''}"`, detail: null };
  }
  if (controls.floorTier !== null && tierRank(deployment.tier) > tierRank(controls.floorTier)) {
    return { control: 'floor', reason: `tier ${deployment.tier} is below the floor ${controls.floorTier}`, detail: deployment.tier };
  }
  return undefined;
}
