import { describe, expect, it } from 'vitest';
import type { BreakerConfig } from '../../src/config/schema.ts';
import { BreakerRegistry, CircuitBreaker, type BreakerTransition } from '../../src/resilience/circuit-breaker.ts';
import { ManualClock } from '../../src/resilience/clock.ts';

const CONFIG: BreakerConfig = {
  consecutive_failures: 3,
  failure_rate: 0.5,
  window_ms: 10_000,
  min_requests: 6,
  cooldown_ms: 5_000,
  half_open_probes: 2,
};

function setup(overrides: Partial<BreakerConfig> = {}) {
  const clock = new ManualClock();
  const transitions: BreakerTransition[] = [];
  const breaker = new CircuitBreaker({ ...CONFIG, ...overrides }, clock, (transition) => transitions.push(transition));
  return { clock, breaker, transitions };
}

function fail(breaker: CircuitBreaker, times: number): void {
  for (let i = 0; i < times; i += 1) breaker.recordFailure();
}

function succeed(breaker: CircuitBreaker, times: number): void {
  for (let i = 0; i < times; i += 1) breaker.recordSuccess();
}

describe('CircuitBreaker, closed', () => {
  it('admits every call and counts outcomes in the window', () => {
    const { breaker } = setup();
    expect(breaker.tryAcquire()).toBe(true);
    expect(breaker.tryAcquire()).toBe(true);
    breaker.recordSuccess();
    breaker.recordFailure();
    expect(breaker.snapshot()).toEqual({
      state: 'closed', consecutiveFailures: 1, windowRequests: 2, windowFailures: 1, probesInFlight: 0,
    });
  });

  it('opens after the configured number of consecutive failures', () => {
    const { breaker, clock, transitions } = setup();
    fail(breaker, 2);
    expect(breaker.state()).toBe('closed');
    breaker.recordFailure();
    expect(breaker.state()).toBe('open');
    expect(breaker.tryAcquire()).toBe(false);
    expect(breaker.snapshot()).toMatchObject({ state: 'open', openedAt: clock.now(), reopensAt: clock.now() + 5_000 });
    expect(transitions).toEqual([{ from: 'closed', to: 'open', at: clock.now(), reason: '3 consecutive failures' }]);
  });

  it('a success resets the consecutive count', () => {
    const { breaker } = setup();
    fail(breaker, 2);
    breaker.recordSuccess();
    fail(breaker, 2);
    expect(breaker.state()).toBe('closed');
    expect(breaker.snapshot().consecutiveFailures).toBe(2);
  });

  it('opens on the failure rate over the window once min_requests calls were seen', () => {
    const { breaker, transitions } = setup({ consecutive_failures: 100 });
    // Alternating outcomes: 50% failures, never two failures in a row.
    for (let i = 0; i < 2; i += 1) {
      breaker.recordSuccess();
      breaker.recordFailure();
    }
    breaker.recordSuccess();
    expect(breaker.state()).toBe('closed'); // 5 calls: below min_requests
    breaker.recordFailure(); // 6 calls, 3 failures = 50%
    expect(breaker.state()).toBe('open');
    expect(transitions[0]?.reason).toBe('3 of 6 calls failed (50%) within 10000ms');
  });

  it('stays closed while the failure rate is below the threshold', () => {
    const { breaker } = setup({ consecutive_failures: 100 });
    succeed(breaker, 7);
    fail(breaker, 3); // 3 of 10 = 30%
    expect(breaker.state()).toBe('closed');
  });

  it('forgets outcomes that fell out of the window', () => {
    const { breaker, clock } = setup({ consecutive_failures: 100 });
    succeed(breaker, 1);
    fail(breaker, 4);
    clock.advance(10_000); // those 5 calls are now a full window old
    expect(breaker.snapshot()).toMatchObject({ windowRequests: 0, windowFailures: 0 });
    succeed(breaker, 4);
    fail(breaker, 1);
    // 1 of 5 in the window: without expiry it would be 5 of 10 and open.
    expect(breaker.state()).toBe('closed');
    fail(breaker, 1);
    expect(breaker.snapshot()).toMatchObject({ state: 'closed', windowRequests: 6, windowFailures: 2 });
  });

  it('keeps outcomes younger than the window minus one bucket', () => {
    const { breaker, clock } = setup({ consecutive_failures: 100 });
    fail(breaker, 3);
    clock.advance(8_999); // window 10s in 10 buckets: anything under 9s old is always counted
    succeed(breaker, 2);
    expect(breaker.snapshot()).toMatchObject({ windowRequests: 5, windowFailures: 3 });
    breaker.recordFailure(); // 4 of 6
    expect(breaker.state()).toBe('open');
  });

  it('release() changes nothing while closed', () => {
    const { breaker } = setup();
    fail(breaker, 2);
    breaker.release();
    expect(breaker.snapshot()).toMatchObject({ state: 'closed', consecutiveFailures: 2, windowRequests: 2 });
  });
});

