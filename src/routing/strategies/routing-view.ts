// The live RoutingView: breaker states from the BreakerRegistry, latency and in-flight counts
// from the HealthTracker. Reading a breaker's state never creates one.
import type { BreakerRegistry } from '../../resilience/circuit-breaker.ts';
import type { HealthTracker } from '../../resilience/health-tracker.ts';
import type { Catalog } from '../catalog.ts';
import type { RoutingView } from '../types.ts';

export interface RoutingViewParts {
  catalog: Catalog;
  breakers: BreakerRegistry;
  health: HealthTracker;
  /** Uniform in [0, 1); Math.random unless a test injects a seeded one. */
  random?: () => number;
}

export function createRoutingView(parts: RoutingViewParts): RoutingView {
  const { catalog, breakers, health } = parts;
  const random = parts.random ?? Math.random;
  return {
    catalog,
    breakerState: (deploymentId) => breakers.state(deploymentId),
    latencyMs: (deploymentId) => health.latencyMs(deploymentId),
    inFlight: (deploymentId) => health.inFlight(deploymentId),
    random,
  };
}
