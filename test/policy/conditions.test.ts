import { describe, expect, it } from 'vitest';
import { compileRules } from '../../src/policy/rules.ts';
import type { RoutingRulesConfig } from '../../src/config/policy-schema.ts';
import type { RequestSignals } from '../../src/policy/signals.ts';
import { signalsFor } from './fixtures.ts';

/** Compiles `when` through the real engine (validation included) and asks whether it matches. */
function matches(when: unknown, signals: RequestSignals): boolean {
  const config = { rules: [{ name: 'probe', when, action: { policy: 'balanced' } }] } as unknown as RoutingRulesConfig;
  return compileRules(config).evaluate(signals).rule === 'probe';
}

const tagged = (tags: string) => signalsFor({ headers: { 'x-rung-tags': tags } });
const untagged = signalsFor();

describe('operators', () => {
  it('eq matches equal values only, and never a missing signal', () => {
    const when = { field: 'tags.env', op: 'eq', value: 'staging' };
    expect(matches(when, tagged('env=staging'))).toBe(true);
    expect(matches(when, tagged('env=production'))).toBe(false);
    expect(matches(when, untagged)).toBe(false);
  });

  it('ne is exactly "not eq", so a missing signal is not equal', () => {
    const when = { field: 'tags.env', op: 'ne', value: 'production' };
    expect(matches(when, tagged('env=staging'))).toBe(true);
    expect(matches(when, tagged('env=production'))).toBe(false);
    expect(matches(when, untagged)).toBe(true);
  });

  it('gt, gte, lt and lte compare numbers', () => {
    const at100 = signalsFor({ tokens: 100 });
    expect(matches({ field: 'tokens', op: 'gt', value: 99 }, at100)).toBe(true);
    expect(matches({ field: 'tokens', op: 'gt', value: 100 }, at100)).toBe(false);
    expect(matches({ field: 'tokens', op: 'gte', value: 100 }, at100)).toBe(true);
    expect(matches({ field: 'tokens', op: 'gte', value: 101 }, at100)).toBe(false);
    expect(matches({ field: 'tokens', op: 'lt', value: 101 }, at100)).toBe(true);
    expect(matches({ field: 'tokens', op: 'lt', value: 100 }, at100)).toBe(false);
    expect(matches({ field: 'tokens', op: 'lte', value: 100 }, at100)).toBe(true);
    expect(matches({ field: 'tokens', op: 'lte', value: 99.5 }, at100)).toBe(false);
  });

  it('ordering operators compare ISO strings lexicographically', () => {
    const version = (v: string) => signalsFor({ headers: { 'x-rung-template': 'summary', 'x-rung-template-version': v } });
    const when = { field: 'template.version', op: 'gte', value: '2024-05-01' };
    expect(matches(when, version('2024-05-01'))).toBe(true);
    expect(matches(when, version('2024-11-30'))).toBe(true);
    expect(matches(when, version('2023-12-31'))).toBe(false);
    expect(matches({ field: 'tags.deadline', op: 'lt', value: '2025-01-01T00:00:00Z' }, tagged('deadline=2024-12-31T23:59:59Z'))).toBe(true);
    expect(matches({ field: 'tags.deadline', op: 'lt', value: '2025-01-01T00:00:00Z' }, tagged('deadline=2025-01-01T00:00:01Z'))).toBe(false);
  });

  it('ordering against a missing signal is false both ways', () => {
    const noScore = signalsFor({ scorer: null });
    expect(matches({ field: 'score', op: 'gt', value: 0.5 }, noScore)).toBe(false);
    expect(matches({ field: 'score', op: 'lte', value: 0.5 }, noScore)).toBe(false);
    expect(matches({ field: 'score', op: 'gt', value: 0.5 }, signalsFor({ scorer: { score: 0.7 } }))).toBe(true);
    expect(matches({ field: 'score', op: 'gt', value: 0.5 }, signalsFor({ scorer: { score: 0.3 } }))).toBe(false);
  });

  it('budget states order ok < soft < throttle < exhausted', () => {
    const when = { field: 'budget', op: 'gte', value: 'soft' };
    expect(matches(when, signalsFor({ budget: 'ok' }))).toBe(false);
    expect(matches(when, signalsFor({ budget: 'soft' }))).toBe(true);
    expect(matches(when, signalsFor({ budget: 'exhausted' }))).toBe(true);
    expect(matches({ field: 'budget', op: 'lt', value: 'throttle' }, signalsFor({ budget: 'soft' }))).toBe(true);
    expect(matches({ field: 'budget', op: 'lt', value: 'throttle' }, signalsFor({ budget: 'throttle' }))).toBe(false);
    expect(matches({ field: 'budget', op: 'eq', value: 'soft' }, signalsFor({ budget: 'soft' }))).toBe(true);
    expect(matches({ field: 'budget', op: 'in', value: ['throttle', 'exhausted'] }, signalsFor({ budget: 'throttle' }))).toBe(true);
    expect(matches({ field: 'budget', op: 'in', value: ['throttle', 'exhausted'] }, signalsFor({ budget: 'ok' }))).toBe(false);
  });

  it('in tests membership of strings and numbers', () => {
    const when = { field: 'tags.team', op: 'in', value: ['legal', 'compliance'] };
    expect(matches(when, tagged('team=compliance'))).toBe(true);
    expect(matches(when, tagged('team=engineering'))).toBe(false);
    expect(matches(when, untagged)).toBe(false);
    expect(matches({ field: 'tokens', op: 'in', value: [100, 200] }, signalsFor({ tokens: 200 }))).toBe(true);
    expect(matches({ field: 'tokens', op: 'in', value: [100, 200] }, signalsFor({ tokens: 150 }))).toBe(false);
  });

  it('contains is a substring test on strings and a membership test on lists', () => {
    expect(matches({ field: 'user', op: 'contains', value: 'bot' }, signalsFor({ request: { user: 'nightly-bot-7' } }))).toBe(true);
    expect(matches({ field: 'user', op: 'contains', value: 'bot' }, signalsFor({ request: { user: 'alice' } }))).toBe(false);
    expect(matches({ field: 'user', op: 'contains', value: 'bot' }, signalsFor())).toBe(false);
    const withImage = signalsFor({ request: { messages: [{ role: 'user', content: [{ type: 'image', url: 'https://example.test/a.png' }] }] } });
    expect(matches({ field: 'capabilities', op: 'contains', value: 'vision' }, withImage)).toBe(true);
    expect(matches({ field: 'capabilities', op: 'contains', value: 'vision' }, signalsFor())).toBe(false);
  });

  it('starts_with tests a prefix and never matches a missing value', () => {
    const when = { field: 'key.workspace', op: 'starts_with', value: 'test-' };
    expect(matches(when, signalsFor({ key: { id: 'k', workspace: 'test-ci' } }))).toBe(true);
    expect(matches(when, signalsFor({ key: { id: 'k', workspace: 'prod-test-' } }))).toBe(false);
    expect(matches(when, signalsFor({ key: { id: 'k' } }))).toBe(false);
  });

  it('exists is true for present values, false for absent ones', () => {
    expect(matches({ field: 'tags.env', op: 'exists' }, tagged('env=x'))).toBe(true);
    expect(matches({ field: 'tags.env', op: 'exists' }, untagged)).toBe(false);
    expect(matches({ field: 'key.project', op: 'exists' }, signalsFor({ key: { id: 'k', project: 'checkout' } }))).toBe(true);
    expect(matches({ field: 'key.project', op: 'exists' }, signalsFor({ key: { id: 'k' } }))).toBe(false);
    expect(matches({ field: 'region', op: 'exists' }, signalsFor({ headers: { 'x-rung-region': 'eu' } }))).toBe(true);
  });

  it('reads every kind of field', () => {
    const signals = signalsFor({
      headers: { 'x-rung-task': 'debugging', 'x-rung-region': 'eu', 'x-rung-template': 'support/answer' },
      key: { id: 'k1', workspace: 'w', department: 'd', agent: 'a', project: 'p' },
      model: 'rung/auto',
      request: { user: 'u1', tools: [{ name: 'lookup' }], responseFormat: { type: 'json_schema', name: 's', schema: {} } },
    });
    const cases: [string, unknown][] = [
      ['key.id', 'k1'], ['key.workspace', 'w'], ['key.department', 'd'], ['key.agent', 'a'], ['key.project', 'p'],
      ['user', 'u1'], ['template.id', 'support/answer'], ['task', 'debugging'], ['model', 'rung/auto'], ['region', 'eu'],
      ['capability.tools', true], ['capability.vision', false], ['capability.json_schema', true],
    ];
    for (const [field, value] of cases) {
      expect(matches({ field, op: 'eq', value }, signals), field).toBe(true);
      expect(matches({ field, op: 'ne', value }, signals), field).toBe(false);
    }
  });

  it('treats tag names that exist on Object.prototype as plain absent tags', () => {
    expect(matches({ field: 'tags.constructor', op: 'exists' }, untagged)).toBe(false);
    expect(matches({ field: 'tags.constructor', op: 'eq', value: 'x' }, tagged('constructor=x'))).toBe(true);
  });
});

