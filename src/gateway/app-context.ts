import type { RungMetrics } from '../metrics/rung-metrics.ts';
import type { Clock } from '../resilience/clock.ts';
import type { RecordSink } from '../records/request-record.ts';
import type { GatewayRuntime } from './runtime.ts';
import type { Store } from '../store/types.ts';

/** What route handlers share; built by `buildApp`. */
export interface AppContext {
  runtime: GatewayRuntime;
  records: RecordSink;
  clock: Clock;
  store: Store;
  /** Metrics moved on the request path itself (most come from records, through MetricsSink). */
  metrics: RungMetrics;
  /** Writes buffered records to the store now (feedback for a request made a moment ago). */
  flushRecords(): Promise<void>;
}
