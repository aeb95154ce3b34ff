// One load phase: autocannon against a URL for a fixed time, with latencies kept at full
// resolution. autocannon's own histogram rounds to whole milliseconds, which hides the sub-ms
// differences a gateway is judged on, so every response time is also collected here from its
// 'response' event (a float in ms) and the percentiles are computed from the sorted samples.
import autocannon, { type AutocannonResult } from 'autocannon';

export interface LoadRequest {
  url: string;
  headers: Record<string, string>;
  /** Request bodies, sent in turn on each connection (one body: the same request every time). */
  bodies: readonly string[];
}

export interface LoadResult {
  /** Responses received (any status). */
  responses: number;
  ok: number;
  non2xx: number;
  /** Socket errors and timeouts as autocannon counts them. */
  socketErrors: number;
  elapsedSeconds: number;
  /** Responses with status 2xx per second of wall time. */
  rps: number;
  /** Percentiles of 2xx response times, ms; undefined when none succeeded. */
  latency: LatencySummary | undefined;
  statusCounts: Record<string, number>;
}

export interface LatencySummary {
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

/** A growable list of float samples (typed array: 100k+ samples without GC churn). */
class Samples {
  private values = new Float64Array(65_536);
  length = 0;

  push(value: number): void {
    if (this.length === this.values.length) {
      const bigger = new Float64Array(this.values.length * 2);
      bigger.set(this.values);
      this.values = bigger;
    }
    this.values[this.length] = value;
    this.length += 1;
  }

  sorted(): Float64Array {
    return this.values.slice(0, this.length).sort();
  }
}

/** Nearest-rank percentile of ascending samples. */
export function percentile(sorted: Float64Array, fraction: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1));
  return sorted[rank] ?? Number.NaN;
}

export function summarise(sorted: Float64Array): LatencySummary | undefined {
  if (sorted.length === 0) return undefined;
  return {
    p50: percentile(sorted, 0.5),
    p90: percentile(sorted, 0.9),
    p99: percentile(sorted, 0.99),
    max: sorted[sorted.length - 1] ?? Number.NaN,
  };
}

export function runLoad(request: LoadRequest, connections: number, durationSeconds: number): Promise<LoadResult> {
  const samples = new Samples();
  let responses = 0;
  const startedAt = performance.now();
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: request.url,
        method: 'POST',
        headers: { 'content-type': 'application/json', ...request.headers },
        // autocannon cycles each connection through `requests` in order.
        requests: request.bodies.map((body) => ({ body })),
        connections,
        duration: durationSeconds,
        timeout: 10,
      },
      (error: Error | null, result: AutocannonResult) => {
        if (error !== null) {
          reject(error);
          return;
        }
        const elapsedSeconds = (performance.now() - startedAt) / 1000;
        const statusCounts: Record<string, number> = {};
        for (const [status, stats] of Object.entries(result.statusCodeStats)) statusCounts[status] = stats.count;
        resolve({
          responses,
          ok: result['2xx'],
          non2xx: result.non2xx,
          socketErrors: result.errors,
          elapsedSeconds,
          rps: result['2xx'] / elapsedSeconds,
          latency: summarise(samples.sorted()),
          statusCounts,
        });
      },
    );
    instance.on('response', (_client: unknown, statusCode: number, _bytes: number, responseTimeMs: number) => {
      responses += 1;
      if (statusCode >= 200 && statusCode < 300) samples.push(responseTimeMs);
    });
  });
}
