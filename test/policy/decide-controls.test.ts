import { describe, expect, it } from 'vitest';
import { parsePolicySections } from '../../src/config/policy-schema.ts';
import { RungError } from '../../src/errors/rung-error.ts';
import { decideControls } from '../../src/policy/decide-controls.ts';
import { explainRouting, MAX_REASON_LENGTH, toReasonLine } from '../../src/policy/explain.ts';
import { applyGuardrails, compileGuardrails, type GuardrailResult } from '../../src/policy/guardrails.ts';
import { ModelNameResolver } from '../../src/policy/model-names.ts';
import { compileRules, type RuleDecision } from '../../src/policy/rules.ts';
import type { RequestSignals } from '../../src/policy/signals.ts';
import { policyTestCatalog, policyTestConfig, signalsFor } from './fixtures.ts';

const config = policyTestConfig();
const catalog = policyTestCatalog();
const resolver = new ModelNameResolver(config);

const sections = parsePolicySections({
  routing_rules: {
    default_policy: 'balanced',
    rules: [
      { name: 'staging-is-cheap', when: { field: 'tags.env', op: 'eq', value: 'staging' }, action: { policy: 'cost_optimized' } },
      { name: 'legal-models', when: { field: 'tags.team', op: 'eq', value: 'legal' }, action: { models: ['gpt-4o', 'claude-haiku'] } },
      { name: 'no-test-keys', when: { field: 'key.workspace', op: 'starts_with', value: 'test-' }, action: { block: 'test keys must tag their environment' } },
    ],
    projects: { checkout: { rules: [{ name: 'checkout-staging', when: { field: 'tags.env', op: 'eq', value: 'staging' }, action: { policy: 'balanced' } }] } },
  },
  guardrails: {
    allowlists: { workspaces: { research: ['gpt-4o', 'claude-sonnet', 'gemini-flash'] } },
    residency: { workspaces: { 'eu-bank': ['eu'] } },
    paid: { deny_for_keys: ['intern-bot'] },
  },
});
const rules = compileRules(sections.routing_rules);
const guardrails = compileGuardrails(sections.guardrails, resolver);

/** The pipeline as the lead wires it: rule → candidates of the chosen route → guardrails → decision. */
function pipeline(signals: RequestSignals): { decision: RuleDecision; guarded: GuardrailResult } {
  const decision = rules.evaluate(signals);
  const action = decision.action;
  const names = action.kind === 'models' ? action.models : action.kind === 'block' ? [] : [action.policy ?? 'balanced'];
  const candidates = [...resolver.expand(names)].map((id) => catalog.get(id));
  return { decision, guarded: applyGuardrails(candidates, signals, { guardrails, keyAllowedDeployments: null }) };
}

describe('precedence', () => {
  const blockedAndEmpty = () => {
    // Blocked by rule, budget throttled, and no candidate left: the rule block decides.
    const signals = signalsFor({ key: { id: 'intern-bot', workspace: 'test-ci' }, budget: 'throttle' });
    const { decision } = pipeline(signals);
    const guarded = applyGuardrails([catalog.get('gpt-4o')], signals, { guardrails, keyAllowedDeployments: null });
    return { decision, guarded, signals };
  };

  it('a rule block beats throttle and needs_configuration', () => {
    const { decision, guarded } = blockedAndEmpty();
    expect(guarded.allowed).toEqual([]);
    const result = decideControls({ rules: decision, guardrails: guarded, budget: 'throttle' });
    expect(result.outcome).toBe('block');
    expect(result.control).toBe('rule:no-test-keys');
    expect(result.reason).toBe('rule no-test-keys -> block');
    expect(result.error?.code).toBe('blocked_by_rule');
    expect(result.error?.status).toBe(403);
    expect(result.error?.message).toBe('Blocked by routing rule "no-test-keys": test keys must tag their environment');
  });

  it('an exhausted budget blocks, ahead of throttle and needs_configuration', () => {
    const { guarded } = blockedAndEmpty();
    const result = decideControls({ rules: rules.evaluate(signalsFor()), guardrails: guarded, budget: 'exhausted' });
    expect([result.outcome, result.control, result.error?.code, result.error?.status]).toEqual(['block', 'budget', 'budget_exceeded', 402]);
  });

  it('a throttled budget beats needs_configuration', () => {
    const { guarded } = blockedAndEmpty();
    const result = decideControls({ rules: rules.evaluate(signalsFor()), guardrails: guarded, budget: 'throttle' });
    expect([result.outcome, result.control, result.error?.code, result.error?.status]).toEqual(['throttle', 'budget', 'budget_throttled', 429]);
  });

  it("uses the budget service's own reason and error when given", () => {
    const own = new RungError('budget_throttled', 'Budget "team" is at 91%.', { retryAfterMs: 60_000 });
    const { guarded } = blockedAndEmpty();
    const result = decideControls({ rules: rules.evaluate(signalsFor()), guardrails: guarded, budget: { state: 'throttle', reason: 'budget team throttle: 91%', error: own } });
    expect(result.error).toBe(own);
    expect(result.reason).toBe('budget team throttle: 91%');
  });

  it('needs explicit configuration when every candidate was removed, listing each one', () => {
    const signals = signalsFor({ key: { id: 'intern-bot', workspace: 'eu-bank' } });
    const guarded = applyGuardrails(['gpt-4o', 'mistral-large', 'llama-local'].map((id) => catalog.get(id)), signals, { guardrails, keyAllowedDeployments: null });
    const result = decideControls({ rules: rules.evaluate(signals), guardrails: guarded, budget: 'soft' });
    expect(result.outcome).toBe('needs_configuration');
    expect(result.control).toBe('residency+paid');
    expect(result.error?.code).toBe('no_eligible_deployment');
    expect(result.error?.message).toBe(
      'No allowed deployment can serve this request; explicit configuration is required. Removed: '
        + 'gpt-4o by residency (region us is not in [eu]); '
        + 'mistral-large by paid (paid deployments are denied for key "intern-bot"); '
        + 'llama-local by residency (has no configured region; allowed: [eu]).',
    );
    expect(result.error?.toBody().error['removed']).toEqual([
      { deployment: 'gpt-4o', control: 'residency', reason: 'region us is not in [eu]' },
      { deployment: 'mistral-large', control: 'paid', reason: 'paid deployments are denied for key "intern-bot"' },
      { deployment: 'llama-local', control: 'residency', reason: 'has no configured region; allowed: [eu]' },
    ]);
  });

  it('needs configuration when the route had no candidates at all', () => {
    const empty = applyGuardrails([], signalsFor(), { guardrails, keyAllowedDeployments: null });
    const result = decideControls({ rules: rules.evaluate(signalsFor()), guardrails: empty, budget: 'ok' });
    expect([result.outcome, result.control, result.error?.code]).toEqual(['needs_configuration', 'no_candidates', 'no_eligible_deployment']);
  });
});

