// Nested strategies: a parent orders whole child lists and flattens them, first occurrence wins.
import { describe, expect, it } from 'vitest';
import type { StrategyConfig } from '../../src/config/schema.ts';
import { buildStrategy } from '../../src/routing/build-strategy.ts';
import { INPUT, world } from './fixtures.ts';

const TIERED: StrategyConfig = {
  type: 'priority',
  targets: [
    { type: 'least_latency', targets: ['light-a', 'light-b'], exploration: 0 },
    { type: 'least_latency', targets: ['mid-a', 'mid-b'], exploration: 0 },
  ],
};

describe('composition', () => {
  it('priority over least_latency tiers: fastest of the first tier first, the next tier as fallback', () => {
    const w = world();
    w.latency('light-a', 500);
    w.latency('light-b', 200);
    w.latency('mid-a', 100);
    w.latency('mid-b', 300);
    const decision = buildStrategy(TIERED, w.catalog, 'policies.tiered.strategy').decide(INPUT, w.view);
    expect(decision).toEqual({
      targets: ['light-b', 'light-a', 'mid-a', 'mid-b'],
      reason:
        'priority: least_latency(light-a, light-b) > least_latency(mid-a, mid-b) '
        + '[least_latency: light-b (200ms) < light-a (500ms); least_latency: mid-a (100ms) < mid-b (300ms)]',
    });
  });

  it('marks a tier whose breakers are all open; the next tier follows it', () => {
    const w = world();
    w.open('light-a');
    w.open('light-b');
    const decision = buildStrategy(TIERED, w.catalog, 'policies.tiered.strategy').decide(INPUT, w.view);
    expect(decision.targets).toEqual(['light-a', 'light-b', 'mid-a', 'mid-b']);
    expect(decision.reason.startsWith('priority: least_latency(light-a, light-b) (breaker open) > least_latency(mid-a, mid-b)')).toBe(true);
  });

  it('lowest_cost over tiers ranks a tier by the deployment it would call first', () => {
    const w = world();
    const strategy = buildStrategy(
      {
        type: 'lowest_cost',
        targets: [
          { type: 'priority', targets: ['premium-a', 'mid-b'] },
          { type: 'priority', targets: ['mid-a', 'light-a'] },
        ],
      },
      w.catalog,
      'policies.p.strategy',
    );
    // First tier leads with premium-a ($0.0525), second with mid-a ($0.0105).
    expect(strategy.decide(INPUT, w.view).targets).toEqual(['mid-a', 'light-a', 'premium-a', 'mid-b']);
    // With premium-a open, the first tier leads with mid-b ($0.0075) and wins.
    w.open('premium-a');
    expect(strategy.decide(INPUT, w.view).targets).toEqual(['premium-a', 'mid-b', 'mid-a', 'light-a']);
  });

  it('lowest_cost moves a fully open tier behind the healthy one', () => {
    const w = world();
    w.open('light-a');
    w.open('light-b');
    const strategy = buildStrategy(
      { type: 'lowest_cost', targets: [{ type: 'priority', targets: ['light-a', 'light-b'] }, 'mid-a'] },
      w.catalog,
      'policies.p.strategy',
    );
    expect(strategy.decide(INPUT, w.view).targets).toEqual(['mid-a', 'light-a', 'light-b']);
  });

  it('removes duplicates across children, keeping the first occurrence', () => {
    const w = world();
    w.latency('light-a', 900);
    w.latency('light-b', 100);
    const strategy = buildStrategy(
      { type: 'priority', targets: ['light-a', { type: 'least_latency', targets: ['light-a', 'light-b', 'local'], exploration: 0 }] },
      w.catalog,
      'policies.p.strategy',
    );
    // The child alone would give local (no data), light-b, light-a.
    expect(strategy.decide(INPUT, w.view).targets).toEqual(['light-a', 'local', 'light-b']);
  });

  it('round_robin rotates whole nested lists', () => {
    const w = world();
    const strategy = buildStrategy(
      { type: 'round_robin', targets: [{ type: 'priority', targets: ['light-a', 'light-b'] }, { type: 'priority', targets: ['mid-a', 'mid-b'] }] },
      w.catalog,
      'policies.p.strategy',
    );
    expect(strategy.decide(INPUT, w.view).targets).toEqual(['light-a', 'light-b', 'mid-a', 'mid-b']);
    expect(strategy.decide(INPUT, w.view).targets).toEqual(['mid-a', 'mid-b', 'light-a', 'light-b']);
  });
});
