// Weighted selection over many seeded draws: proportions are asserted on counts, with a tolerance.
import { describe, expect, it } from 'vitest';
import type { StrategyConfig } from '../../src/config/schema.ts';
import { buildStrategy } from '../../src/routing/build-strategy.ts';
import type { RoutingStrategy } from '../../src/routing/types.ts';
import { INPUT, scriptedRandom, seededRandom, world, type World } from './fixtures.ts';

const DRAWS = 12_000;
const TOLERANCE = 0.02;

function build(w: World, config: StrategyConfig): RoutingStrategy {
  return buildStrategy(config, w.catalog, 'policies.test.strategy');
}

function firstPickShares(w: World, strategy: RoutingStrategy): Map<string, number> {
  const counts = new Map<string, number>();
  for (let i = 0; i < DRAWS; i += 1) {
    const first = strategy.decide(INPUT, w.view).targets[0] ?? 'none';
    counts.set(first, (counts.get(first) ?? 0) + 1);
  }
  return new Map([...counts].map(([id, count]) => [id, count / DRAWS]));
}

describe('weighted', () => {
  // Weights in the fixture catalogue: light-a 3, light-b 1, local 2.
  const config: StrategyConfig = { type: 'weighted', targets: ['light-b', 'light-a', 'local'] };

  it('picks the first target in proportion to weight', () => {
    const w = world(seededRandom(42));
    const shares = firstPickShares(w, build(w, config));
    expect(Math.abs((shares.get('light-a') ?? 0) - 3 / 6)).toBeLessThan(TOLERANCE);
    expect(Math.abs((shares.get('local') ?? 0) - 2 / 6)).toBeLessThan(TOLERANCE);
    expect(Math.abs((shares.get('light-b') ?? 0) - 1 / 6)).toBeLessThan(TOLERANCE);
  });

  it('orders the fallbacks by descending weight and explains the draw', () => {
    // The draw walks targets by descending weight: 0.9 * 6 = 5.4 is past light-a (3) and
    // local (2), inside light-b (1).
    const w = world(scriptedRandom(0.9));
    expect(build(w, config).decide(INPUT, w.view)).toEqual({
      targets: ['light-b', 'light-a', 'local'],
      reason: 'weighted: drew light-b (weight 1 of 6); then light-a (weight 3), local (weight 2)',
    });
  });

  it('leaves targets with open breakers out of the draw and puts them last', () => {
    const w = world(seededRandom(3));
    w.open('light-a');
    const strategy = build(w, config);
    expect(strategy.decide(INPUT, w.view).targets.at(-1)).toBe('light-a');
    const shares = firstPickShares(w, strategy);
    expect(shares.get('light-a')).toBeUndefined();
    expect(Math.abs((shares.get('local') ?? 0) - 2 / 3)).toBeLessThan(TOLERANCE);
    expect(Math.abs((shares.get('light-b') ?? 0) - 1 / 3)).toBeLessThan(TOLERANCE);
  });

  it('spreads evenly when all weights are equal', () => {
    const w = world(seededRandom(9));
    const shares = firstPickShares(w, build(w, { type: 'weighted', targets: ['mid-a', 'mid-b', 'premium-a'] }));
    for (const id of ['mid-a', 'mid-b', 'premium-a']) expect(Math.abs((shares.get(id) ?? 0) - 1 / 3)).toBeLessThan(TOLERANCE);
  });

  it('weighs a nested strategy by the sum of its deployments', () => {
    const w = world(seededRandom(5));
    // priority(light-a, light-b) weighs 3 + 1 = 4 against local's 2.
    const strategy = build(w, { type: 'weighted', targets: [{ type: 'priority', targets: ['light-a', 'light-b'] }, 'local'] });
    const shares = firstPickShares(w, strategy);
    expect(Math.abs((shares.get('light-a') ?? 0) - 4 / 6)).toBeLessThan(TOLERANCE);
    expect(Math.abs((shares.get('local') ?? 0) - 2 / 6)).toBeLessThan(TOLERANCE);
    expect(shares.get('light-b')).toBeUndefined(); // it only ever follows light-a
  });
});
