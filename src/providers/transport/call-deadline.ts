// One upstream call's cancellation signal: it fires when the caller's signal fires (client went
// away, route deadline passed) or when the call's own `total` budget runs out. The abort reason is
// already the RungError the call should fail with, because undici rejects a pending request, and
// destroys a body being read, with `signal.reason` itself.
import { RungError } from '../../errors/rung-error.ts';

export interface CallDeadline {
  readonly signal: AbortSignal;
  /** Stops the timer and detaches from the caller's signal. Safe to call more than once. */
  dispose(): void;
}

export function startCallDeadline(totalMs: number, callerSignal: AbortSignal, provider: string): CallDeadline {
  const controller = new AbortController();
  const onCallerAbort = (): void => {
    controller.abort(
      new RungError('connection', `${provider}: call cancelled (client disconnected)`, {
        provider,
        cause: callerSignal.reason,
      }),
    );
  };
  const timer = setTimeout(() => {
    controller.abort(new RungError('timeout', `${provider}: call exceeded its total timeout of ${totalMs} ms`, { provider }));
  }, totalMs);
  // The timer must never keep the process alive on its own.
  timer.unref();

  if (callerSignal.aborted) onCallerAbort();
  else callerSignal.addEventListener('abort', onCallerAbort, { once: true });

  return {
    signal: controller.signal,
    dispose(): void {
      clearTimeout(timer);
      callerSignal.removeEventListener('abort', onCallerAbort);
    },
  };
}
