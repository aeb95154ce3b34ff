import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { parsePolicySections } from '../../src/config/policy-schema.ts';
import { compileRules, projectName } from '../../src/policy/rules.ts';
import { signalsFor } from './fixtures.ts';

// The example from the design brief, as YAML, through the real schema.
const EXAMPLE = parsePolicySections(
  parseYaml(`
routing_rules:
  default_policy: balanced
  rules:
    - name: staging-is-cheap
      when: { field: tags.env, op: eq, value: staging }
      action: { policy: cost_optimized }
    - name: legal-never-cheap
      when: { any: [ { field: tags.team, op: in, value: [legal, compliance] }, { field: task, op: eq, value: long_context_synthesis } ] }
      action: { models: [gpt-4o, claude-sonnet] }
    - name: no-test-keys-in-prod
      when: { all: [ { field: key.workspace, op: starts_with, value: test- }, { not: { field: tags.env, op: exists } } ] }
      action: { block: "test keys must tag their environment" }
  projects:
    checkout:
      default_policy: quality_first
      rules:
        - name: checkout-staging
          when: { field: tags.env, op: eq, value: staging }
          action: { policy: balanced }
    analytics:
      rules:
        - name: analytics-big
          when: { field: tokens, op: gt, value: 50000 }
          action: { models: [mistral-large] }
`),
).routing_rules;

const engine = compileRules(EXAMPLE);

describe('rule evaluation', () => {
  it('applies a policy action', () => {
    expect(engine.evaluate(signalsFor({ headers: { 'x-rung-tags': 'env=staging' } }))).toEqual({
      rule: 'staging-is-cheap',
      action: { kind: 'policy', policy: 'cost_optimized' },
      project: null,
    });
  });

  it('applies a models action', () => {
    expect(engine.evaluate(signalsFor({ headers: { 'x-rung-task': 'long_context_synthesis' } }))).toEqual({
      rule: 'legal-never-cheap',
      action: { kind: 'models', models: ['gpt-4o', 'claude-sonnet'] },
      project: null,
    });
  });

  it('applies a block action', () => {
    const decision = engine.evaluate(signalsFor({ key: { id: 'ci', workspace: 'test-runner' } }));
    expect(decision).toEqual({ rule: 'no-test-keys-in-prod', action: { kind: 'block', message: 'test keys must tag their environment' }, project: null });
    // The same key with an environment tag is not blocked.
    expect(engine.evaluate(signalsFor({ key: { id: 'ci', workspace: 'test-runner' }, headers: { 'x-rung-tags': 'env=dev' } })).rule).toBeNull();
  });

  it('the first matching rule wins', () => {
    // Matches staging-is-cheap and legal-never-cheap; the earlier one wins.
    const decision = engine.evaluate(signalsFor({ headers: { 'x-rung-tags': 'env=staging,team=legal' } }));
    expect(decision.rule).toBe('staging-is-cheap');
    const reordered = compileRules({ ...EXAMPLE, rules: [...EXAMPLE.rules].reverse() });
    expect(reordered.evaluate(signalsFor({ headers: { 'x-rung-tags': 'env=staging,team=legal' } })).rule).toBe('legal-never-cheap');
  });

  it('returns the org default when nothing matches', () => {
    expect(engine.evaluate(signalsFor({ headers: { 'x-rung-tags': 'env=production' } }))).toEqual({
      rule: null,
      action: { kind: 'default', policy: 'balanced' },
      project: null,
    });
  });

  it('returns a null default when none is configured', () => {
    const bare = compileRules({ rules: [], projects: {} });
    expect(bare.evaluate(signalsFor())).toEqual({ rule: null, action: { kind: 'default', policy: null }, project: null });
    expect(compileRules(undefined).evaluate(signalsFor()).action).toEqual({ kind: 'default', policy: null });
  });
});

describe('projects', () => {
  it("runs a project's rules before the org's", () => {
    const decision = engine.evaluate(signalsFor({ headers: { 'x-rung-tags': 'project=checkout,env=staging' } }));
    expect(decision).toEqual({ rule: 'checkout-staging', action: { kind: 'policy', policy: 'balanced' }, project: 'checkout' });
  });

  it("falls through to the org's rules, reporting the project", () => {
    const decision = engine.evaluate(signalsFor({ headers: { 'x-rung-tags': 'project=checkout,team=legal' } }));
    expect(decision).toEqual({ rule: 'legal-never-cheap', action: { kind: 'models', models: ['gpt-4o', 'claude-sonnet'] }, project: 'checkout' });
  });

  it("uses the project's default, else the org's", () => {
    expect(engine.evaluate(signalsFor({ headers: { 'x-rung-tags': 'project=checkout' } })).action).toEqual({ kind: 'default', policy: 'quality_first' });
    expect(engine.evaluate(signalsFor({ headers: { 'x-rung-tags': 'project=analytics' } }))).toEqual({
      rule: null,
      action: { kind: 'default', policy: 'balanced' },
      project: 'analytics',
    });
  });

  it("the key's project wins over the project tag", () => {
    const signals = signalsFor({ key: { id: 'k', project: 'analytics' }, headers: { 'x-rung-tags': 'project=checkout,env=staging' }, tokens: 60_000 });
    expect(projectName(signals)).toBe('analytics');
    expect(engine.evaluate(signals)).toEqual({ rule: 'analytics-big', action: { kind: 'models', models: ['mistral-large'] }, project: 'analytics' });
  });

  it('an unconfigured project runs the org rules only', () => {
    const decision = engine.evaluate(signalsFor({ headers: { 'x-rung-tags': 'project=unknown,env=staging' } }));
    expect(decision).toEqual({ rule: 'staging-is-cheap', action: { kind: 'policy', policy: 'cost_optimized' }, project: null });
  });

  it('lists the configured projects', () => {
    expect(engine.projects).toEqual(['checkout', 'analytics']);
  });
});

describe('compiled decisions', () => {
  it('returns the same frozen decision object on every match', () => {
    const first = engine.evaluate(signalsFor({ headers: { 'x-rung-tags': 'env=staging' } }));
    const second = engine.evaluate(signalsFor({ headers: { 'x-rung-tags': 'env=staging' } }));
    expect(second).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(Object.isFrozen(first.action)).toBe(true);
  });
});
