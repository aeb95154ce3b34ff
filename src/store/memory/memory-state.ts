// What the memory store's parts share: the requests in append order and the feedback by id.
import type { RequestRecord } from '../../records/request-record.ts';
import type { Feedback } from '../types.ts';

export interface MemoryEntry {
  /** Append order; breaks ties between equal `receivedAt` like SQLite's row id. */
  sequence: number;
  record: RequestRecord;
  promptText: string | null;
  tags: Readonly<Record<string, string>>;
  premiumCostUsd: number;
}

export class MemoryState {
  /** By request id, in append order (a Map keeps insertion order). */
  readonly requests = new Map<string, MemoryEntry>();
  readonly feedback = new Map<string, Feedback>();
  private nextSequence = 1;

  constructor(readonly capacity: number) {}

  add(entry: Omit<MemoryEntry, 'sequence'>): void {
    if (this.requests.has(entry.record.requestId)) return;
    this.requests.set(entry.record.requestId, { ...entry, sequence: this.nextSequence++ });
    // Oldest appended first out, with its feedback, so memory stays bounded.
    while (this.requests.size > this.capacity) {
      const oldest = this.requests.keys().next();
      if (oldest.done === true) break;
      this.requests.delete(oldest.value);
      this.feedback.delete(oldest.value);
    }
  }
}
