// The RecordSink that feeds the Prometheus counters, for a FanOutSink next to the store's writer.
// `write` updates counters in memory only (O(labels), no I/O) and never throws: a bad record must
// not stop the other sinks of the fan-out.
import type { RecordSink, RequestRecord } from '../records/request-record.ts';
import { premiumCostUsd, type TokenPrice } from '../store/counterfactual.ts';
import type { RungMetrics } from './rung-metrics.ts';

export interface MetricsSinkOptions {
  /** `mostExpensivePrice(config.deployments)`, for the premium counterfactual of direct requests. */
  premiumPrice?: TokenPrice;
  /** Told about a record that could not be counted; default: ignored. */
  onError?: (error: unknown) => void;
}

export class MetricsSink implements RecordSink {
  constructor(
    readonly metrics: RungMetrics,
    private readonly options: MetricsSinkOptions = {},
  ) {}

  write(record: RequestRecord): void {
    try {
      this.metrics.observe(record, premiumCostUsd(record, this.options.premiumPrice));
    } catch (error) {
      this.options.onError?.(error);
    }
  }

  async close(): Promise<void> {}
}
