// One upstream HTTP exchange driven through undici's dispatch handler API. `pool.request()` wraps
// every response body in a Readable stream, read back through an async iterator, and ties the call
// to an AbortSignal with listeners of its own; on the gateway's hot path that machinery cost more
// CPU than the JSON it carried. Here the body chunks land in an array, the consumer is woken
// directly, and cancellation (the caller's signal, the total timeout) aborts the dispatch itself.
//
// Lifecycle: `headers` settles once (response headers, or the failure before them); then exactly
// one of `readText`, `events` or `discard` consumes the body. Whatever ends the exchange (body
// complete, failure, cancel, discard) releases the timer and the caller-signal listener once.
import type { Dispatcher } from 'undici';
import type { IncomingHttpHeaders } from 'node:http';
import type { CancelSignal } from '../../chat/cancel-signal.ts';
import { RungError } from '../../errors/rung-error.ts';
import { toTransportError } from './transport-error.ts';
import { SseParser, type SseEvent } from './sse-parser.ts';

/** Unread body bytes above which the socket is paused until the consumer catches up. */
const PAUSE_ABOVE_BYTES = 1024 * 1024;

export interface ExchangeHead {
  statusCode: number;
  headers: IncomingHttpHeaders;
}

export class UpstreamExchange implements Dispatcher.DispatchHandler {
  readonly headers: Promise<ExchangeHead>;
  private resolveHead!: (head: ExchangeHead) => void;
  private rejectHead!: (error: RungError) => void;
  private headSettled = false;

  private controller: Dispatcher.DispatchController | undefined;
  private readonly chunks: Buffer[] = [];
  private unreadBytes = 0;
  private ended = false;
  private failure: RungError | undefined;
  /** Set while the consumer waits for a chunk, the end, or a failure. */
  private wake: (() => void) | undefined;
  /** The reason given to `cancel` before undici handed over its controller. */
  private pendingCancel: RungError | undefined;
  private released = false;
  /** Set once `readText` is reading: it keeps every byte up to its limit, so it never pauses. */
  private readingText = false;
  private readonly timer: NodeJS.Timeout;
  private readonly onCallerAbort: () => void;

  constructor(
    private readonly provider: string,
    totalMs: number,
    private readonly callerSignal: CancelSignal,
    deadlineMs?: number,
  ) {
    this.headers = new Promise<ExchangeHead>((resolve, reject) => {
      this.resolveHead = resolve;
      this.rejectHead = reject;
    });
    // Nobody may await `headers` after a failure that ends the exchange early; never unhandled.
    this.headers.catch(() => undefined);
    this.onCallerAbort = () => {
      this.cancel(new RungError('connection', `${provider}: call cancelled (client disconnected)`, { provider, cause: callerSignal.reason }));
    };
    // One timer for both limits: the route's deadline when it comes first, else the provider's.
    const routeFirst = deadlineMs !== undefined && deadlineMs < totalMs;
    this.timer = setTimeout(
      () => {
        this.cancel(
          routeFirst
            ? new RungError('deadline_exceeded', `${provider}: the route's deadline passed during the call`, { provider })
            : new RungError('timeout', `${provider}: call exceeded its total timeout of ${totalMs} ms`, { provider }),
        );
      },
      routeFirst ? Math.max(1, deadlineMs) : totalMs,
    );
    // The timer must never keep the process alive on its own.
    this.timer.unref();
    if (callerSignal.aborted) this.onCallerAbort();
    else callerSignal.addEventListener('abort', this.onCallerAbort, { once: true });
  }

  // ---- undici's side -------------------------------------------------------------------------

  onRequestStart(controller: Dispatcher.DispatchController): void {
    this.controller = controller;
    if (this.pendingCancel !== undefined) controller.abort(this.pendingCancel);
  }

