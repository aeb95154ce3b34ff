// Per-deployment health from real traffic only (no synthetic pings): a ring buffer of the last
// `windowSize` call outcomes, an in-flight counter, and a smoothed latency of successful calls.
// Memory per deployment is fixed by `windowSize`.
//
// Latency is an exponentially weighted moving average (EWMA) of successful calls: O(1) per read,
// which matters because `least_latency` reads it for every target of every request, and it
// follows a deployment that slows down within a handful of calls, where a median over the whole
// window would need half the window to move.
import { DEFAULTS } from '../config/defaults.ts';
import type { ErrorCode } from '../errors/catalogue.ts';
import type { BreakerState } from './circuit-breaker.ts';
import type { Clock } from './clock.ts';

export type HealthStatus = 'healthy' | 'degraded' | 'down';

export interface HealthOutcome {
  ok: boolean;
  latencyMs: number;
  errorClass?: ErrorCode;
  at: number;
}

/** How a finished call went; `latencyMs` overrides the time measured since `begin()`. */
export type CallOutcome =
  | { ok: true; latencyMs?: number }
  | { ok: false; errorClass: ErrorCode; latencyMs?: number };

/** Ends a call started with `begin()`. Without an outcome (client abort) only the in-flight count drops. Idempotent. */
export type FinishCall = (outcome?: CallOutcome) => void;

export interface HealthSnapshot {
  status: HealthStatus;
  inFlight: number;
  /** Outcomes in the window. */
  requests: number;
  successRate: number | undefined;
  latencyMs: number | undefined;
  lastError: { errorClass: ErrorCode; at: number } | undefined;
}

export interface HealthTrackerOptions {
  windowSize?: number;
  degradedBelow?: number;
  /** Weight of the newest latency in the EWMA, in (0, 1]. */
  latencySmoothing?: number;
}

/** With fewer outcomes than this, failures alone never make a deployment read as down. */
export const DOWN_MIN_OUTCOMES = 3;
export const DEFAULT_LATENCY_SMOOTHING = 0.25;

class DeploymentHealth {
  readonly ok: Uint8Array;
  readonly latency: Float64Array;
  readonly at: Float64Array;
  readonly errorClass: (ErrorCode | undefined)[];
  /** Slot the next outcome goes to. */
  next = 0;
  count = 0;
  okCount = 0;
  inFlight = 0;
  smoothedLatency: number | undefined;
  lastError: { errorClass: ErrorCode; at: number } | undefined;

  constructor(size: number) {
    this.ok = new Uint8Array(size);
    this.latency = new Float64Array(size);
    this.at = new Float64Array(size);
    this.errorClass = new Array<ErrorCode | undefined>(size).fill(undefined);
  }
}

export class HealthTracker {
  private readonly deployments = new Map<string, DeploymentHealth>();
  private readonly clock: Clock;
  private readonly windowSize: number;
  private readonly degradedBelow: number;
  private readonly smoothing: number;

  constructor(clock: Clock, options: HealthTrackerOptions = {}) {
    this.clock = clock;
    this.windowSize = options.windowSize ?? DEFAULTS.health.windowSize;
    this.degradedBelow = options.degradedBelow ?? DEFAULTS.health.degradedBelow;
    this.smoothing = options.latencySmoothing ?? DEFAULT_LATENCY_SMOOTHING;
    if (!Number.isInteger(this.windowSize) || this.windowSize < 1) throw new RangeError('windowSize must be a whole number >= 1');
    if (!(this.smoothing > 0 && this.smoothing <= 1)) throw new RangeError('latencySmoothing must be in (0, 1]');
  }

  /** Counts a call as in flight until the returned function is called. */
  begin(deploymentId: string): FinishCall {
    const health = this.entry(deploymentId);
    const startedAt = this.clock.now();
    health.inFlight += 1;
    let finished = false;
    return (outcome) => {
      if (finished) return;
      finished = true;
      health.inFlight -= 1;
      if (outcome === undefined) return;
      const latencyMs = outcome.latencyMs ?? this.clock.now() - startedAt;
      this.record(deploymentId, outcome.ok ? { ok: true, latencyMs } : { ok: false, latencyMs, errorClass: outcome.errorClass });
    };
  }

