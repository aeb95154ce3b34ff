// A timer promise that a cancel signal (an AbortSignal, or the gateway's client-disconnect signal)
// cuts short, so a retry wait never outlives the request's deadline or the client. On abort it
// rejects with `signal.reason` (whatever the aborter passed, e.g. a RungError `deadline_exceeded`;
// an AbortError DOMException by default) and clears the timer.
import type { CancelSignal } from '../chat/cancel-signal.ts';

export function sleep(ms: number, signal?: CancelSignal): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    if (signal?.aborted === true) {
      reject(signal.reason);
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, Math.max(0, ms));
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
