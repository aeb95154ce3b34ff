// Tag-based routing rules: ordered `when → action` pairs, compiled once at boot. A request's
// project (the key's `project`, else its `project` tag) runs that project's rules first, then the
// org's; the first match wins. With no match the result is the project's default policy, else the
// org's, else null (the caller decides what "no default" means for its automatic model).
import { ConfigError, formatPath } from '../config/config-error.ts';
import { RoutingRulesSchema, type RoutingRuleConfig, type RoutingRulesConfig } from '../config/policy-schema.ts';
import { compileCondition, type Predicate } from './condition.ts';
import type { RequestSignals } from './signals.ts';

export type RuleAction =
  | { readonly kind: 'policy'; readonly policy: string }
  | { readonly kind: 'models'; readonly models: readonly string[] }
  | { readonly kind: 'block'; readonly message: string }
  | { readonly kind: 'default'; readonly policy: string | null };

export interface RuleDecision {
  /** The matching rule's name; null when none matched. */
  readonly rule: string | null;
  readonly action: RuleAction;
  /** The configured project whose rules and default were consulted; null for org-only. */
  readonly project: string | null;
}

export interface RuleEngine {
  evaluate(signals: RequestSignals): RuleDecision;
  /** Names of the configured projects. */
  readonly projects: readonly string[];
}

interface CompiledRule {
  readonly matches: Predicate;
  /** Built once; evaluation returns this object as is. */
  readonly decision: RuleDecision;
}

interface CompiledRuleSet {
  readonly rules: readonly CompiledRule[];
  readonly fallback: RuleDecision;
}

function actionOf(rule: RoutingRuleConfig): RuleAction {
  const { action } = rule;
  if (action.block !== undefined) return { kind: 'block', message: action.block };
  if (action.models !== undefined) return { kind: 'models', models: Object.freeze([...action.models]) };
  if (action.policy !== undefined) return { kind: 'policy', policy: action.policy };
  throw new Error(`rule "${rule.name}" has no action`);
}

/** Conditions are compiled once per rule; decisions once per (rule, project) so evaluation allocates nothing. */
function compileList(rules: readonly RoutingRuleConfig[]): { rule: RoutingRuleConfig; matches: Predicate }[] {
  return rules.map((rule) => ({ rule, matches: compileCondition(rule.when) }));
}

function withProject(compiled: readonly { rule: RoutingRuleConfig; matches: Predicate }[], project: string | null): CompiledRule[] {
  return compiled.map(({ rule, matches }) => ({
    matches,
    decision: Object.freeze({ rule: rule.name, action: Object.freeze(actionOf(rule)), project }),
  }));
}

function defaultDecision(policy: string | undefined, project: string | null): RuleDecision {
  return Object.freeze({ rule: null, action: Object.freeze({ kind: 'default', policy: policy ?? null }), project });
}

/**
 * Validates (again: the input may come from somewhere other than the boot-time schema, such as an
 * admin reload) and compiles the `routing_rules` section. Problems throw a ConfigError whose lines
 * carry full paths such as `routing_rules.rules[1].when.any[0].op: unknown operator "like"`.
 */
export function compileRules(config: RoutingRulesConfig | undefined, source = '(routing_rules)'): RuleEngine {
  const parsed = RoutingRulesSchema.safeParse(config ?? {});
  if (!parsed.success) {
    throw new ConfigError(source, parsed.error.issues.map((issue) => `${formatPath(['routing_rules', ...issue.path])}: ${issue.message}`));
  }
  const checked = parsed.data;
  const orgRules = compileList(checked.rules);
  const org: CompiledRuleSet = {
    rules: withProject(orgRules, null),
    fallback: defaultDecision(checked.default_policy, null),
  };
  const projects = new Map<string, CompiledRuleSet>();
  for (const [name, project] of Object.entries(checked.projects)) {
    projects.set(name, {
      rules: [...withProject(compileList(project.rules), name), ...withProject(orgRules, name)],
      fallback: defaultDecision(project.default_policy ?? checked.default_policy, name),
    });
  }

  return {
    projects: Object.freeze([...projects.keys()]),
    evaluate(signals: RequestSignals): RuleDecision {
      const project = projectName(signals);
      const set = (project === null ? undefined : projects.get(project)) ?? org;
      for (const rule of set.rules) if (rule.matches(signals)) return rule.decision;
      return set.fallback;
    },
  };
}

/**
 * The project a request belongs to. The key's project is configuration the client cannot change,
 * so it wins outright; the `project` tag only selects a project for keys bound to none.
 */
export function projectName(signals: RequestSignals): string | null {
  if (signals.key.project !== null) return signals.key.project;
  return Object.hasOwn(signals.tags, 'project') ? (signals.tags['project'] ?? null) : null;
}
