import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/config-error.ts';
import { parsePolicySections, type GuardrailsConfig } from '../../src/config/policy-schema.ts';
import { applyGuardrails, compileGuardrails, type GuardrailResult } from '../../src/policy/guardrails.ts';
import { ModelNameResolver } from '../../src/policy/model-names.ts';
import type { RequestSignals } from '../../src/policy/signals.ts';
import { policyTestCatalog, policyTestConfig, signalsFor } from './fixtures.ts';

const config = policyTestConfig();
const catalog = policyTestCatalog();
const resolver = new ModelNameResolver(config);
const everything = catalog.all();
const ids = (result: GuardrailResult) => result.allowed.map((deployment) => deployment.id);

/** Guardrails from a YAML-shaped object through the real schema, applied to `candidates`. */
function guard(guardrails: unknown, signals: RequestSignals, options: { candidates?: string[]; keyAllowed?: string[] } = {}): GuardrailResult {
  const compiled = compileGuardrails(parsePolicySections({ guardrails }).guardrails, resolver);
  const candidates = (options.candidates ?? everything.map((deployment) => deployment.id)).map((id) => catalog.get(id));
  const keyAllowed = options.keyAllowed === undefined ? null : resolver.expand(options.keyAllowed);
  return applyGuardrails(candidates, signals, { guardrails: compiled, keyAllowedDeployments: keyAllowed });
}

describe('model names', () => {
  it('expands deployments, aliases and policies (nested strategies included)', () => {
    expect([...resolver.expand(['gpt-4o'])]).toEqual(['gpt-4o']);
    expect([...resolver.expand(['fast'])]).toEqual(['gpt-4o-mini']);
    expect([...resolver.expand(['smart'])]).toEqual(['gpt-4o', 'claude-sonnet', 'mistral-large']);
    expect([...resolver.expand(['balanced', 'cost_optimized'])]).toEqual(['claude-sonnet', 'gpt-4o-mini', 'claude-haiku', 'llama-local']);
    expect([...resolver.expand(['no-such-model'])]).toEqual([]);
    expect(resolver.kindOf('smart')).toBe('alias');
  });
});

describe('compileGuardrails', () => {
  it('validates input that skipped the boot schema, with guardrails-prefixed paths', () => {
    const bad = { floors: [{ tasks: ['debugging'], min_tier: 'huge' }] } as unknown as GuardrailsConfig;
    expect(() => compileGuardrails(bad, resolver)).toThrow(ConfigError);
    try {
      compileGuardrails(bad, resolver);
    } catch (error) {
      expect((error as ConfigError).issues[0]).toMatch(/^guardrails\.floors\[0\]\.min_tier: /);
    }
  });
});

describe('no guardrails', () => {
  it('keeps every candidate', () => {
    const result = guard({}, signalsFor({ key: { id: 'k', workspace: 'w' } }));
    expect(ids(result)).toEqual(everything.map((deployment) => deployment.id));
    expect(result.removed).toEqual([]);
    expect(result.floorTier).toBeNull();
    expect(result.regions).toBeNull();
  });
});

