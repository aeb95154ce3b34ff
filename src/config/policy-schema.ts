// The shape of the `routing_rules` and `guardrails` config sections. Strict like the rest of the
// config: unknown keys, fields, operators and ill-typed values fail at boot with the exact path
// (`routing_rules.rules[1].when.any[0].op: unknown operator "like"`). Conditions are checked by a
// hand-written walker rather than a zod union, because a union can only say "invalid input" at the
// condition's root, while the walker names the one key at fault. Compiling conditions into
// predicates is `policy/condition.ts`'s job; this file only defines and checks the language.
import { z } from 'zod';
import { ConfigError, formatPath } from './config-error.ts';
import { TIERS } from './tiers.ts';

export const CONDITION_OPERATORS = ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'in', 'contains', 'starts_with', 'exists'] as const;
export type ConditionOperator = (typeof CONDITION_OPERATORS)[number];

/** Budget states, least to most constrained; ordering operators compare by this rank. */
export const BUDGET_STATES = ['ok', 'soft', 'throttle', 'exhausted'] as const;
export type BudgetState = (typeof BUDGET_STATES)[number];

/** What a field holds; decides which operators and values are valid against it. */
export type FieldKind = 'string' | 'number' | 'boolean' | 'budget' | 'string_list';

/** Fixed fields. `tags.<name>` fields are strings and are handled by `fieldKind`. A Map, so names such as "constructor" are not found on a prototype. */
export const CONDITION_FIELDS: ReadonlyMap<string, FieldKind> = new Map<string, FieldKind>([
  ['key.id', 'string'], ['key.workspace', 'string'], ['key.department', 'string'], ['key.agent', 'string'], ['key.project', 'string'],
  ['user', 'string'], ['template.id', 'string'], ['template.version', 'string'], ['task', 'string'], ['model', 'string'], ['region', 'string'],
  ['tokens', 'number'], ['score', 'number'],
  ['capability.tools', 'boolean'], ['capability.vision', 'boolean'], ['capability.json_schema', 'boolean'],
  ['capabilities', 'string_list'],
  ['budget', 'budget'],
]);

/** Tag names usable in `tags.<name>` and in the `x-rung-tags` header. */
export const TAG_NAME_PATTERN = /^[A-Za-z0-9_.-]{1,64}$/;

export function fieldKind(field: string): FieldKind | undefined {
  if (field.startsWith('tags.')) return TAG_NAME_PATTERN.test(field.slice('tags.'.length)) ? 'string' : undefined;
  return CONDITION_FIELDS.get(field);
}

export type ConditionScalar = string | number | boolean;
export type ConditionValue = ConditionScalar | ConditionScalar[];

export interface FieldCondition {
  field: string;
  op: ConditionOperator;
  value?: ConditionValue;
}
export type ConditionConfig = FieldCondition | { all: ConditionConfig[] } | { any: ConditionConfig[] } | { not: ConditionConfig };

type Report = (path: PropertyKey[], message: string) => void;

const OPERATORS_BY_KIND: Readonly<Record<FieldKind, readonly ConditionOperator[]>> = {
  string: ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'in', 'contains', 'starts_with', 'exists'],
  number: ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'in', 'exists'],
  boolean: ['eq', 'ne', 'exists'],
  budget: ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'in', 'exists'],
  string_list: ['contains', 'exists'],
};

const KIND_NAMES: Readonly<Record<FieldKind, string>> = {
  string: 'a string', number: 'a number', boolean: 'a boolean', budget: 'a budget state', string_list: 'a list of strings',
};