describe('a cost rule never overrides an allowlist', () => {
  it('a cheaper policy whose deployments are all disallowed needs configuration, not a disallowed route', () => {
    const signals = signalsFor({ key: { id: 'k', workspace: 'research' }, headers: { 'x-rung-tags': 'env=staging' } });
    const { decision, guarded } = pipeline(signals);
    expect(decision.action).toEqual({ kind: 'policy', policy: 'cost_optimized' });
    const result = decideControls({ rules: decision, guardrails: guarded, budget: 'ok' });
    expect(result.outcome).toBe('needs_configuration');
    expect(result.control).toBe('workspace_allowlist');
    expect(guarded.allowed).toEqual([]);
  });

  it('a models action keeps only the allowed models', () => {
    const signals = signalsFor({ key: { id: 'k', workspace: 'research' }, headers: { 'x-rung-tags': 'team=legal' } });
    const { decision, guarded } = pipeline(signals);
    const result = decideControls({ rules: decision, guardrails: guarded, budget: 'ok' });
    expect(result.outcome).toBe('route');
    expect(guarded.allowed.map((deployment) => deployment.id)).toEqual(['gpt-4o']);
    expect(result.reason).toBe('rule legal-models -> models gpt-4o, claude-haiku; workspace allowlist removed claude-haiku');
  });
});

describe('route decisions and reasons', () => {
  it('explains a rule and what residency removed', () => {
    const signals = signalsFor({ headers: { 'x-rung-tags': 'env=staging', 'x-rung-region': 'eu' } });
    const decision = rules.evaluate(signals);
    const guarded = applyGuardrails(['gpt-4o', 'mistral-large'].map((id) => catalog.get(id)), signals, { guardrails, keyAllowedDeployments: null });
    const result = decideControls({ rules: decision, guardrails: guarded, budget: 'ok' });
    expect(result).toEqual({
      outcome: 'route',
      control: 'rule:staging-is-cheap',
      reason: 'rule staging-is-cheap -> policy cost_optimized; residency eu removed gpt-4o (us)',
      error: null,
    });
  });

  it('names the default and project rules as controls', () => {
    const plain = pipeline(signalsFor());
    expect(decideControls({ rules: plain.decision, guardrails: plain.guarded, budget: 'ok' })).toMatchObject({
      outcome: 'route',
      control: 'default',
      reason: 'no rule matched -> default policy balanced',
    });
    const project = pipeline(signalsFor({ headers: { 'x-rung-tags': 'project=checkout,env=staging' } }));
    expect(decideControls({ rules: project.decision, guardrails: project.guarded, budget: 'soft' })).toMatchObject({
      outcome: 'route',
      control: 'rule:checkout/checkout-staging',
      reason: 'project checkout rule checkout-staging -> policy balanced',
    });
  });
});

describe('explain', () => {
  it('shows floors with tiers and cuts long lists', () => {
    const removed = ['a', 'b', 'c', 'd', 'e', 'f'].map((id) => ({ id, control: 'floor' as const, reason: 'below', detail: 'light' }));
    const line = explainRouting({ rule: null, action: { kind: 'default', policy: null }, project: null }, { removed, floorTier: 'mid', regions: null });
    expect(line).toBe('no rule matched -> no default policy; floor mid removed a (light), b (light), c (light), d (light) +2 more');
  });

  it('keeps the line printable ASCII and bounded', () => {
    expect(toReasonLine('règle → ok\n')).toBe('r?gle ? ok?');
    expect(toReasonLine('ok 🚀 done')).toBe('ok ? done');
    const long = toReasonLine('x'.repeat(1000));
    expect(long).toHaveLength(MAX_REASON_LENGTH);
    expect(long.endsWith('...')).toBe(true);
  });
});