describe('allowlists', () => {
  const allowlists = {
    allowlists: {
      workspaces: { research: ['gpt-4o', 'claude-sonnet', 'gemini-flash', 'gpt-4o-mini'] },
      departments: { support: ['gpt-4o-mini', 'claude-sonnet', 'gemini-flash', 'claude-haiku'] },
      agents: { triage: ['smart', 'gemini-flash', 'gpt-4o-mini'] },
    },
  };

  it("applies the key's allowed models", () => {
    const result = guard({}, signalsFor({ key: { id: 'k' } }), { keyAllowed: ['balanced', 'fast'] });
    expect(ids(result)).toEqual(['claude-sonnet', 'gpt-4o-mini']);
    expect(result.removed.find((entry) => entry.id === 'gpt-4o')).toEqual({
      id: 'gpt-4o',
      control: 'key_allowlist',
      reason: 'not in the allowed models of key "k"',
      detail: null,
    });
  });

  it('needs a deployment to pass every applicable list (intersection)', () => {
    const workspaceOnly = guard(allowlists, signalsFor({ key: { id: 'k', workspace: 'research' } }));
    expect(ids(workspaceOnly)).toEqual(['gpt-4o', 'claude-sonnet', 'gpt-4o-mini', 'gemini-flash']);
    const withDepartment = guard(allowlists, signalsFor({ key: { id: 'k', workspace: 'research', department: 'support' } }));
    expect(ids(withDepartment)).toEqual(['claude-sonnet', 'gpt-4o-mini', 'gemini-flash']);
    const withAgent = guard(allowlists, signalsFor({ key: { id: 'k', workspace: 'research', department: 'support', agent: 'triage' } }));
    expect(ids(withAgent)).toEqual(['claude-sonnet', 'gpt-4o-mini', 'gemini-flash']);
    const withKey = guard(allowlists, signalsFor({ key: { id: 'k', workspace: 'research', department: 'support', agent: 'triage' } }), { keyAllowed: ['gemini-flash', 'gpt-4o'] });
    expect(ids(withKey)).toEqual(['gemini-flash']);
  });

  it('reports the first control that removed each deployment', () => {
    const result = guard(allowlists, signalsFor({ key: { id: 'k', workspace: 'research', department: 'support', agent: 'triage' } }));
    expect(result.removed.map((entry) => [entry.id, entry.control])).toEqual([
      ['gpt-4o', 'department_allowlist'],
      ['claude-haiku', 'workspace_allowlist'],
      ['mistral-large', 'workspace_allowlist'],
      ['llama-local', 'workspace_allowlist'],
    ]);
    expect(result.removed[0]?.reason).toBe('not in the allowlist of department "support"');
  });

  it('keeps the candidate order', () => {
    const result = guard(allowlists, signalsFor({ key: { id: 'k', workspace: 'research' } }), { candidates: ['gemini-flash', 'claude-haiku', 'gpt-4o', 'claude-sonnet'] });
    expect(ids(result)).toEqual(['gemini-flash', 'gpt-4o', 'claude-sonnet']);
  });

  it('reads identity from the key only: a tag cannot claim a workspace or escape one', () => {
    const claimed = guard(allowlists, signalsFor({ headers: { 'x-rung-tags': 'workspace=research' } }));
    expect(ids(claimed)).toHaveLength(everything.length);
    const escaped = guard(allowlists, signalsFor({ key: { id: 'k', workspace: 'research' }, headers: { 'x-rung-tags': 'workspace=other' } }));
    expect(ids(escaped)).not.toContain('claude-haiku');
  });

  it('an unknown name in a list allows nothing extra', () => {
    const result = guard({ allowlists: { workspaces: { research: ['gpt-4o', 'gpt-5-typo'] } } }, signalsFor({ key: { id: 'k', workspace: 'research' } }));
    expect(ids(result)).toEqual(['gpt-4o']);
  });
});

describe('residency', () => {
  const residency = { residency: { workspaces: { 'eu-bank': ['eu'], global: ['eu', 'us'] }, keys: { 'eu-only-key': ['eu'] } } };
  const euBank = { id: 'k', workspace: 'eu-bank' };

  it('keeps only deployments whose provider region is listed; no region fails', () => {
    const result = guard(residency, signalsFor({ key: euBank }));
    expect(ids(result)).toEqual(['mistral-large', 'gemini-flash']);
    expect(result.regions).toEqual(['eu']);
    expect(result.removed.find((entry) => entry.id === 'gpt-4o')).toEqual({ id: 'gpt-4o', control: 'residency', reason: 'region us is not in [eu]', detail: 'us' });
    expect(result.removed.find((entry) => entry.id === 'llama-local')).toEqual({
      id: 'llama-local',
      control: 'residency',
      reason: 'has no configured region; allowed: [eu]',
      detail: 'no region',
    });
  });

  it('covers the whole fallback chain', () => {
    const chain = resolver.deploymentsOf('quality_first');
    expect(chain).toEqual(['gpt-4o', 'claude-sonnet', 'mistral-large']);
    expect(ids(guard(residency, signalsFor({ key: euBank }), { candidates: [...chain] }))).toEqual(['mistral-large']);
  });

  it('intersects workspace and key restrictions', () => {
    const result = guard(residency, signalsFor({ key: { id: 'eu-only-key', workspace: 'global' } }));
    expect(result.regions).toEqual(['eu']);
    expect(ids(result)).toEqual(['mistral-large', 'gemini-flash']);
  });

  it('lets the header narrow a configured restriction', () => {
    const result = guard(residency, signalsFor({ key: { id: 'k', workspace: 'global' }, headers: { 'x-rung-region': 'us' } }));
    expect(result.regions).toEqual(['us']);
    expect(ids(result)).toEqual(['gpt-4o', 'claude-sonnet', 'gpt-4o-mini', 'claude-haiku']);
  });

  it('never lets the header widen a restriction: asking outside it leaves nothing', () => {
    const result = guard(residency, signalsFor({ key: euBank, headers: { 'x-rung-region': 'us' } }));
    expect(result.regions).toEqual([]);
    expect(result.allowed).toEqual([]);
    expect(result.removed.map((entry) => entry.control)).toEqual(Array(everything.length).fill('residency'));
  });

  it('honours the header alone, unless the header is turned off', () => {
    expect(ids(guard({}, signalsFor({ headers: { 'x-rung-region': 'eu' } })))).toEqual(['mistral-large', 'gemini-flash']);
    const off = guard({ residency: { header: false } }, signalsFor({ headers: { 'x-rung-region': 'eu' } }));
    expect(off.regions).toBeNull();
    expect(ids(off)).toHaveLength(everything.length);
    const offButConfigured = guard({ residency: { header: false, workspaces: { 'eu-bank': ['eu'] } } }, signalsFor({ key: euBank, headers: { 'x-rung-region': 'us' } }));
    expect(ids(offButConfigured)).toEqual(['mistral-large', 'gemini-flash']);
  });
});

