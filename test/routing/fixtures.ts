// Shared test parts for routing: a real validated config and catalogue, a live RoutingView over
// real breakers and a real health tracker, and a seeded PRNG.
import { parseConfig } from '../../src/config/load.ts';
import type { RungConfig } from '../../src/config/schema.ts';
import { BreakerRegistry } from '../../src/resilience/circuit-breaker.ts';
import { ManualClock } from '../../src/resilience/clock.ts';
import { HealthTracker } from '../../src/resilience/health-tracker.ts';
import { Catalog } from '../../src/routing/catalog.ts';
import { createRoutingView } from '../../src/routing/strategies/routing-view.ts';
import type { RouteInput, RoutingView } from '../../src/routing/types.ts';

/** Prices in USD per 1M tokens (input / output). */
const DEPLOYMENTS = [
  { id: 'premium-a', input: 15, output: 75, weight: 1 },
  { id: 'mid-a', input: 3, output: 15, weight: 1 },
  { id: 'mid-b', input: 2.5, output: 10, weight: 1 },
  { id: 'light-a', input: 0.15, output: 0.6, weight: 3 },
  { id: 'light-b', input: 0.25, output: 1.25, weight: 1 },
  { id: 'local', input: 0, output: 0, weight: 2 },
];

export function testConfig(): RungConfig {
  return parseConfig(
    {
      providers: [{ id: 'p', type: 'openai_compatible', base_url: 'http://127.0.0.1:1' }],
      deployments: DEPLOYMENTS.map((d) => ({
        id: d.id,
        provider: 'p',
        model: d.id,
        price: { input_per_mtok: d.input, output_per_mtok: d.output },
        context_window: 128_000,
        weight: d.weight,
      })),
    },
    '(test)',
    {},
  );
}

export interface World {
  catalog: Catalog;
  clock: ManualClock;
  breakers: BreakerRegistry;
  health: HealthTracker;
  view: RoutingView;
  /** Opens the breaker of a deployment by recording consecutive failures. */
  open(deploymentId: string): void;
  /** Records one successful call with this latency. */
  latency(deploymentId: string, ms: number): void;
  /** Starts `count` calls that stay in flight. */
  busy(deploymentId: string, count: number): void;
}

export function world(random: () => number = seededRandom(1)): World {
  const config = testConfig();
  const catalog = new Catalog(config);
  const clock = new ManualClock();
  const breakers = new BreakerRegistry(config.resilience.breaker, clock);
  const health = new HealthTracker(clock);
  return {
    catalog,
    clock,
    breakers,
    health,
    view: createRoutingView({ catalog, breakers, health, random }),
    open(deploymentId) {
      const breaker = breakers.get(deploymentId);
      for (let i = 0; i < config.resilience.breaker.consecutive_failures; i += 1) breaker.recordFailure();
    },
    latency(deploymentId, ms) {
      health.record(deploymentId, { ok: true, latencyMs: ms });
    },
    busy(deploymentId, count) {
      for (let i = 0; i < count; i += 1) health.begin(deploymentId);
    },
  };
}

export const INPUT: RouteInput = { estimatedPromptTokens: 1_000, estimatedOutputTokens: 500 };

/** mulberry32: a small deterministic PRNG, uniform in [0, 1). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Returns the given values in turn (then repeats the last); for exact control over draws. */
export function scriptedRandom(...values: number[]): () => number {
  let index = 0;
  return () => {
    const value = values[Math.min(index, values.length - 1)] ?? 0;
    index += 1;
    return value;
  };
}