describe('combinators', () => {
  const legal = { field: 'tags.team', op: 'eq', value: 'legal' };
  const staging = { field: 'tags.env', op: 'eq', value: 'staging' };

  it('all needs every part, any needs one, not inverts', () => {
    expect(matches({ all: [legal, staging] }, tagged('team=legal,env=staging'))).toBe(true);
    expect(matches({ all: [legal, staging] }, tagged('team=legal'))).toBe(false);
    expect(matches({ any: [legal, staging] }, tagged('env=staging'))).toBe(true);
    expect(matches({ any: [legal, staging] }, tagged('env=prod'))).toBe(false);
    expect(matches({ not: legal }, tagged('team=legal'))).toBe(false);
    expect(matches({ not: legal }, untagged)).toBe(true);
  });

  it('nests to any depth', () => {
    // not( all( any(legal, staging), not(tokens > 1000) ) )
    const when = { not: { all: [{ any: [legal, staging] }, { not: { field: 'tokens', op: 'gt', value: 1000 } }] } };
    expect(matches(when, signalsFor({ headers: { 'x-rung-tags': 'team=legal' }, tokens: 10 }))).toBe(false);
    expect(matches(when, signalsFor({ headers: { 'x-rung-tags': 'team=legal' }, tokens: 5000 }))).toBe(true);
    expect(matches(when, signalsFor({ tokens: 10 }))).toBe(true);
    let deep: unknown = staging;
    for (let level = 0; level < 40; level += 1) deep = { all: [{ not: { not: deep } }] };
    expect(matches(deep, tagged('env=staging'))).toBe(true);
    expect(matches(deep, tagged('env=prod'))).toBe(false);
  });
});
