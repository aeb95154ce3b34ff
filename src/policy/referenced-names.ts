// Every name the policy sections refer to, with its config path, so boot can check them against
// the catalogue. A typo must fail at boot: in a `deny_for_keys` list it would silently let a key
// reach paid deployments, and in a rule it would route to nothing.
import { formatPath } from '../config/config-error.ts';
import type { PolicySections, RoutingRuleConfig } from '../config/policy-schema.ts';
import type { RungConfig } from '../config/schema.ts';

/**
 * `policy`: a policy name (or an alias of one). `model`: anything a client may send as `model`
 * (deployment id, alias or policy). `key`: a virtual key id.
 */
export type ReferencedNameKind = 'policy' | 'model' | 'key';

export interface ReferencedName {
  readonly path: string;
  readonly name: string;
  readonly kind: ReferencedNameKind;
}

export function referencedNames(sections: Partial<PolicySections>): ReferencedName[] {
  const out: ReferencedName[] = [];
  const add = (path: PropertyKey[], name: string, kind: ReferencedNameKind) => out.push({ path: formatPath(path), name, kind });
  const addRules = (rules: readonly RoutingRuleConfig[], base: PropertyKey[]) => {
    rules.forEach((rule, index) => {
      const at = [...base, index, 'action'];
      if (rule.action.policy !== undefined) add([...at, 'policy'], rule.action.policy, 'policy');
      rule.action.models?.forEach((model, modelIndex) => add([...at, 'models', modelIndex], model, 'model'));
    });
  };

  const rules = sections.routing_rules;
  if (rules !== undefined) {
    if (rules.default_policy !== undefined) add(['routing_rules', 'default_policy'], rules.default_policy, 'policy');
    addRules(rules.rules, ['routing_rules', 'rules']);
    for (const [project, config] of Object.entries(rules.projects)) {
      if (config.default_policy !== undefined) add(['routing_rules', 'projects', project, 'default_policy'], config.default_policy, 'policy');
      addRules(config.rules, ['routing_rules', 'projects', project, 'rules']);
    }
  }

  const guardrails = sections.guardrails;
  if (guardrails !== undefined) {
    for (const group of ['workspaces', 'departments', 'agents'] as const) {
      for (const [owner, models] of Object.entries(guardrails.allowlists[group])) {
        models.forEach((model, index) => add(['guardrails', 'allowlists', group, owner, index], model, 'model'));
      }
    }
    for (const keyId of Object.keys(guardrails.residency.keys)) add(['guardrails', 'residency', 'keys', keyId], keyId, 'key');
    guardrails.paid.deny_for_keys.forEach((keyId, index) => add(['guardrails', 'paid', 'deny_for_keys', index], keyId, 'key'));
  }
  return out;
}

/** `path: reason` issues for names that do not exist in the config; empty when all resolve. */
export function checkPolicyReferences(
  sections: Partial<PolicySections>,
  config: Pick<RungConfig, 'deployments' | 'aliases' | 'policies' | 'keys'>,
): string[] {
  const deployments = new Set(config.deployments.map((deployment) => deployment.id));
  const policies = new Set(Object.keys(config.policies));
  const aliases = new Map(Object.entries(config.aliases));
  const keys = new Set(config.keys.map((key) => key.id));
  const isPolicy = (name: string) => {
    const target = aliases.get(name);
    return policies.has(name) || (target !== undefined && policies.has(target));
  };

  const issues: string[] = [];
  for (const reference of referencedNames(sections)) {
    const { name, kind, path } = reference;
    if (kind === 'policy' && !isPolicy(name)) issues.push(`${path}: unknown policy "${name}"`);
    if (kind === 'model' && !deployments.has(name) && !aliases.has(name) && !policies.has(name)) {
      issues.push(`${path}: unknown deployment, alias or policy "${name}"`);
    }
    if (kind === 'key' && !keys.has(name)) issues.push(`${path}: unknown key id "${name}"`);
  }
  return issues;
}