describe('paid policy', () => {
  const paid = { paid: { deny_for_keys: ['intern-bot'] } };

  it('keeps denied keys off paid deployments', () => {
    const result = guard(paid, signalsFor({ key: { id: 'intern-bot' } }));
    expect(ids(result)).toEqual(['llama-local']);
    expect(result.removed[0]).toEqual({ id: 'gpt-4o', control: 'paid', reason: 'paid deployments are denied for key "intern-bot"', detail: null });
  });

  it('leaves other keys alone', () => {
    expect(ids(guard(paid, signalsFor({ key: { id: 'research-key' } })))).toHaveLength(everything.length);
    expect(ids(guard(paid, signalsFor({ key: null })))).toHaveLength(everything.length);
  });
});

describe('floors', () => {
  const floors = {
    floors: [
      { tasks: ['debugging', 'long_context_synthesis'], min_tier: 'mid' },
      { tags: { customer_tier: 'enterprise' }, min_tier: 'premium' },
      { tasks: ['chit_chat'], tags: { plan: 'gold' }, min_tier: 'light' },
    ],
  };

  it('applies a floor by task', () => {
    const result = guard(floors, signalsFor({ headers: { 'x-rung-task': 'debugging' } }));
    expect(result.floorTier).toBe('mid');
    expect(ids(result)).toEqual(['gpt-4o', 'claude-sonnet', 'mistral-large']);
    expect(result.removed.find((entry) => entry.id === 'gpt-4o-mini')).toEqual({ id: 'gpt-4o-mini', control: 'floor', reason: 'tier light is below the floor mid', detail: 'light' });
  });

  it("applies a floor by the scorer's task class too", () => {
    expect(guard(floors, signalsFor({ scorer: { score: 0.1, taskClass: 'long_context_synthesis' } })).floorTier).toBe('mid');
  });

  it('applies a floor by tag', () => {
    const result = guard(floors, signalsFor({ headers: { 'x-rung-tags': 'customer_tier=enterprise' } }));
    expect(result.floorTier).toBe('premium');
    expect(ids(result)).toEqual(['gpt-4o']);
  });

  it('takes the highest floor when several apply', () => {
    const result = guard(floors, signalsFor({ headers: { 'x-rung-tags': 'customer_tier=enterprise', 'x-rung-task': 'debugging' } }));
    expect(result.floorTier).toBe('premium');
  });

  it('needs both task and tags when a floor gives both', () => {
    expect(guard(floors, signalsFor({ headers: { 'x-rung-task': 'chit_chat' } })).floorTier).toBeNull();
    expect(guard(floors, signalsFor({ headers: { 'x-rung-tags': 'plan=gold' } })).floorTier).toBeNull();
    const both = guard(floors, signalsFor({ headers: { 'x-rung-tags': 'plan=gold', 'x-rung-task': 'chit_chat' } }));
    expect(both.floorTier).toBe('light');
    expect(ids(both)).not.toContain('llama-local');
  });

  it('does not apply to other requests', () => {
    const result = guard(floors, signalsFor({ headers: { 'x-rung-tags': 'customer_tier=free', 'x-rung-task': 'chit_chat' } }));
    expect(result.floorTier).toBeNull();
    expect(result.removed).toEqual([]);
  });
});
