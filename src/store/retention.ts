// Deletes requests older than `retentionDays`, when a store opens and then once a day. The timer
// is unref'd so it never keeps a process alive; a run still going when the store closes is awaited.
import { RungError } from '../errors/rung-error.ts';
import type { Clock } from '../resilience/clock.ts';
import { DAY_MS } from './time-buckets.ts';

export interface RetentionOptions {
  retentionDays: number;
  clock: Clock;
  /** Deletes requests received before the cutoff; returns how many. */
  purge: (cutoffMs: number) => Promise<number>;
  /** Default: one day. */
  intervalMs?: number;
  /** A failed run is reported here and tried again at the next interval. */
  onError?: (error: unknown) => void;
}

export function checkRetentionDays(days: number): void {
  if (!Number.isFinite(days) || days <= 0) {
    throw new RungError('internal_error', `store: retentionDays must be a positive number of days (got ${String(days)})`);
  }
}

export class RetentionSchedule {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;

  constructor(private readonly options: RetentionOptions) {
    checkRetentionDays(options.retentionDays);
  }

  /** The oldest receivedAt kept now. */
  cutoff(): number {
    return this.options.clock.now() - this.options.retentionDays * DAY_MS;
  }

  /** Runs a purge now (or joins the one running); resolves to how many requests it deleted. */
  runNow(): Promise<number> {
    if (this.running === undefined) {
      this.running = this.options.purge(this.cutoff()).finally(() => {
        this.running = undefined;
      });
    }
    return this.running;
  }

  start(): void {
    if (this.timer !== undefined) return;
    this.timer = setInterval(() => {
      this.runNow().catch((error: unknown) => this.options.onError?.(error));
    }, this.options.intervalMs ?? DAY_MS);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running?.catch(() => undefined);
  }
}
