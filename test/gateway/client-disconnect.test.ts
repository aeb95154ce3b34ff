import { EventEmitter } from 'node:events';
import type { ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { ClientDisconnect } from '../../src/gateway/client-disconnect.ts';
import { sleep } from '../../src/resilience/sleep.ts';

/** A response stand-in: an emitter with the one flag ClientDisconnect reads. */
function fakeResponse(): EventEmitter & { writableFinished: boolean } {
  return Object.assign(new EventEmitter(), { writableFinished: false });
}

const watch = (response: ReturnType<typeof fakeResponse>) => new ClientDisconnect(response as unknown as ServerResponse);

describe('ClientDisconnect', () => {
  it('aborts, with an AbortError reason, when the response closes before it finished', () => {
    const response = fakeResponse();
    const signal = watch(response);
    const calls: string[] = [];
    signal.addEventListener('abort', () => calls.push('a'));
    signal.addEventListener('abort', () => calls.push('b'), { once: true });
    expect(signal.aborted).toBe(false);
    response.emit('close');
    expect(signal.aborted).toBe(true);
    expect(signal.reason).toBeInstanceOf(DOMException);
    expect((signal.reason as DOMException).name).toBe('AbortError');
    expect(calls).toEqual(['a', 'b']);
    response.emit('close');
    expect(calls).toEqual(['a', 'b']);
  });

  it('does not abort when the response closes after it finished', () => {
    const response = fakeResponse();
    const signal = watch(response);
    let called = false;
    signal.addEventListener('abort', () => (called = true));
    response.writableFinished = true;
    response.emit('close');
    expect(signal.aborted).toBe(false);
    expect(called).toBe(false);
  });

  it('calls a listener once however often it was added, and never after removal or after the abort', () => {
    const signal = watch(fakeResponse());
    let count = 0;
    const listener = () => (count += 1);
    signal.addEventListener('abort', listener);
    signal.addEventListener('abort', listener);
    const removed = () => (count += 100);
    signal.addEventListener('abort', removed);
    signal.removeEventListener('abort', removed);
    signal.abort();
    expect(count).toBe(1);
    signal.addEventListener('abort', listener);
    signal.abort();
    expect(count).toBe(1);
  });

  it('cuts a retry wait short, as an AbortSignal does', async () => {
    const signal = watch(fakeResponse());
    const pending = sleep(10_000, signal);
    signal.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
  });
});