  onResponseStart(controller: Dispatcher.DispatchController, statusCode: number, headers: IncomingHttpHeaders): void {
    // 1xx informational answers come before the real one.
    if (statusCode < 200 || this.headSettled) return;
    this.controller = controller;
    this.headSettled = true;
    this.resolveHead({ statusCode, headers });
  }

  onResponseData(controller: Dispatcher.DispatchController, chunk: Buffer): void {
    if (this.released) return;
    this.chunks.push(chunk);
    this.unreadBytes += chunk.length;
    // Backpressure for an event reader (or a consumer not reading yet); `readText` holds the
    // whole body anyway and would wait forever on a paused socket.
    if (!this.readingText && this.unreadBytes > PAUSE_ABOVE_BYTES) controller.pause();
    this.notify();
  }

  onResponseEnd(): void {
    this.ended = true;
    this.release();
    this.notify();
  }

  onResponseError(_controller: Dispatcher.DispatchController, error: Error): void {
    this.fail(toTransportError(error, this.provider));
  }

  // ---- the consumer's side -------------------------------------------------------------------

  /** Reads the body as UTF-8, keeping at most `maxBytes`; the rest is not read (the call is cut). */
  async readText(maxBytes: number): Promise<string> {
    this.readingText = true;
    if (this.controller?.paused === true) this.controller.resume();
    while (!this.ended && this.failure === undefined && this.unreadBytes < maxBytes) await this.nextChange();
    if (this.failure !== undefined && !this.ended) throw this.failure;
    const truncated = this.unreadBytes > maxBytes;
    const body = this.chunks.length === 1 && !truncated ? (this.chunks[0] as Buffer) : Buffer.concat(this.chunks).subarray(0, maxBytes);
    this.chunks.length = 0;
    this.unreadBytes = 0;
    if (!this.ended) this.stop();
    return body.toString('utf8');
  }

  /** Yields the body's server-sent events; a transport failure surfaces as the RungError it is. */
  async *events(): AsyncGenerator<SseEvent, void, undefined> {
    const parser = new SseParser();
    try {
      for (;;) {
        const chunk = this.chunks.shift();
        if (chunk !== undefined) {
          this.unreadBytes -= chunk.length;
          if (this.controller?.paused === true && this.unreadBytes <= PAUSE_ABOVE_BYTES / 2) this.controller.resume();
          yield* parser.push(chunk);
          continue;
        }
        if (this.failure !== undefined) throw this.failure;
        if (this.ended) break;
        await this.nextChange();
      }
      yield* parser.end();
    } finally {
      // A consumer that stops early (return, throw) must not leave the upstream call running.
      if (!this.ended) this.stop();
    }
  }

  /** Drops the body unread and ends the call. */
  discard(): void {
    this.chunks.length = 0;
    this.unreadBytes = 0;
    if (!this.ended) this.stop();
  }

  /** Ends the call with `reason` (a RungError), whichever stage it is in. */
  cancel(reason: RungError): void {
    if (this.ended || this.failure !== undefined) return;
    if (this.controller === undefined) this.pendingCancel = reason;
    else if (!this.controller.aborted) this.controller.abort(reason);
    // undici reports the abort through onResponseError, but not for a request still queued for a
    // connection: fail here so the caller is answered now either way.
    this.fail(reason);
  }

  private stop(): void {
    this.cancel(new RungError('connection', `${this.provider}: response body not read`, { provider: this.provider }));
  }

  private fail(error: RungError): void {
    if (this.failure !== undefined || this.ended) return;
    this.failure = error;
    this.release();
    if (!this.headSettled) {
      this.headSettled = true;
      this.rejectHead(error);
    }
    this.notify();
  }

  private nextChange(): Promise<void> {
    return new Promise<void>((resolve) => {
      this.wake = resolve;
    });
  }

  private notify(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }

  private release(): void {
    if (this.released) return;
    this.released = true;
    clearTimeout(this.timer);
    this.callerSignal.removeEventListener('abort', this.onCallerAbort);
  }
}
