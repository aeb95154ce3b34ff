// Live updates: refresh now, then every `intervalMs` after the previous refresh finished (so a
// slow gateway is never asked twice at once). Paused while the tab is hidden; a hidden tab that
// becomes visible refreshes at once. `now()` aborts a refresh in flight and starts a new one.

export class Poller {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private inFlight: AbortController | null = null;

  constructor(
    private readonly tick: (signal: AbortSignal) => Promise<void>,
    private readonly intervalMs: number,
  ) {}

  /** Pauses while the tab is hidden; the first refresh is the caller's `now()`. */
  start(): void {
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'visible') this.now();
      else this.stop();
    });
  }

  now(): void {
    this.stop();
    const controller = new AbortController();
    this.inFlight = controller;
    void this.tick(controller.signal).finally(() => {
      if (this.inFlight !== controller) return;
      this.inFlight = null;
      if (document.visibilityState === 'visible') this.timer = setTimeout(() => this.now(), this.intervalMs);
    });
  }

  private stop(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.inFlight?.abort();
    this.inFlight = null;
  }
}
