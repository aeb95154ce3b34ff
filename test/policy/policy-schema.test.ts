import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConfigError, formatPath } from '../../src/config/config-error.ts';
import { ConfigSchema } from '../../src/config/schema.ts';
import { parsePolicySections, POLICY_CONFIG_SHAPE, type RoutingRulesConfig } from '../../src/config/policy-schema.ts';
import { compileRules } from '../../src/policy/rules.ts';
import { checkPolicyReferences, referencedNames } from '../../src/policy/referenced-names.ts';
import { policyTestConfig } from './fixtures.ts';

function issuesOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (error) {
    if (error instanceof ConfigError) return error.issues;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

/** Issues for a rule list where rule[1] has the given `when` (rule[0] is valid). */
function whenIssues(when: unknown): string[] {
  return issuesOf(() =>
    parsePolicySections({
      routing_rules: {
        rules: [
          { name: 'fine', when: { field: 'tags.env', op: 'exists' }, action: { policy: 'balanced' } },
          { name: 'probe', when, action: { policy: 'balanced' } },
        ],
      },
    }),
  );
}

describe('routing_rules validation at boot', () => {
  it('names an unknown operator with its full path', () => {
    const when = { any: [{ field: 'tags.team', op: 'like', value: 'leg%' }, { field: 'task', op: 'eq', value: 'x' }] };
    expect(whenIssues(when)).toEqual(['routing_rules.rules[1].when.any[0].op: unknown operator "like"']);
  });

  it('names an unknown field', () => {
    expect(whenIssues({ field: 'tag.env', op: 'eq', value: 'x' })).toEqual(['routing_rules.rules[1].when.field: unknown field "tag.env"']);
    expect(whenIssues({ field: 'tags.', op: 'eq', value: 'x' })).toEqual(['routing_rules.rules[1].when.field: unknown field "tags."']);
    expect(whenIssues({ field: 'constructor', op: 'exists' })).toEqual(['routing_rules.rules[1].when.field: unknown field "constructor"']);
  });

  it('rejects wrong value types for the field and operator', () => {
    expect(whenIssues({ field: 'tags.team', op: 'in', value: 'legal' })).toEqual([
      'routing_rules.rules[1].when.value: operator "in" needs a non-empty array, got "legal"',
    ]);
    expect(whenIssues({ field: 'tags.team', op: 'in', value: [] })).toEqual([
      'routing_rules.rules[1].when.value: operator "in" needs a non-empty array, got an empty array',
    ]);
    expect(whenIssues({ field: 'tokens', op: 'gt', value: '1000' })).toEqual([
      'routing_rules.rules[1].when.value: field "tokens" is a number: "gt" needs a number, got "1000"',
    ]);
    expect(whenIssues({ field: 'tokens', op: 'in', value: [1, 'two'] })).toEqual([
      'routing_rules.rules[1].when.value[1]: field "tokens" is a number: "in" needs a number, got "two"',
    ]);
    expect(whenIssues({ field: 'capability.tools', op: 'eq', value: 'yes' })).toEqual([
      'routing_rules.rules[1].when.value: field "capability.tools" is a boolean: "eq" needs a boolean, got "yes"',
    ]);
    expect(whenIssues({ field: 'budget', op: 'gte', value: 'low' })).toEqual([
      'routing_rules.rules[1].when.value: field "budget" is a budget state: "gte" needs one of ok, soft, throttle, exhausted, got "low"',
    ]);
    expect(whenIssues({ field: 'tags.env', op: 'eq', value: 3 })).toEqual([
      'routing_rules.rules[1].when.value: field "tags.env" is a string: "eq" needs a string, got 3',
    ]);
  });

  it('rejects operators that do not apply to the field', () => {
    expect(whenIssues({ field: 'tokens', op: 'contains', value: 1 })).toEqual([
      'routing_rules.rules[1].when.op: operator "contains" does not apply to field "tokens" (a number)',
    ]);
    expect(whenIssues({ field: 'capability.vision', op: 'gt', value: true })).toEqual([
      'routing_rules.rules[1].when.op: operator "gt" does not apply to field "capability.vision" (a boolean)',
    ]);
  });

  it('rejects a missing value, a value on exists, and unknown keys', () => {
    expect(whenIssues({ field: 'task', op: 'eq' })).toEqual(['routing_rules.rules[1].when.value: operator "eq" needs a value']);
    expect(whenIssues({ field: 'task', op: 'exists', value: 'x' })).toEqual(['routing_rules.rules[1].when.value: operator "exists" takes no value']);
    expect(whenIssues({ field: 'task', op: 'exists', negate: true })).toEqual(['routing_rules.rules[1].when.negate: unknown key "negate"']);
  });

  it('rejects malformed combinators', () => {
    expect(whenIssues({ all: [] })).toEqual(['routing_rules.rules[1].when.all: "all" needs a non-empty array of conditions, got an empty array']);
    expect(whenIssues({ any: { field: 'task', op: 'exists' } })).toEqual([
      'routing_rules.rules[1].when.any: "any" needs a non-empty array of conditions, got an object',
    ]);
    expect(whenIssues({ all: [{ field: 'task', op: 'exists' }], field: 'task' })).toEqual([
      'routing_rules.rules[1].when: give exactly one of field, all, any or not (got all, field)',
    ]);
    expect(whenIssues({})).toEqual(['routing_rules.rules[1].when: give exactly one of field, all, any or not (got none)']);
    expect(whenIssues('tags.env == x')).toEqual(['routing_rules.rules[1].when: expected a condition object, got "tags.env == x"']);
    expect(whenIssues(undefined)).toEqual(['routing_rules.rules[1].when: expected a condition object, got nothing']);
  });

  it('reports deep problems at their exact path, inside projects too', () => {
    const issues = issuesOf(() =>
      parsePolicySections({
        routing_rules: {
          projects: {
            checkout: {
              rules: [{ name: 'deep', when: { not: { all: [{ field: 'task', op: 'exists' }, { any: [{ field: 'score', op: 'lt', value: 'high' }] }] } }, action: { policy: 'balanced' } }],
            },
          },
        },
      }),
    );
    expect(issues).toEqual(['routing_rules.projects.checkout.rules[0].when.not.all[1].any[0].value: field "score" is a number: "lt" needs a number, got "high"']);
  });

  it('checks actions and rule names', () => {
    const issues = issuesOf(() =>
      parsePolicySections({
        routing_rules: {
          rules: [
            { name: 'two-actions', when: { field: 'task', op: 'exists' }, action: { policy: 'balanced', block: 'no' } },
            { name: 'no-action', when: { field: 'task', op: 'exists' }, action: {} },
            { name: 'two-actions', when: { field: 'task', op: 'exists' }, action: { models: [] } },
            { name: 'bad name!', when: { field: 'task', op: 'exists' }, action: { route: 'x' } },
          ],
        },
      }),
    );
    expect(issues).toContain('routing_rules.rules[0].action: give exactly one of policy, models or block');
    expect(issues).toContain('routing_rules.rules[1].action: give exactly one of policy, models or block');
    expect(issues).toContain('routing_rules.rules[2].name: duplicate rule name "two-actions"');
    expect(issues.some((issue) => issue.startsWith('routing_rules.rules[2].action.models:'))).toBe(true);
    expect(issues.some((issue) => issue.startsWith('routing_rules.rules[3].name:'))).toBe(true);
    expect(issues.some((issue) => issue.startsWith('routing_rules.rules[3].action:') && issue.includes('route'))).toBe(true);
  });

  it('reports the same paths when mounted into the top-level config schema', () => {
    const Mounted = z.strictObject({ ...ConfigSchema.shape, ...POLICY_CONFIG_SHAPE });
    const result = Mounted.safeParse({
      providers: [{ id: 'p', type: 'openai', base_url: 'http://127.0.0.1:1/v1' }],
      deployments: [{ id: 'd', provider: 'p', model: 'd', price: { input_per_mtok: 1, output_per_mtok: 1 }, context_window: 1000 }],
      routing_rules: { rules: [{ name: 'r', when: { any: [{ field: 'task', op: 'like', value: 'x' }] }, action: { policy: 'p' } }] },
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => `${formatPath(issue.path)}: ${issue.message}`)).toEqual([
      'routing_rules.rules[0].when.any[0].op: unknown operator "like"',
    ]);
  });

  it('compileRules validates its input too and prefixes the section name', () => {
    const config = { rules: [{ name: 'r', when: { field: 'tokens', op: 'gt' }, action: { policy: 'p' } }] } as unknown as RoutingRulesConfig;
    expect(issuesOf(() => compileRules(config))).toEqual(['routing_rules.rules[0].when.value: operator "gt" needs a value']);
  });
});

describe('guardrails validation at boot', () => {
  it('rejects unknown keys, bad tiers, empty lists and floors that match nothing', () => {
    const issues = issuesOf(() =>
      parsePolicySections({
        guardrails: {
          allowlists: { workspaces: { research: [] }, teams: {} },
          floors: [{ tasks: ['debugging'], min_tier: 'huge' }, { min_tier: 'mid' }],
          residency: { workspaces: { 'eu-bank': [] }, header: 'yes' },
          paid: { deny_for_keys: 'intern-bot' },
        },
      }),
    );
    expect(issues).toEqual(expect.arrayContaining([
      'guardrails.allowlists.workspaces.research: an empty allowlist would block everything; list models or remove the entry',
      'guardrails.floors[1]: give tasks, tags or both: a floor needs something to match',
      'guardrails.residency.workspaces.eu-bank: list at least one region',
    ]));
    expect(issues.some((issue) => issue.startsWith('guardrails.allowlists:') && issue.includes('teams'))).toBe(true);
    expect(issues.some((issue) => issue.startsWith('guardrails.floors[0].min_tier:'))).toBe(true);
    expect(issues.some((issue) => issue.startsWith('guardrails.residency.header:'))).toBe(true);
    expect(issues.some((issue) => issue.startsWith('guardrails.paid.deny_for_keys:'))).toBe(true);
  });

  it('fills defaults for absent sections', () => {
    const sections = parsePolicySections({});
    expect(sections.routing_rules).toEqual({ rules: [], projects: {} });
    expect(sections.guardrails.residency.header).toBe(true);
    expect(sections.guardrails.floors).toEqual([]);
    expect(sections.guardrails.paid.deny_for_keys).toEqual([]);
  });
});

describe('referenced names', () => {
  const sections = parsePolicySections({
    routing_rules: {
      default_policy: 'balanced',
      rules: [
        { name: 'cheap', when: { field: 'tags.env', op: 'eq', value: 'staging' }, action: { policy: 'cost_optimized' } },
        { name: 'legal', when: { field: 'tags.team', op: 'eq', value: 'legal' }, action: { models: ['gpt-4o', 'claude-sonet'] } },
      ],
      projects: { checkout: { default_policy: 'quality-first', rules: [] } },
    },
    guardrails: {
      allowlists: { departments: { support: ['fast', 'smart', 'gpt-4o-mini'] } },
      residency: { keys: { 'research-key': ['eu'], 'ghost-key': ['us'] } },
      paid: { deny_for_keys: ['intern-bot', 'inturn-bot'] },
    },
  });

  it('lists every policy, model and key name with its path', () => {
    expect(referencedNames(sections)).toEqual([
      { path: 'routing_rules.default_policy', name: 'balanced', kind: 'policy' },
      { path: 'routing_rules.rules[0].action.policy', name: 'cost_optimized', kind: 'policy' },
      { path: 'routing_rules.rules[1].action.models[0]', name: 'gpt-4o', kind: 'model' },
      { path: 'routing_rules.rules[1].action.models[1]', name: 'claude-sonet', kind: 'model' },
      { path: 'routing_rules.projects.checkout.default_policy', name: 'quality-first', kind: 'policy' },
      { path: 'guardrails.allowlists.departments.support[0]', name: 'fast', kind: 'model' },
      { path: 'guardrails.allowlists.departments.support[1]', name: 'smart', kind: 'model' },
      { path: 'guardrails.allowlists.departments.support[2]', name: 'gpt-4o-mini', kind: 'model' },
      { path: 'guardrails.residency.keys.research-key', name: 'research-key', kind: 'key' },
      { path: 'guardrails.residency.keys.ghost-key', name: 'ghost-key', kind: 'key' },
      { path: 'guardrails.paid.deny_for_keys[0]', name: 'intern-bot', kind: 'key' },
      { path: 'guardrails.paid.deny_for_keys[1]', name: 'inturn-bot', kind: 'key' },
    ]);
  });

  it('cross-checks them against a real config', () => {
    expect(checkPolicyReferences(sections, policyTestConfig())).toEqual([
      'routing_rules.rules[1].action.models[1]: unknown deployment, alias or policy "claude-sonet"',
      'routing_rules.projects.checkout.default_policy: unknown policy "quality-first"',
      'guardrails.residency.keys.ghost-key: unknown key id "ghost-key"',
      'guardrails.paid.deny_for_keys[1]: unknown key id "inturn-bot"',
    ]);
  });

  it('accepts an alias of a policy where a policy is expected', () => {
    const withAlias = parsePolicySections({ routing_rules: { default_policy: 'smart' } });
    expect(checkPolicyReferences(withAlias, policyTestConfig())).toEqual([]);
    const aliasOfDeployment = parsePolicySections({ routing_rules: { default_policy: 'fast' } });
    expect(checkPolicyReferences(aliasOfDeployment, policyTestConfig())).toEqual(['routing_rules.default_policy: unknown policy "fast"']);
  });
});
