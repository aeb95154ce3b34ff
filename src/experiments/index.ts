// A/B experiments between two routing policies (or two scorer model versions) on live traffic:
// assignment (assign.ts), statistics (statistics.ts, intervals.ts), verdict and report. See README.md.
export { assignArm, experimentUnit, isExperimentActive, matchExperiment, requestMatches, unitPosition, type ExperimentMatch, type ExperimentRequest } from './assign.ts';
export { compareArms, summariseArm, type ArmComparison, type ArmSummary, type CostDifference, type DifferenceSummary, type ExperimentOutcome, type MeanSummary, type RateSummary } from './statistics.ts';
export { excludesZero, meanInterval, newcombeDifference, relativeChange, welchDifference, wilsonInterval, type Interval } from './intervals.ts';
export { checkSampleRatio, type SampleRatioCheck } from './sample-ratio.ts';
export { decideVerdict, type MetricDirection, type MetricName, type MetricVerdict, type Verdict, type VerdictInput, type VerdictOutcome } from './verdict.ts';
export { buildExperimentReport, type ArmReport, type ExperimentReport } from './report.ts';
export { renderExperimentReport } from './render.ts';
export { groupOutcomesByArm, outcomeFromRecord, type ExperimentRecord } from './outcome.ts';
