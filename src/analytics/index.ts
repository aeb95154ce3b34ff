// The analytics read side (see README.md).
export { DEFAULT_WINDOW_MS, parseAnalyticsQuery, type AnalyticsQuery, type ComparisonQuery, type GroupedQuery } from './analytics-query.ts';
export { analyticsComparison, analyticsReport, type AnalyticsComparison, type AnalyticsGroup, type AnalyticsReport } from './analytics-report.ts';
export { sumTotals, toMetrics, type AnalyticsMetrics } from './metrics-view.ts';
export { listRequests, parseRequestListQuery, RECORD_STATUSES, type RequestList } from './request-list.ts';
export { toRequestView, type RequestView } from './request-view.ts';
export { parseFeedbackBody, type FeedbackRequest } from './feedback-input.ts';
export { buildExperimentReports, experimentReportBody, experimentStatus, type ExperimentReportWithStatus, type ExperimentStatus } from './experiment-reports.ts';
export { readExperimentsConfig } from './experiments-config.ts';
export { evalRunView, scorerModelView, type EvalRunView, type ScorerModelView } from './scorer-view.ts';
export { renderAnalyticsComparison, renderAnalyticsReport } from './render-report.ts';
