import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfigFile, parseConfig } from '../../src/config/load.ts';
import { ConfigError } from '../../src/config/config-error.ts';
import { inferTier } from '../../src/routing/tier-inference.ts';

const env = { RUNG_KEY_SUPPORT: 'support-secret', OPENAI_API_KEY: 'sk-test-123' };

function minimal(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    providers: [{ id: 'p', type: 'openai', base_url: 'http://127.0.0.1:1/v1' }],
    deployments: [
      { id: 'big', provider: 'p', model: 'big-1', price: { input_per_mtok: 5, output_per_mtok: 15 }, context_window: 1000 },
      { id: 'small', provider: 'p', model: 'small-1', price: { input_per_mtok: 0.1, output_per_mtok: 0.4 }, context_window: 1000 },
    ],
    ...overrides,
  };
}

function issuesOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (error) {
    if (error instanceof ConfigError) return error.issues;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('config', () => {
  it('accepts the documented example config', () => {
    const config = loadConfigFile('config/rung.example.yaml', env);
    expect(config.providers.map((p) => p.id)).toEqual(['openai', 'anthropic', 'google', 'local']);
    expect(config.providers[0]?.api_key).toBe('sk-test-123');
    expect(config.providers[1]?.api_key).toBeUndefined();
    expect(config.policies['support-chat']?.retry.attempts_per_target).toBe(2);
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('applies defaults from one place', () => {
    const config = parseConfig(minimal(), 'test', {});
    expect(config.server.port).toBe(8080);
    expect(config.providers[0]?.timeouts).toEqual({ connect_ms: 5000, first_byte_ms: 60000, idle_ms: 30000, total_ms: 300000 });
    expect(config.deployments[0]?.capabilities.streaming).toBe(true);
    expect(config.resilience.breaker.cooldown_ms).toBe(30000);
  });

  it('names the path and the reason for an unknown deployment in a policy', () => {
    const doc = minimal({ policies: { support: { strategy: { type: 'priority', targets: ['big', 'small', 'gpt-5x'] } } } });
    expect(issuesOf(() => parseConfig(doc, 'test', {}))).toEqual(['policies.support.strategy.targets[2]: unknown deployment "gpt-5x"']);
  });

  it('rejects unknown keys with their path', () => {
    const doc = minimal();
    (doc.providers as Record<string, unknown>[])[0]!.colour = 'red';
    const issues = issuesOf(() => parseConfig(doc, 'test', {}));
    expect(issues.join('\n')).toMatch(/providers\[0\].*colour/);
  });

  it('rejects an unknown strategy type', () => {
    const doc = minimal({ policies: { x: { strategy: { type: 'fastest', targets: ['big'] } } } });
    expect(issuesOf(() => parseConfig(doc, 'test', {})).join('\n')).toMatch(/^policies\.x\.strategy\.type/m);
  });

  it('reports an unset environment variable with its path', () => {
    const doc = minimal();
    (doc.providers as Record<string, unknown>[])[0]!.api_key = '${NOPE_KEY}';
    expect(issuesOf(() => parseConfig(doc, 'test', {}))).toEqual(['providers[0].api_key: environment variable NOPE_KEY is not set']);
  });

  it('checks aliases, provider references and duplicate ids', () => {
    const doc = minimal({ aliases: { fast: 'tiny' } });
    (doc.deployments as Record<string, unknown>[]).push({ id: 'big', provider: 'q', model: 'm', price: { input_per_mtok: 1, output_per_mtok: 1 }, context_window: 10 });
    const issues = issuesOf(() => parseConfig(doc, 'test', {}));
    expect(issues).toContain('deployments[2].id: duplicate deployment id "big"');
    expect(issues).toContain('deployments[2].provider: unknown provider "q"');
    expect(issues).toContain('aliases.fast: unknown deployment or policy "tiny"');
  });

  it('requires exactly one of key_sha256 or key_env', () => {
    const doc = minimal({ keys: [{ id: 'k' }] });
    expect(issuesOf(() => parseConfig(doc, 'test', {})).join('\n')).toMatch(/keys\[0\].*exactly one of key_sha256 or key_env/);
  });

  it('reads JSON files too and reports unreadable files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rung-config-'));
    const path = join(dir, 'rung.config.json');
    writeFileSync(path, JSON.stringify(minimal()));
    expect(loadConfigFile(path, {}).deployments).toHaveLength(2);
    expect(issuesOf(() => loadConfigFile(join(dir, 'missing.yaml'), {}))[0]).toMatch(/cannot read file/);
    writeFileSync(join(dir, 'bad.json'), '{ not json');
    expect(issuesOf(() => loadConfigFile(join(dir, 'bad.json'), {}))[0]).toMatch(/cannot parse/);
  });

  it('infers a tier from price for a deployment without one', () => {
    expect(inferTier({ input_per_mtok: 15, output_per_mtok: 75 })).toBe('premium');
    expect(inferTier({ input_per_mtok: 3, output_per_mtok: 15 })).toBe('mid');
    expect(inferTier({ input_per_mtok: 0.15, output_per_mtok: 0.6 })).toBe('small');
    expect(inferTier({ input_per_mtok: 0.8, output_per_mtok: 4 })).toBe('light');
    expect(inferTier({ input_per_mtok: 0, output_per_mtok: 0 })).toBe('local');
  });
});
