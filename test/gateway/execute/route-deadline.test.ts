import { getEventListeners } from 'node:events';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RouteDeadline } from '../../../src/gateway/execute/route-deadline.ts';

afterEach(() => {
  vi.useRealTimers();
});

describe('RouteDeadline', () => {
  it('aborts when the client goes away, without marking the deadline expired', () => {
    const client = new AbortController();
    const deadline = new RouteDeadline(client.signal, 60_000);
    client.abort();
    expect(deadline.signal.aborted).toBe(true);
    expect(deadline.expired).toBe(false);
    deadline.release();
  });

  it('aborts and marks expiry when the deadline passes', () => {
    vi.useFakeTimers();
    const deadline = new RouteDeadline(new AbortController().signal, 5_000);
    vi.advanceTimersByTime(4_999);
    expect(deadline.signal.aborted).toBe(false);
    vi.advanceTimersByTime(1);
    expect(deadline.signal.aborted).toBe(true);
    expect(deadline.expired).toBe(true);
  });

  it('leaves no timer or client listener behind once released', () => {
    vi.useFakeTimers();
    const client = new AbortController();
    const deadline = new RouteDeadline(client.signal, 5_000);
    expect(getEventListeners(client.signal, 'abort')).toHaveLength(1);
    deadline.release();
    expect(getEventListeners(client.signal, 'abort')).toHaveLength(0);
    expect(vi.getTimerCount()).toBe(0);
    client.abort();
    expect(deadline.signal.aborted).toBe(false);
  });
});
