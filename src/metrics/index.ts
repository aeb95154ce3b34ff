// Prometheus metrics, written without a client library (see README.md).
export { EXPOSITION_CONTENT_TYPE, escapeHelp, escapeLabelValue, formatSampleValue } from './exposition.ts';
export { Counter, Gauge, type MetricFamily } from './families.ts';
export { Histogram } from './histogram.ts';
export { MetricsRegistry } from './registry.ts';
export { FALLBACK_ADDED_BUCKETS, REQUEST_DURATION_BUCKETS, RungMetrics } from './rung-metrics.ts';
export { MetricsSink, type MetricsSinkOptions } from './metrics-sink.ts';
export { BUDGET_STATE_NAMES, updateStateGauges, type BudgetFigures, type StateSources } from './state-gauges.ts';
