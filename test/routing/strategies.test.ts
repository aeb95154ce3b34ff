// Each strategy's ordering and reason, over a live view (real breakers and health tracker).
import { describe, expect, it } from 'vitest';
import type { StrategyConfig } from '../../src/config/schema.ts';
import { buildStrategy } from '../../src/routing/build-strategy.ts';
import type { RoutingStrategy } from '../../src/routing/types.ts';
import { INPUT, scriptedRandom, seededRandom, world, type World } from './fixtures.ts';

function build(w: World, config: StrategyConfig): RoutingStrategy {
  return buildStrategy(config, w.catalog, 'policies.test.strategy');
}

describe('single', () => {
  it('returns its one target, even when its breaker is open', () => {
    const w = world();
    const strategy = build(w, { type: 'single', target: 'mid-a' });
    expect(strategy.decide(INPUT, w.view)).toEqual({ targets: ['mid-a'], reason: 'single: mid-a' });
    w.open('mid-a');
    expect(strategy.decide(INPUT, w.view)).toEqual({ targets: ['mid-a'], reason: 'single: mid-a (breaker open)' });
  });
});

describe('priority', () => {
  it('keeps configured order and notes open breakers without reordering', () => {
    const w = world();
    const strategy = build(w, { type: 'priority', targets: ['mid-a', 'light-a', 'premium-a'] });
    w.open('mid-a');
    expect(strategy.decide(INPUT, w.view)).toEqual({
      targets: ['mid-a', 'light-a', 'premium-a'],
      reason: 'priority: mid-a (breaker open) > light-a > premium-a',
    });
  });
});

describe('lowest_cost', () => {
  const config: StrategyConfig = { type: 'lowest_cost', targets: ['premium-a', 'mid-a', 'light-b', 'light-a'] };

  it('orders by estimated cost for the request', () => {
    const w = world();
    expect(build(w, config).decide(INPUT, w.view)).toEqual({
      targets: ['light-a', 'light-b', 'mid-a', 'premium-a'],
      reason: 'lowest_cost: light-a ($0.00045) < light-b ($0.00088) < mid-a ($0.01050) < premium-a ($0.05250)',
    });
  });

  it('puts deployments with open breakers last: cheapest healthy first', () => {
    const w = world();
    w.open('light-a');
    expect(build(w, config).decide(INPUT, w.view)).toEqual({
      targets: ['light-b', 'mid-a', 'premium-a', 'light-a'],
      reason: 'lowest_cost: light-b ($0.00088) < mid-a ($0.01050) < premium-a ($0.05250); breaker open: light-a ($0.00045)',
    });
  });

  it('uses the request token estimates (equal cost keeps configured order)', () => {
    const w = world();
    const decision = build(w, config).decide({ estimatedPromptTokens: 0, estimatedOutputTokens: 0 }, w.view);
    expect(decision.targets).toEqual(['premium-a', 'mid-a', 'light-b', 'light-a']);
  });

  it('treats a half-open breaker as usable', () => {
    const w = world();
    w.open('light-a');
    w.clock.advance(30_000); // the default cooldown
    expect(w.breakers.state('light-a')).toBe('half_open');
    expect(build(w, config).decide(INPUT, w.view).targets[0]).toBe('light-a');
  });
});