describe('CircuitBreaker, open and half-open', () => {
  function opened(overrides: Partial<BreakerConfig> = {}) {
    const context = setup(overrides);
    fail(context.breaker, 3);
    return context;
  }

  it('rejects calls until the cooldown passed, then turns half-open lazily', () => {
    const { breaker, clock, transitions } = opened();
    clock.advance(4_999);
    expect(breaker.tryAcquire()).toBe(false);
    clock.advance(1);
    expect(transitions).toHaveLength(1); // nothing happens until someone looks
    expect(breaker.state()).toBe('half_open');
    expect(transitions[1]).toMatchObject({ from: 'open', to: 'half_open', reason: 'cooldown of 5000ms passed' });
    expect(breaker.snapshot().reopensAt).toBeUndefined();
  });

  it('ignores outcomes of calls that started before it opened', () => {
    const { breaker } = opened();
    breaker.recordSuccess();
    breaker.recordFailure();
    expect(breaker.snapshot()).toMatchObject({ state: 'open', consecutiveFailures: 3 });
  });

  it('admits at most half_open_probes probes at once', () => {
    const { breaker, clock } = opened();
    clock.advance(5_000);
    expect(breaker.tryAcquire()).toBe(true);
    expect(breaker.tryAcquire()).toBe(true);
    expect(breaker.tryAcquire()).toBe(false);
    expect(breaker.snapshot()).toMatchObject({ state: 'half_open', probesInFlight: 2 });
  });

  it('release() frees a probe slot without changing state', () => {
    const { breaker, clock } = opened({ half_open_probes: 1 });
    clock.advance(5_000);
    expect(breaker.tryAcquire()).toBe(true);
    expect(breaker.tryAcquire()).toBe(false);
    breaker.release();
    expect(breaker.state()).toBe('half_open');
    expect(breaker.tryAcquire()).toBe(true);
  });

  it('a probe success closes it and clears the counters and the window', () => {
    const { breaker, clock, transitions } = opened();
    clock.advance(5_000);
    expect(breaker.tryAcquire()).toBe(true);
    breaker.recordSuccess();
    expect(breaker.snapshot()).toEqual({
      state: 'closed', consecutiveFailures: 0, windowRequests: 0, windowFailures: 0, probesInFlight: 0,
    });
    expect(transitions.map((t) => t.to)).toEqual(['open', 'half_open', 'closed']);
    // A fresh start: it takes the full count of consecutive failures to open again.
    fail(breaker, 2);
    expect(breaker.state()).toBe('closed');
  });

  it('a probe failure reopens it with a new cooldown', () => {
    const { breaker, clock } = opened();
    clock.advance(5_000);
    expect(breaker.tryAcquire()).toBe(true);
    clock.advance(700);
    breaker.recordFailure();
    const reopenedAt = clock.now();
    expect(breaker.snapshot()).toMatchObject({ state: 'open', openedAt: reopenedAt, reopensAt: reopenedAt + 5_000, probesInFlight: 0 });
    clock.advance(4_999);
    expect(breaker.tryAcquire()).toBe(false);
    clock.advance(1);
    expect(breaker.tryAcquire()).toBe(true);
  });
});

describe('BreakerRegistry', () => {
  it('keeps one breaker per deployment, created on first use', () => {
    const clock = new ManualClock();
    const seen: string[] = [];
    const registry = new BreakerRegistry(CONFIG, clock, (id, transition) => seen.push(`${id}:${transition.to}`));
    expect(registry.state('a')).toBe('closed');
    expect(registry.snapshots().size).toBe(0); // reading a state creates nothing
    expect(registry.get('a')).toBe(registry.get('a'));
    fail(registry.get('a'), 3);
    expect(registry.state('a')).toBe('open');
    expect(registry.state('b')).toBe('closed');
    expect(seen).toEqual(['a:open']);
    expect(registry.snapshots().get('a')?.state).toBe('open');
  });
});
