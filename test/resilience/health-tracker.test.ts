import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/resilience/clock.ts';
import { HealthTracker } from '../../src/resilience/health-tracker.ts';

function setup(windowSize = 10) {
  const clock = new ManualClock();
  return { clock, tracker: new HealthTracker(clock, { windowSize, degradedBelow: 0.9, latencySmoothing: 0.5 }) };
}

describe('HealthTracker', () => {
  it('reports nothing and healthy for a deployment with no traffic', () => {
    const { tracker } = setup();
    expect(tracker.latencyMs('a')).toBeUndefined();
    expect(tracker.successRate('a')).toBeUndefined();
    expect(tracker.lastError('a')).toBeUndefined();
    expect(tracker.inFlight('a')).toBe(0);
    expect(tracker.status('a', 'closed')).toBe('healthy');
  });

  it('counts calls in flight and measures latency from begin() to finish', () => {
    const { tracker, clock } = setup();
    const first = tracker.begin('a');
    const second = tracker.begin('a');
    expect(tracker.inFlight('a')).toBe(2);
    clock.advance(400);
    first({ ok: true });
    first({ ok: true }); // idempotent
    expect(tracker.inFlight('a')).toBe(1);
    expect(tracker.latencyMs('a')).toBe(400);
    second(); // no outcome (client went away): only the in-flight count drops
    expect(tracker.inFlight('a')).toBe(0);
    expect(tracker.outcomes('a')).toEqual([{ ok: true, latencyMs: 400, at: clock.now() }]);
  });

  it('smooths latency over successes only (EWMA)', () => {
    const { tracker } = setup();
    tracker.record('a', { ok: true, latencyMs: 100 });
    tracker.record('a', { ok: true, latencyMs: 300 }); // 100 + 0.5 * 200
    tracker.record('a', { ok: false, latencyMs: 9_000, errorClass: 'timeout' });
    expect(tracker.latencyMs('a')).toBe(200);
    tracker.record('a', { ok: true, latencyMs: 400 });
    expect(tracker.latencyMs('a')).toBe(300);
  });

  it('computes the success rate over the last windowSize outcomes only', () => {
    const { tracker } = setup(4);
    for (let i = 0; i < 4; i += 1) tracker.record('a', { ok: false, latencyMs: 1, errorClass: 'server_error' });
    expect(tracker.successRate('a')).toBe(0);
    tracker.record('a', { ok: true, latencyMs: 1 });
    tracker.record('a', { ok: true, latencyMs: 1 });
    expect(tracker.successRate('a')).toBe(0.5);
    expect(tracker.outcomes('a').map((outcome) => outcome.ok)).toEqual([false, false, true, true]);
    for (let i = 0; i < 4; i += 1) tracker.record('a', { ok: true, latencyMs: 1 });
    expect(tracker.successRate('a')).toBe(1);
  });

  it('remembers the last error with its time', () => {
    const { tracker, clock } = setup();
    tracker.record('a', { ok: false, latencyMs: 5, errorClass: 'rate_limited' });
    clock.advance(1_000);
    tracker.record('a', { ok: false, latencyMs: 5, errorClass: 'timeout' });
    tracker.record('a', { ok: true, latencyMs: 5 });
    expect(tracker.lastError('a')).toEqual({ errorClass: 'timeout', at: clock.now() });
  });

  it('keeps deployments apart', () => {
    const { tracker } = setup();
    tracker.begin('a');
    tracker.record('b', { ok: true, latencyMs: 50 });
    expect(tracker.inFlight('b')).toBe(0);
    expect(tracker.latencyMs('a')).toBeUndefined();
  });

  describe('status', () => {
    it('is down while the breaker is open, even with good traffic', () => {
      const { tracker } = setup();
      tracker.record('a', { ok: true, latencyMs: 1 });
      expect(tracker.status('a', 'open')).toBe('down');
    });

    it('is down when at least 3 outcomes are in the window and all failed', () => {
      const { tracker } = setup();
      tracker.record('a', { ok: false, latencyMs: 1, errorClass: 'connection' });
      tracker.record('a', { ok: false, latencyMs: 1, errorClass: 'connection' });
      expect(tracker.status('a', 'closed')).toBe('degraded'); // two failures are not yet "down"
      tracker.record('a', { ok: false, latencyMs: 1, errorClass: 'connection' });
      expect(tracker.status('a', 'closed')).toBe('down');
      expect(tracker.status('a', 'half_open')).toBe('down');
    });

    it('is degraded while half-open', () => {
      const { tracker } = setup();
      expect(tracker.status('a', 'half_open')).toBe('degraded');
    });

    it('is degraded below the success-rate threshold and healthy at or above it', () => {
      const { tracker } = setup();
      tracker.record('a', { ok: false, latencyMs: 1, errorClass: 'server_error' });
      tracker.record('a', { ok: false, latencyMs: 1, errorClass: 'server_error' });
      for (let i = 0; i < 8; i += 1) tracker.record('a', { ok: true, latencyMs: 1 });
      expect(tracker.status('a', 'closed')).toBe('degraded'); // 0.8 < 0.9
      tracker.record('a', { ok: true, latencyMs: 1 }); // evicts the oldest failure: 9 ok of 10
      expect(tracker.successRate('a')).toBe(0.9);
      expect(tracker.status('a', 'closed')).toBe('healthy');
    });

    it('summarises everything in a snapshot', () => {
      const { tracker } = setup();
      tracker.begin('a');
      tracker.record('a', { ok: true, latencyMs: 120 });
      expect(tracker.snapshot('a', 'closed')).toEqual({
        status: 'healthy', inFlight: 1, requests: 1, successRate: 1, latencyMs: 120, lastError: undefined,
      });
    });
  });
});
