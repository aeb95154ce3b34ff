// Counts calls and failures over a sliding time window in fixed memory. The window is cut into
// equal time buckets kept in a ring; a bucket is reused (and zeroed) once it falls out of the
// window. Invariant: an event older than `windowMs` is never counted, and an event younger than
// `windowMs - windowMs / bucketCount` always is. Between the two the count is approximate, which
// is fine for a failure-rate threshold and keeps memory at `bucketCount` slots whatever the load.
import type { Clock } from './clock.ts';

export interface WindowCounts {
  requests: number;
  failures: number;
}

export class SlidingWindowCounter {
  private readonly bucketMs: number;
  private readonly bucketCount: number;
  /** Absolute bucket number (time / bucketMs) each slot holds; -Infinity when unused. */
  private readonly slotBucket: Float64Array;
  private readonly slotRequests: Float64Array;
  private readonly slotFailures: Float64Array;
  private readonly clock: Clock;

  constructor(windowMs: number, clock: Clock, bucketCount = 10) {
    if (!(windowMs > 0) || !Number.isInteger(bucketCount) || bucketCount < 1) {
      throw new RangeError(`sliding window needs windowMs > 0 and a whole bucketCount >= 1 (got ${windowMs}, ${bucketCount})`);
    }
    this.bucketMs = windowMs / bucketCount;
    this.bucketCount = bucketCount;
    this.clock = clock;
    this.slotBucket = new Float64Array(bucketCount).fill(Number.NEGATIVE_INFINITY);
    this.slotRequests = new Float64Array(bucketCount);
    this.slotFailures = new Float64Array(bucketCount);
  }

  record(failed: boolean): void {
    const bucket = Math.floor(this.clock.now() / this.bucketMs);
    const slot = bucket % this.bucketCount;
    if (this.slotBucket[slot] !== bucket) {
      this.slotBucket[slot] = bucket;
      this.slotRequests[slot] = 0;
      this.slotFailures[slot] = 0;
    }
    this.slotRequests[slot] = (this.slotRequests[slot] ?? 0) + 1;
    if (failed) this.slotFailures[slot] = (this.slotFailures[slot] ?? 0) + 1;
  }

  counts(): WindowCounts {
    const current = Math.floor(this.clock.now() / this.bucketMs);
    const oldestCounted = current - this.bucketCount + 1;
    let requests = 0;
    let failures = 0;
    for (let slot = 0; slot < this.bucketCount; slot += 1) {
      const bucket = this.slotBucket[slot] ?? Number.NEGATIVE_INFINITY;
      if (bucket >= oldestCounted && bucket <= current) {
        requests += this.slotRequests[slot] ?? 0;
        failures += this.slotFailures[slot] ?? 0;
      }
    }
    return { requests, failures };
  }

  reset(): void {
    this.slotBucket.fill(Number.NEGATIVE_INFINITY);
    this.slotRequests.fill(0);
    this.slotFailures.fill(0);
  }
}
