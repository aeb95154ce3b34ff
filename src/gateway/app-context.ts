import type { Clock } from '../resilience/clock.ts';
import type { RecordSink } from '../records/request-record.ts';
import type { GatewayRuntime } from './runtime.ts';

/** What route handlers share; built by `buildApp`. */
export interface AppContext {
  runtime: GatewayRuntime;
  records: RecordSink;
  clock: Clock;
}
