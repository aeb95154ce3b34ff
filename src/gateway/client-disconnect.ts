// A CancelSignal that fires when the client goes away before its answer is written: the response
// closes without having finished. One per request, so it is kept to a plain object and one
// 'close' listener; the listeners are the upstream call's (one at a time, or a retry's sleep).
import type { ServerResponse } from 'node:http';
import type { CancelSignal } from '../chat/cancel-signal.ts';

export class ClientDisconnect implements CancelSignal {
  aborted = false;
  reason: unknown = undefined;
  private listeners: (() => void)[] = [];

  constructor(response: ServerResponse) {
    response.on('close', () => {
      if (!response.writableFinished) this.abort();
    });
  }

  addEventListener(_type: 'abort', listener: () => void, _options?: { once?: boolean }): void {
    // As an AbortSignal: nothing fires after the abort, and a listener is registered once.
    if (this.aborted || this.listeners.includes(listener)) return;
    this.listeners.push(listener);
  }

  removeEventListener(_type: 'abort', listener: () => void): void {
    const index = this.listeners.indexOf(listener);
    if (index !== -1) this.listeners.splice(index, 1);
  }

  /** Cancels now (also what a closed, unfinished response does); later calls change nothing. */
  abort(): void {
    if (this.aborted) return;
    this.aborted = true;
    this.reason = new DOMException('This operation was aborted', 'AbortError');
    const listeners = this.listeners;
    this.listeners = [];
    for (const listener of listeners) listener();
  }
}
