// The RecordSink that feeds the request log. `write()` only pushes onto an in-memory buffer: no
// I/O and no encoding on the request path. The buffer is appended in one transaction per batch,
// every `flushIntervalMs` or, when `maxBatch` records are waiting, on the next event-loop turn.
//
// Crash bound: a `kill -9` loses only the records not yet committed, i.e. those written since the
// last flush started: at most `maxBatch` records plus any written in the same event-loop turn,
// and at most `flushIntervalMs` of traffic. Committed batches are whole (one transaction each), so
// a crash never leaves part of a batch. While the store fails (disk full, locked) the buffer keeps
// up to `maxBuffered` records for the next try and drops the oldest beyond that.
import type { RecordSink, RequestRecord } from '../records/request-record.ts';
import { premiumCostUsd, type TokenPrice } from './counterfactual.ts';
import type { AnnotatedRecord, RequestLogStore } from './types.ts';

export interface BatchingRecordSinkOptions {
  /** Default 200 ms. */
  flushIntervalMs?: number;
  /** Default 500 records per transaction. */
  maxBatch?: number;
  /** Records kept while the store fails; default 100 × maxBatch. */
  maxBuffered?: number;
  /** Store the scorer's text given to `write` (config `store.keep_prompts`); default true. */
  keepPrompts?: boolean;
  /** Price of the catalogue's most expensive deployment, for the premium counterfactual of direct requests. */
  premiumPrice?: TokenPrice;
  /** Called after each committed batch with its size. */
  onFlush?: (records: number) => void;
  /** Called when a batch fails; it stays buffered. Default: a process warning. */
  onError?: (error: unknown) => void;
}

/** What the gateway knows about a request that the record does not hold. */
export interface RecordDetails {
  promptText?: string | null;
  tags?: Readonly<Record<string, string>>;
}

export interface BatchingRecordSinkStats {
  written: number;
  committed: number;
  dropped: number;
  failedFlushes: number;
  buffered: number;
}

interface Pending {
  record: RequestRecord;
  details: RecordDetails | undefined;
}

export const DEFAULT_FLUSH_INTERVAL_MS = 200;
export const DEFAULT_MAX_BATCH = 500;

export class BatchingRecordSink implements RecordSink {
  private readonly flushIntervalMs: number;
  private readonly maxBatch: number;
  private readonly maxBuffered: number;
  private buffer: Pending[] = [];
  private timer: NodeJS.Timeout | undefined;
  private immediate: NodeJS.Immediate | undefined;
  private flushing: Promise<void> | undefined;
  private closed = false;
  /** After a failed batch, retries wait for the timer instead of following every write. */
  private failing = false;
  private readonly counts = { written: 0, committed: 0, dropped: 0, failedFlushes: 0 };

  constructor(
    private readonly store: Pick<RequestLogStore, 'append'>,
    private readonly options: BatchingRecordSinkOptions = {},
  ) {
    this.flushIntervalMs = options.flushIntervalMs ?? DEFAULT_FLUSH_INTERVAL_MS;
    this.maxBatch = options.maxBatch ?? DEFAULT_MAX_BATCH;
    this.maxBuffered = options.maxBuffered ?? 100 * this.maxBatch;
    if (!(this.flushIntervalMs > 0) || !Number.isInteger(this.maxBatch) || this.maxBatch < 1 || !(this.maxBuffered >= this.maxBatch)) {
      throw new RangeError('BatchingRecordSink: flushIntervalMs > 0, maxBatch a positive integer and maxBuffered >= maxBatch');
    }
  }

  /** The record must not be changed after this call: it is read when the batch is flushed. */
  write(record: RequestRecord, details?: RecordDetails): void {
    if (this.closed) {
      this.counts.dropped++;
      return;
    }
    this.counts.written++;
    this.buffer.push({ record, details });
    if (this.buffer.length > this.maxBuffered) {
      this.counts.dropped += this.buffer.length - this.maxBuffered;
      this.buffer.splice(0, this.buffer.length - this.maxBuffered);
    }
    this.schedule();
  }

  /** Appends everything buffered now (in batches of `maxBatch`); resolves when it is committed. */
  async flush(): Promise<void> {
    await this.run(false);
  }

  /** Stops the timers and flushes everything; rejects if the store fails on the final flush. */
  async close(): Promise<void> {
    this.closed = true;
    this.clearTimers();
    await this.run(false);
  }

  stats(): BatchingRecordSinkStats {
    return { ...this.counts, buffered: this.buffer.length };
  }

  /** A full buffer is flushed on the next turn; otherwise the timer flushes what is there. */
  private schedule(): void {
    if (this.closed) return;
    if (this.buffer.length >= this.maxBatch && !this.failing) {
      if (this.immediate === undefined && this.flushing === undefined) {
        this.immediate = setImmediate(() => {
          this.immediate = undefined;
          this.run(true).catch(() => undefined);
        });
        this.immediate.unref();
      }
      return;
    }
    if (this.timer === undefined) {
      this.timer = setTimeout(() => {
        this.timer = undefined;
        this.run(false).catch(() => undefined);
      }, this.flushIntervalMs);
      this.timer.unref();
    }
  }

  /** One drain at a time; `fullOnly` leaves a last partial batch for the timer. */
  private async run(fullOnly: boolean): Promise<void> {
    // A drain that failed has put its batch back; this one retries it.
    while (this.flushing !== undefined) await this.flushing.catch(() => undefined);
    this.flushing = this.drain(fullOnly).finally(() => {
      this.flushing = undefined;
      // Records written while draining may have found a drain running and scheduled nothing.
      if (this.buffer.length > 0) this.schedule();
    });
    await this.flushing;
  }

  /** Batch by batch; a failed batch goes back to the front of the buffer and waits for the timer. */
  private async drain(fullOnly: boolean): Promise<void> {
    while (this.buffer.length >= (fullOnly ? this.maxBatch : 1)) {
      const batch = this.buffer.splice(0, this.maxBatch);
      try {
        await this.store.append(batch.map((pending) => this.annotate(pending)));
      } catch (error) {
        this.failing = true;
        this.counts.failedFlushes++;
        this.buffer.unshift(...batch);
        this.reportError(error);
        throw error;
      }
      this.failing = false;
      this.counts.committed += batch.length;
      this.options.onFlush?.(batch.length);
      // Let requests run between batches of a backlog.
      if (this.buffer.length > 0) await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }

  private annotate({ record, details }: Pending): AnnotatedRecord {
    const keepPrompt = (this.options.keepPrompts ?? true) && details?.promptText !== undefined && details.promptText !== null;
    return {
      record,
      promptText: keepPrompt ? (details?.promptText ?? null) : null,
      ...(details?.tags === undefined ? {} : { tags: details.tags }),
      premiumCostUsd: premiumCostUsd(record, this.options.premiumPrice),
    };
  }

  private reportError(error: unknown): void {
    if (this.options.onError !== undefined) this.options.onError(error);
    else process.emitWarning(`rung store: writing ${this.buffer.length} request records failed: ${error instanceof Error ? error.message : String(error)}`);
  }

  private clearTimers(): void {
    clearTimeout(this.timer);
    clearImmediate(this.immediate);
    this.timer = undefined;
    this.immediate = undefined;
  }
}