const COMBINATORS = ['all', 'any', 'not'] as const;
const LEAF_KEYS: ReadonlySet<string> = new Set(['field', 'op', 'value']);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A value as an error message shows it: strings quoted and cut short, containers by kind. */
function shown(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (Array.isArray(value)) return value.length === 0 ? 'an empty array' : 'an array';
  if (typeof value === 'string') return JSON.stringify(value.length <= 40 ? value : `${value.slice(0, 37)}...`);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/** The values a field of this kind can be compared with, as a message phrase. */
function expectedValue(kind: FieldKind): string {
  if (kind === 'budget') return `one of ${BUDGET_STATES.join(', ')}`;
  return kind === 'string_list' ? 'a string' : KIND_NAMES[kind];
}

function fits(kind: FieldKind, value: unknown): boolean {
  switch (kind) {
    case 'string':
    case 'string_list':
      return typeof value === 'string';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'budget':
      return typeof value === 'string' && (BUDGET_STATES as readonly string[]).includes(value);
  }
}

function checkLeaf(node: Record<string, unknown>, path: PropertyKey[], report: Report): void {
  for (const key of Object.keys(node)) if (!LEAF_KEYS.has(key)) report([...path, key], `unknown key "${key}"`);
  const { field, op, value } = node;
  if (typeof field !== 'string') {
    report([...path, 'field'], `expected a field name, got ${shown(field)}`);
    return;
  }
  const kind = fieldKind(field);
  if (kind === undefined) {
    report([...path, 'field'], `unknown field "${field}"`);
    return;
  }
  if (typeof op !== 'string') {
    report([...path, 'op'], `expected an operator, got ${shown(op)}`);
    return;
  }
  if (!(CONDITION_OPERATORS as readonly string[]).includes(op)) {
    report([...path, 'op'], `unknown operator "${op}"`);
    return;
  }
  if (!OPERATORS_BY_KIND[kind].includes(op as ConditionOperator)) {
    report([...path, 'op'], `operator "${op}" does not apply to field "${field}" (${KIND_NAMES[kind]})`);
    return;
  }
  const valuePath = [...path, 'value'];
  if (op === 'exists') {
    if (value !== undefined) report(valuePath, 'operator "exists" takes no value');
    return;
  }
  if (value === undefined) {
    report(valuePath, `operator "${op}" needs a value`);
    return;
  }
  const expected = expectedValue(kind);
  if (op === 'in') {
    if (!Array.isArray(value) || value.length === 0) {
      report(valuePath, `operator "in" needs a non-empty array, got ${shown(value)}`);
      return;
    }
    value.forEach((item: unknown, index) => {
      if (!fits(kind, item)) report([...valuePath, index], `field "${field}" is ${KIND_NAMES[kind]}: "in" needs ${expected}, got ${shown(item)}`);
    });
    return;
  }
  if (!fits(kind, value)) report(valuePath, `field "${field}" is ${KIND_NAMES[kind]}: "${op}" needs ${expected}, got ${shown(value)}`);
}

/** Walks an untrusted condition tree, reporting every problem with its path relative to the condition. */
export function checkCondition(node: unknown, path: PropertyKey[], report: Report): void {
  if (!isRecord(node)) {
    report(path, `expected a condition object, got ${shown(node)}`);
    return;
  }
  const present = [...COMBINATORS, 'field'].filter((key) => Object.hasOwn(node, key));
  if (present.length !== 1) {
    report(path, `give exactly one of field, all, any or not (got ${present.length === 0 ? 'none' : present.join(', ')})`);
    return;
  }
  const [kind] = present;
  if (kind === 'field') {
    checkLeaf(node, path, report);
    return;
  }
  for (const key of Object.keys(node)) if (key !== kind) report([...path, key], `unknown key "${key}"`);
  const inner = node[kind as (typeof COMBINATORS)[number]];
  if (kind === 'not') {
    checkCondition(inner, [...path, 'not'], report);
    return;
  }
  if (!Array.isArray(inner) || inner.length === 0) {
    report([...path, kind as string], `"${kind}" needs a non-empty array of conditions, got ${shown(inner)}`);
    return;
  }
  inner.forEach((child: unknown, index) => checkCondition(child, [...path, kind as string, index], report));
}

export const ConditionSchema = z.custom<ConditionConfig>().superRefine((value, context) => {
  checkCondition(value, [], (path, message) => context.addIssue({ code: 'custom', message, path }));
});

const NAME_PATTERN = /^[A-Za-z0-9_.:-]{1,64}$/;
const Name = z.string().regex(NAME_PATTERN, 'letters, digits and "_-.:" only, at most 64 characters');

export const RuleActionSchema = z
  .strictObject({
    policy: z.string().min(1).optional(),
    models: z.array(z.string().min(1)).min(1).optional(),
    block: z.string().min(1).optional(),
  })
  .refine((action) => [action.policy, action.models, action.block].filter((part) => part !== undefined).length === 1, {
    message: 'give exactly one of policy, models or block',
  });

export const RoutingRuleSchema = z.strictObject({
  name: Name,
  when: ConditionSchema,
  action: RuleActionSchema,
});

const RuleListSchema = z.array(RoutingRuleSchema).superRefine((rules, context) => {
  const seen = new Set<string>();
  rules.forEach((rule, index) => {
    if (seen.has(rule.name)) context.addIssue({ code: 'custom', message: `duplicate rule name "${rule.name}"`, path: [index, 'name'] });
    seen.add(rule.name);
  });
});

export const ProjectRulesSchema = z.strictObject({
  default_policy: z.string().min(1).optional(),
  rules: RuleListSchema.default([]),
});

export const RoutingRulesSchema = z.strictObject({
  /** Policy for requests sent to the automatic model when no rule matches. */
  default_policy: z.string().min(1).optional(),
  /** Ordered; the first match wins. */
  rules: RuleListSchema.default([]),
  /** Per project; a project's rules run before the org's. Selected by the key's project, else the `project` tag. */
  projects: z.record(Name, ProjectRulesSchema).default({}),
});

const ModelList = z.array(z.string().min(1)).min(1, 'an empty allowlist would block everything; list models or remove the entry');
const RegionList = z.array(z.string().min(1)).min(1, 'list at least one region');

const FloorSchema = z
  .strictObject({
    tasks: z.array(z.string().min(1)).min(1).optional(),
    tags: z.record(z.string().regex(TAG_NAME_PATTERN, 'a tag name'), z.string()).optional(),
    min_tier: z.enum(TIERS),
  })
  .refine((floor) => floor.tasks !== undefined || (floor.tags !== undefined && Object.keys(floor.tags).length > 0), {
    message: 'give tasks, tags or both: a floor needs something to match',
  });

export const GuardrailsSchema = z.strictObject({
  /** Model lists per workspace, department and agent: a deployment must pass every list that applies. */
  allowlists: z
    .strictObject({
      workspaces: z.record(z.string(), ModelList).default({}),
      departments: z.record(z.string(), ModelList).default({}),
      agents: z.record(z.string(), ModelList).default({}),
    })
    .prefault({}),
  /** Never route matching requests below `min_tier`; the highest applicable floor wins. */
  floors: z.array(FloorSchema).default([]),
  residency: z
    .strictObject({
      workspaces: z.record(z.string(), RegionList).default({}),
      keys: z.record(z.string(), RegionList).default({}),
      /** Honour `x-rung-region`; it may narrow a configured restriction, never widen it. */
      header: z.boolean().default(true),
    })
    .prefault({}),
  paid: z.strictObject({ deny_for_keys: z.array(z.string().min(1)).default([]) }).prefault({}),
});

/** Spread into the top-level config object: `z.strictObject({ ...existing, ...POLICY_CONFIG_SHAPE })`. */
export const POLICY_CONFIG_SHAPE = {
  routing_rules: RoutingRulesSchema.prefault({}),
  guardrails: GuardrailsSchema.prefault({}),
};

/** The two sections on their own; other top-level keys are ignored (not rejected) here. */
export const PolicySectionsSchema = z.object(POLICY_CONFIG_SHAPE);

export type RoutingRulesConfig = z.infer<typeof RoutingRulesSchema>;
export type RoutingRuleConfig = z.infer<typeof RoutingRuleSchema>;
export type ProjectRulesConfig = z.infer<typeof ProjectRulesSchema>;
export type GuardrailsConfig = z.infer<typeof GuardrailsSchema>;
export type FloorConfig = z.infer<typeof FloorSchema>;
export type PolicySections = z.infer<typeof PolicySectionsSchema>;

/** Validates the two sections alone (tests, admin reloads); issues are `path: reason` lines of a ConfigError. */
export function parsePolicySections(document: unknown, source = '(inline)'): PolicySections {
  const parsed = PolicySectionsSchema.safeParse(document);
  if (!parsed.success) throw new ConfigError(source, parsed.error.issues.map((issue) => `${formatPath(issue.path)}: ${issue.message}`));
  return parsed.data;
}
