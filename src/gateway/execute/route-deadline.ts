// One request's overall deadline and its client, as a single abort signal for the upstream calls.
// A plain AbortController and one unref'd timer, released as soon as the request is done:
// `AbortSignal.timeout` + `AbortSignal.any` would keep a timer and listeners alive for the whole
// deadline (minutes) after every request, and memory grew with traffic.
export class RouteDeadline {
  readonly signal: AbortSignal;
  /** True once the deadline (not the client) aborted the signal. */
  expired = false;
  private readonly controller = new AbortController();
  private readonly timer: NodeJS.Timeout;
  private readonly onClientAbort: () => void;

  constructor(private readonly clientSignal: AbortSignal, deadlineMs: number) {
    this.signal = this.controller.signal;
    this.onClientAbort = () => this.controller.abort(clientSignal.reason);
    if (clientSignal.aborted) this.controller.abort(clientSignal.reason);
    else clientSignal.addEventListener('abort', this.onClientAbort, { once: true });
    this.timer = setTimeout(() => {
      this.expired = true;
      this.controller.abort(new DOMException('the route deadline passed', 'TimeoutError'));
    }, deadlineMs);
    this.timer.unref();
  }

  /** Stops the timer and detaches from the client signal; call exactly when the request is done. */
  release(): void {
    clearTimeout(this.timer);
    this.clientSignal.removeEventListener('abort', this.onClientAbort);
  }
}
