import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/resilience/clock.ts';
import { SlidingWindowCounter } from '../../src/resilience/sliding-window.ts';

describe('SlidingWindowCounter', () => {
  it('drops old buckets one at a time as time moves on', () => {
    const clock = new ManualClock(0);
    const window = new SlidingWindowCounter(1_000, clock, 4); // 250 ms buckets
    window.record(true); // t=0
    clock.advance(250);
    window.record(false); // t=250
    window.record(false);
    clock.advance(250);
    window.record(true); // t=500
    expect(window.counts()).toEqual({ requests: 4, failures: 2 });
    clock.advance(500); // t=1000: the t=0 bucket is a full window old
    expect(window.counts()).toEqual({ requests: 3, failures: 1 });
    clock.advance(250); // t=1250: the t=250 bucket too
    expect(window.counts()).toEqual({ requests: 1, failures: 1 });
    clock.advance(250);
    expect(window.counts()).toEqual({ requests: 0, failures: 0 });
  });

  it('reuses a slot for a new bucket without carrying old counts', () => {
    const clock = new ManualClock(0);
    const window = new SlidingWindowCounter(1_000, clock, 4);
    for (let i = 0; i < 50; i += 1) window.record(true);
    clock.advance(1_000); // same slot, next lap
    window.record(false);
    expect(window.counts()).toEqual({ requests: 1, failures: 0 });
  });

  it('counts correctly over a long run of steady traffic', () => {
    const clock = new ManualClock(0);
    const window = new SlidingWindowCounter(10_000, clock, 10);
    // One call every 100 ms for 100 s, every fourth one failing.
    for (let i = 0; i < 1_000; i += 1) {
      window.record(i % 4 === 0);
      clock.advance(100);
    }
    clock.advance(-100); // back to the time of the last call
    expect(window.counts()).toEqual({ requests: 100, failures: 25 });
  });

  it('resets to empty', () => {
    const clock = new ManualClock(0);
    const window = new SlidingWindowCounter(1_000, clock);
    window.record(true);
    window.reset();
    expect(window.counts()).toEqual({ requests: 0, failures: 0 });
  });
});
