// Build-time validation: every problem is reported with the exact config path at fault.
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/config-error.ts';
import type { StrategyConfig } from '../../src/config/schema.ts';
import { buildPolicyStrategies, buildStrategy } from '../../src/routing/build-strategy.ts';
import { Catalog } from '../../src/routing/catalog.ts';
import { testConfig } from './fixtures.ts';

const catalog = new Catalog(testConfig());
const PATH = 'policies.support.strategy';

function issuesOf(config: unknown): string[] {
  try {
    buildStrategy(config as StrategyConfig, catalog, PATH);
  } catch (error) {
    if (error instanceof ConfigError) return error.issues;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('buildStrategy validation', () => {
  it('names an unknown deployment with its path', () => {
    expect(issuesOf({ type: 'priority', targets: ['mid-a', 'light-a', 'gpt-5x'] })).toEqual([
      'policies.support.strategy.targets[2]: unknown deployment "gpt-5x"',
    ]);
    expect(issuesOf({ type: 'single', target: 'gpt-5x' })).toEqual(['policies.support.strategy.target: unknown deployment "gpt-5x"']);
  });

  it('follows nested strategies into the path', () => {
    const config = { type: 'priority', targets: ['mid-a', { type: 'least_latency', targets: ['light-a', 'nope'], exploration: 0 }] };
    expect(issuesOf(config)).toEqual(['policies.support.strategy.targets[1].targets[1]: unknown deployment "nope"']);
  });

  it('rejects empty target lists', () => {
    expect(issuesOf({ type: 'lowest_cost', targets: [] })).toEqual(['policies.support.strategy.targets: needs at least one target']);
    expect(issuesOf({ type: 'round_robin' })).toEqual(['policies.support.strategy.targets: needs at least one target']);
    expect(issuesOf({ type: 'single' })).toEqual(['policies.support.strategy.target: expected a deployment id']);
  });

  it('rejects a deployment listed twice in one list', () => {
    expect(issuesOf({ type: 'weighted', targets: ['light-a', 'local', 'light-a'] })).toEqual([
      'policies.support.strategy.targets[2]: duplicate target "light-a" (also at policies.support.strategy.targets[0])',
    ]);
  });

  it('rejects unknown strategy types and malformed targets', () => {
    expect(issuesOf({ type: 'priority', targets: [{ type: 'fastest', targets: ['mid-a'] }, 42] })).toEqual([
      'policies.support.strategy.targets[0].type: unknown strategy type "fastest" (expected one of single, priority, lowest_cost, least_latency, round_robin, weighted, least_connections, intelligent)',
      'policies.support.strategy.targets[1]: expected a deployment id or a strategy',
    ]);
  });

  it('rejects exploration outside [0, 1]', () => {
    expect(issuesOf({ type: 'least_latency', targets: ['mid-a'], exploration: 1.5 })).toEqual([
      'policies.support.strategy.exploration: must be a number from 0 to 1',
    ]);
  });

  it('reports every problem at once, in a ConfigError whose message lists them', () => {
    const config = { type: 'priority', targets: ['x1', { type: 'round_robin', targets: [] }, 'mid-a', 'mid-a'] };
    expect(() => buildStrategy(config as StrategyConfig, catalog, PATH, 'rung.yaml')).toThrow(
      'invalid config rung.yaml:\n'
      + '  policies.support.strategy.targets[0]: unknown deployment "x1"\n'
      + '  policies.support.strategy.targets[1].targets: needs at least one target\n'
      + '  policies.support.strategy.targets[3]: duplicate target "mid-a" (also at policies.support.strategy.targets[2])',
    );
  });

  it('accepts weighted targets with equal weights and nested overlap', () => {
    const strategy = buildStrategy(
      { type: 'weighted', targets: ['mid-a', 'mid-b', { type: 'priority', targets: ['mid-a', 'light-a'] }] },
      catalog,
      PATH,
    );
    expect(strategy.type).toBe('weighted');
    expect(strategy.deployments).toEqual(['mid-a', 'mid-b', 'light-a']);
    expect(strategy.label).toBe('weighted(mid-a, mid-b, priority(mid-a, light-a))');
  });

  it('defaults exploration when a config skipped the schema', () => {
    expect(() => buildStrategy({ type: 'least_latency', targets: ['mid-a'] } as unknown as StrategyConfig, catalog, PATH)).not.toThrow();
  });
});

describe('buildPolicyStrategies', () => {
  it('builds every policy and reports all policies\' problems together', () => {
    const built = buildPolicyStrategies({ cheap: { strategy: { type: 'lowest_cost', targets: ['light-a', 'mid-a'] } } }, catalog);
    expect([...built.keys()]).toEqual(['cheap']);
    try {
      buildPolicyStrategies({
        a: { strategy: { type: 'single', target: 'nope' } },
        b: { strategy: { type: 'priority', targets: ['mid-a', 'zzz'] } },
      }, catalog);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).issues).toEqual([
        'policies.a.strategy.target: unknown deployment "nope"',
        'policies.b.strategy.targets[1]: unknown deployment "zzz"',
      ]);
    }
  });
});
