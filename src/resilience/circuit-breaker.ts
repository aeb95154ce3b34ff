// A per-deployment circuit breaker: a pure state machine over an injected clock. It stops traffic
// to a deployment that keeps failing, then after a cooldown lets a few probe calls through to
// learn whether it recovered.
//
//   closed    --(N consecutive failures, or failure rate >= R over the window with >= M calls)--> open
//   open      --(cooldown passed; noticed lazily by tryAcquire()/state()/snapshot()/record*())--> half_open
//   half_open --(a probe succeeds)--> closed (counters and window reset)
//   half_open --(a probe fails)--> open (a new cooldown starts)
//
// Usage per call: `if (!breaker.tryAcquire()) skip;` then exactly one of `recordSuccess()`,
// `recordFailure()` or `release()` (the outcome says nothing about the deployment's health).
//
// Outcomes are judged against the state at the time they arrive. A call that started while
// closed and finishes while open is ignored (the breaker already knows); one that finishes
// while half-open counts as a probe outcome, which is still true evidence about health.
import type { BreakerConfig } from '../config/schema.ts';
import type { Clock } from './clock.ts';
import { SlidingWindowCounter } from './sliding-window.ts';

export type BreakerState = 'closed' | 'open' | 'half_open';

export interface BreakerSnapshot {
  state: BreakerState;
  consecutiveFailures: number;
  /** Calls with a health outcome inside the sliding window. */
  windowRequests: number;
  windowFailures: number;
  /** Probe calls admitted and not yet finished (half-open only; 0 otherwise). */
  probesInFlight: number;
  /** When the breaker last opened (open and half-open). */
  openedAt?: number;
  /** When an open breaker starts admitting probes. */
  reopensAt?: number;
}

export interface BreakerTransition {
  from: BreakerState;
  to: BreakerState;
  at: number;
  /** Why, for logs: e.g. `5 consecutive failures`. */
  reason: string;
}

export type BreakerTransitionListener = (transition: BreakerTransition) => void;

export class CircuitBreaker {
  private current: BreakerState = 'closed';
  private consecutiveFailures = 0;
  private openedAt: number | undefined;
  private probesInFlight = 0;
  private readonly window: SlidingWindowCounter;
  private readonly config: BreakerConfig;
  private readonly clock: Clock;
  private readonly onTransition: BreakerTransitionListener | undefined;

  constructor(config: BreakerConfig, clock: Clock, onTransition?: BreakerTransitionListener) {
    this.config = config;
    this.clock = clock;
    this.onTransition = onTransition;
    this.window = new SlidingWindowCounter(config.window_ms, clock);
  }

  /** True when a call may go to this deployment now; false means skip it. */
  tryAcquire(): boolean {
    this.refresh();
    if (this.current === 'closed') return true;
    if (this.current === 'open') return false;
    if (this.probesInFlight >= this.config.half_open_probes) return false;
    this.probesInFlight += 1;
    return true;
  }

  recordSuccess(): void {
    this.refresh();
    if (this.current === 'half_open') {
      this.close('a probe call succeeded');
    } else if (this.current === 'closed') {
      this.consecutiveFailures = 0;
      this.window.record(false);
    }
  }

  recordFailure(): void {
    this.refresh();
    if (this.current === 'half_open') {
      this.consecutiveFailures += 1;
      this.open('a probe call failed');
      return;
    }
    if (this.current === 'open') return;
    this.consecutiveFailures += 1;
    this.window.record(true);
    const reason = this.tripReason();
    if (reason !== undefined) this.open(reason);
  }

  /** The call ended without saying anything about health: frees a half-open probe slot. */
  release(): void {
    this.refresh();
    if (this.current === 'half_open' && this.probesInFlight > 0) this.probesInFlight -= 1;
  }

  state(): BreakerState {
    this.refresh();
    return this.current;
  }

  snapshot(): BreakerSnapshot {
    this.refresh();
    const { requests, failures } = this.window.counts();
    const snapshot: BreakerSnapshot = {
      state: this.current,
      consecutiveFailures: this.consecutiveFailures,
      windowRequests: requests,
      windowFailures: failures,
      probesInFlight: this.probesInFlight,
    };
    if (this.openedAt !== undefined) snapshot.openedAt = this.openedAt;
    if (this.current === 'open' && this.openedAt !== undefined) snapshot.reopensAt = this.openedAt + this.config.cooldown_ms;
    return snapshot;
  }

  private tripReason(): string | undefined {
    if (this.consecutiveFailures >= this.config.consecutive_failures) {
      return `${this.consecutiveFailures} consecutive failures`;
    }
    const { requests, failures } = this.window.counts();
    if (requests >= this.config.min_requests && failures / requests >= this.config.failure_rate) {
      const percent = Math.round((failures / requests) * 100);
      return `${failures} of ${requests} calls failed (${percent}%) within ${this.config.window_ms}ms`;
    }
    return undefined;
  }

  /** Applies the time-driven transition open → half_open. */
  private refresh(): void {
    if (this.current !== 'open' || this.openedAt === undefined) return;
    if (this.clock.now() < this.openedAt + this.config.cooldown_ms) return;
    this.probesInFlight = 0;
    this.transition('half_open', `cooldown of ${this.config.cooldown_ms}ms passed`);
  }

  private open(reason: string): void {
    this.openedAt = this.clock.now();
    this.probesInFlight = 0;
    this.transition('open', reason);
  }

  private close(reason: string): void {
    this.consecutiveFailures = 0;
    this.openedAt = undefined;
    this.probesInFlight = 0;
    this.window.reset();
    this.transition('closed', reason);
  }

  private transition(to: BreakerState, reason: string): void {
    const from = this.current;
    this.current = to;
    this.onTransition?.({ from, to, at: this.clock.now(), reason });
  }
}

export type RegistryTransitionListener = (deploymentId: string, transition: BreakerTransition) => void;

/** One breaker per deployment id, created on first use, all sharing one config and clock. */
export class BreakerRegistry {
  private readonly breakers = new Map<string, CircuitBreaker>();
  private readonly config: BreakerConfig;
  private readonly clock: Clock;
  private readonly onTransition: RegistryTransitionListener | undefined;

  constructor(config: BreakerConfig, clock: Clock, onTransition?: RegistryTransitionListener) {
    this.config = config;
    this.clock = clock;
    this.onTransition = onTransition;
  }

  get(deploymentId: string): CircuitBreaker {
    let breaker = this.breakers.get(deploymentId);
    if (breaker === undefined) {
      const listener = this.onTransition;
      breaker = new CircuitBreaker(
        this.config,
        this.clock,
        listener === undefined ? undefined : (transition) => listener(deploymentId, transition),
      );
      this.breakers.set(deploymentId, breaker);
    }
    return breaker;
  }

  /** The state without creating a breaker: a deployment never called is closed. */
  state(deploymentId: string): BreakerState {
    return this.breakers.get(deploymentId)?.state() ?? 'closed';
  }

  /** Snapshots of every breaker created so far, keyed by deployment id. */
  snapshots(): Map<string, BreakerSnapshot> {
    const out = new Map<string, BreakerSnapshot>();
    for (const [id, breaker] of this.breakers) out.set(id, breaker.snapshot());
    return out;
  }
}
