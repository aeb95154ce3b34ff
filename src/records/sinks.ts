// Record sinks that need no storage: one JSON line per request to a stream, and an in-memory ring
// (used by tests and the demo to read back what happened).
import type { Writable } from 'node:stream';
import type { RecordDetails, RecordSink, RequestRecord } from './request-record.ts';

export class JsonLineSink implements RecordSink {
  constructor(private readonly out: Writable) {}
  write(record: RequestRecord): void {
    this.out.write(`${JSON.stringify({ event: 'request-finish', ...record })}\n`);
  }
  async close(): Promise<void> {}
}

export class MemorySink implements RecordSink {
  readonly records: RequestRecord[] = [];
  constructor(private readonly capacity = 100_000) {}
  write(record: RequestRecord): void {
    if (this.records.length >= this.capacity) this.records.shift();
    this.records.push(record);
  }
  async close(): Promise<void> {}
}

export class FanOutSink implements RecordSink {
  constructor(private readonly sinks: RecordSink[]) {}
  write(record: RequestRecord, details?: RecordDetails): void {
    for (const sink of this.sinks) sink.write(record, details);
  }
  async close(): Promise<void> {
    await Promise.all(this.sinks.map((sink) => sink.close()));
  }
}

export const nullSink: RecordSink = Object.freeze({ write: () => {}, close: async () => {} });
