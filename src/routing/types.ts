// The routing-strategy seam. A strategy is built once from config (validated against the
// catalogue at boot) and asked per request for an ordered list of deployment ids to try.
// Strategies never call providers and never enforce breakers: the executor does that.
import type { BreakerState } from '../resilience/circuit-breaker.ts';
import type { Catalog } from './catalog.ts';

/** What a strategy may read about the world at decision time. */
export interface RoutingView {
  readonly catalog: Catalog;
  breakerState(deploymentId: string): BreakerState;
  /** Recent typical latency (ms) of successful calls, undefined with no data yet. */
  latencyMs(deploymentId: string): number | undefined;
  /** Calls to this deployment in flight now. */
  inFlight(deploymentId: string): number;
  /** Uniform in [0, 1); injected so tests are deterministic. */
  random(): number;
}

/** What the request needs from a deployment. */
export interface RequestNeeds {
  tools: boolean;
  vision: boolean;
  jsonSchema: boolean;
}

/** Facts about the request that strategies may use. */
export interface RouteInput {
  estimatedPromptTokens: number;
  /** max_tokens if given, else a default estimate of output length. */
  estimatedOutputTokens: number;
  /** Capabilities the request uses; absent means none are required. */
  needs?: RequestNeeds;
  /**
   * The calibrated complexity score for score-driven strategies: a number when scored, null when
   * the scorer failed or timed out (the strategy must then pick the most capable deployment).
   */
  score?: number | null;
  /** Budget near its limit: prefer a cheaper allowed deployment. */
  downgrade?: boolean;
  /** Calibrated thresholds of the scorer that produced `score`, when it is not the default one. */
  thresholds?: Readonly<Record<'cost_optimized' | 'balanced' | 'quality_first', number>>;
}

export interface StrategyDecision {
  /** Deployment ids in the order they should be tried; no duplicates. */
  targets: string[];
  /** One line a person can read: why this order. */
  reason: string;
}

export interface RoutingStrategy {
  readonly type: string;
  decide(input: RouteInput, view: RoutingView): StrategyDecision;
}