  /** Adds one outcome (use directly when the call was not counted with `begin()`). */
  record(deploymentId: string, outcome: { ok: boolean; latencyMs: number; errorClass?: ErrorCode }): void {
    const health = this.entry(deploymentId);
    const slot = health.next;
    const now = this.clock.now();
    if (health.count === this.windowSize) {
      if (health.ok[slot] === 1) health.okCount -= 1;
    } else {
      health.count += 1;
    }
    health.ok[slot] = outcome.ok ? 1 : 0;
    health.latency[slot] = outcome.latencyMs;
    health.at[slot] = now;
    health.errorClass[slot] = outcome.ok ? undefined : outcome.errorClass;
    health.next = (slot + 1) % this.windowSize;
    if (outcome.ok) {
      health.okCount += 1;
      health.smoothedLatency = health.smoothedLatency === undefined
        ? outcome.latencyMs
        : health.smoothedLatency + this.smoothing * (outcome.latencyMs - health.smoothedLatency);
    } else if (outcome.errorClass !== undefined) {
      health.lastError = { errorClass: outcome.errorClass, at: now };
    }
  }

  inFlight(deploymentId: string): number {
    return this.deployments.get(deploymentId)?.inFlight ?? 0;
  }

  /** Smoothed latency of successful calls; undefined before the first success. */
  latencyMs(deploymentId: string): number | undefined {
    return this.deployments.get(deploymentId)?.smoothedLatency;
  }

  /** Share of successful outcomes in the window; undefined with no outcomes. */
  successRate(deploymentId: string): number | undefined {
    const health = this.deployments.get(deploymentId);
    if (health === undefined || health.count === 0) return undefined;
    return health.okCount / health.count;
  }

  lastError(deploymentId: string): { errorClass: ErrorCode; at: number } | undefined {
    return this.deployments.get(deploymentId)?.lastError;
  }

  /** The window's outcomes, oldest first (allocates: for dashboards, not the request path). */
  outcomes(deploymentId: string): HealthOutcome[] {
    const health = this.deployments.get(deploymentId);
    if (health === undefined) return [];
    const out: HealthOutcome[] = [];
    const start = health.count === this.windowSize ? health.next : 0;
    for (let offset = 0; offset < health.count; offset += 1) {
      const slot = (start + offset) % this.windowSize;
      const outcome: HealthOutcome = { ok: health.ok[slot] === 1, latencyMs: health.latency[slot] ?? 0, at: health.at[slot] ?? 0 };
      const errorClass = health.errorClass[slot];
      if (errorClass !== undefined) outcome.errorClass = errorClass;
      out.push(outcome);
    }
    return out;
  }

  /**
   * down: the breaker is open, or at least DOWN_MIN_OUTCOMES outcomes are in the window and all
   * of them failed. degraded: the breaker is half-open, or the success rate is below
   * `degradedBelow`. healthy: otherwise, including when there is no data yet.
   */
  status(deploymentId: string, breakerState: BreakerState): HealthStatus {
    if (breakerState === 'open') return 'down';
    const health = this.deployments.get(deploymentId);
    const count = health?.count ?? 0;
    const okCount = health?.okCount ?? 0;
    if (count >= DOWN_MIN_OUTCOMES && okCount === 0) return 'down';
    if (breakerState === 'half_open') return 'degraded';
    if (count > 0 && okCount / count < this.degradedBelow) return 'degraded';
    return 'healthy';
  }

  snapshot(deploymentId: string, breakerState: BreakerState): HealthSnapshot {
    return {
      status: this.status(deploymentId, breakerState),
      inFlight: this.inFlight(deploymentId),
      requests: this.deployments.get(deploymentId)?.count ?? 0,
      successRate: this.successRate(deploymentId),
      latencyMs: this.latencyMs(deploymentId),
      lastError: this.lastError(deploymentId),
    };
  }

  private entry(deploymentId: string): DeploymentHealth {
    let health = this.deployments.get(deploymentId);
    if (health === undefined) {
      health = new DeploymentHealth(this.windowSize);
      this.deployments.set(deploymentId, health);
    }
    return health;
  }
}