describe('least_latency', () => {
  it('orders by latency, unmeasured first, open breakers last', () => {
    const w = world();
    w.latency('light-a', 300);
    w.latency('light-b', 200);
    w.latency('mid-b', 50);
    w.open('mid-b');
    const strategy = build(w, { type: 'least_latency', targets: ['light-a', 'light-b', 'mid-a', 'mid-b'], exploration: 0 });
    expect(strategy.decide(INPUT, w.view)).toEqual({
      targets: ['mid-a', 'light-b', 'light-a', 'mid-b'],
      reason: 'least_latency: mid-a (no data) < light-b (200ms) < light-a (300ms); breaker open: mid-b (50ms)',
    });
  });

  it('with probability `exploration` puts a random usable target first', () => {
    // First draw 0.1 < 0.5 explores; second draw 0.99 picks the last usable target.
    const w = world(scriptedRandom(0.1, 0.99));
    w.latency('light-a', 100);
    w.latency('light-b', 200);
    w.latency('mid-a', 300);
    w.latency('mid-b', 1);
    w.open('mid-b');
    const strategy = build(w, { type: 'least_latency', targets: ['light-a', 'light-b', 'mid-a', 'mid-b'], exploration: 0.5 });
    const decision = strategy.decide(INPUT, w.view);
    expect(decision.targets).toEqual(['mid-a', 'light-a', 'light-b', 'mid-b']);
    expect(decision.reason).toBe('least_latency: exploring mid-a (300ms); then light-a (100ms) < light-b (200ms); breaker open: mid-b (1ms)');
  });

  it('explores in about `exploration` of calls over many seeded draws', () => {
    const w = world(seededRandom(11));
    w.latency('light-a', 100);
    w.latency('light-b', 200);
    w.latency('mid-a', 300);
    const strategy = build(w, { type: 'least_latency', targets: ['mid-a', 'light-b', 'light-a'], exploration: 0.3 });
    let notFastest = 0;
    const draws = 10_000;
    for (let i = 0; i < draws; i += 1) if (strategy.decide(INPUT, w.view).targets[0] !== 'light-a') notFastest += 1;
    // An exploring call picks one of 3 usable targets, 2 of which are not the fastest: 0.3 * 2/3.
    expect(Math.abs(notFastest / draws - 0.2)).toBeLessThan(0.02);
  });

  it('does not explore when the draw is at or above `exploration`', () => {
    const w = world(scriptedRandom(0.5, 0.99));
    w.latency('light-a', 100);
    w.latency('light-b', 200);
    const strategy = build(w, { type: 'least_latency', targets: ['light-b', 'light-a'], exploration: 0.5 });
    expect(strategy.decide(INPUT, w.view).targets).toEqual(['light-a', 'light-b']);
  });
});

describe('round_robin', () => {
  it('starts one target further on each call and keeps the rest in rotated order', () => {
    const w = world();
    const strategy = build(w, { type: 'round_robin', targets: ['light-a', 'light-b', 'local'] });
    const orders = [1, 2, 3, 4].map(() => strategy.decide(INPUT, w.view).targets);
    expect(orders).toEqual([
      ['light-a', 'light-b', 'local'],
      ['light-b', 'local', 'light-a'],
      ['local', 'light-a', 'light-b'],
      ['light-a', 'light-b', 'local'],
    ]);
  });

  it('keeps a counter per strategy instance', () => {
    const w = world();
    const config: StrategyConfig = { type: 'round_robin', targets: ['light-a', 'light-b'] };
    const first = build(w, config);
    const second = build(w, config);
    first.decide(INPUT, w.view);
    expect(second.decide(INPUT, w.view).targets[0]).toBe('light-a');
    expect(first.decide(INPUT, w.view)).toEqual({
      targets: ['light-b', 'light-a'],
      reason: 'round_robin: turn starts at target 2 of 2: light-b > light-a',
    });
  });
});

describe('least_connections', () => {
  it('orders by calls in flight, ties in configured order', () => {
    const w = world();
    w.busy('light-a', 2);
    w.busy('local', 1);
    const strategy = build(w, { type: 'least_connections', targets: ['light-a', 'mid-a', 'local', 'light-b'] });
    expect(strategy.decide(INPUT, w.view)).toEqual({
      targets: ['mid-a', 'light-b', 'local', 'light-a'],
      reason: 'least_connections: mid-a (0 in flight) <= light-b (0 in flight) <= local (1 in flight) <= light-a (2 in flight)',
    });
  });

  it('puts targets with open breakers last although nothing is in flight there', () => {
    const w = world();
    w.busy('light-a', 1);
    w.open('light-b');
    const strategy = build(w, { type: 'least_connections', targets: ['light-b', 'light-a'] });
    expect(strategy.decide(INPUT, w.view).targets).toEqual(['light-a', 'light-b']);
  });
});
