import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RungError } from '../../src/errors/rung-error.ts';
import { sleep } from '../../src/resilience/sleep.ts';

describe('sleep', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('resolves once the time passed, not before', async () => {
    let done = false;
    const pending = sleep(1_000).then(() => {
      done = true;
    });
    await vi.advanceTimersByTimeAsync(999);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(done).toBe(true);
    await pending;
  });

  it('rejects with the abort reason and clears its timer', async () => {
    const controller = new AbortController();
    const pending = sleep(10_000, controller.signal);
    await vi.advanceTimersByTimeAsync(100);
    const reason = new RungError('deadline_exceeded', 'too late');
    controller.abort(reason);
    await expect(pending).rejects.toBe(reason);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('rejects at once when the signal is already aborted', async () => {
    const signal = AbortSignal.abort(new RungError('connection', 'client gone'));
    await expect(sleep(10_000, signal)).rejects.toMatchObject({ code: 'connection' });
    expect(vi.getTimerCount()).toBe(0);
  });

  it('stops listening to the signal once it resolved', async () => {
    const controller = new AbortController();
    const pending = sleep(50, controller.signal);
    await vi.advanceTimersByTimeAsync(50);
    await expect(pending).resolves.toBeUndefined();
    controller.abort(new Error('late')); // must not reject anything or throw
  });
});
