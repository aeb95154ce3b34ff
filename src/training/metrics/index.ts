// Routing metrics: RouteLLM's APGR / CPT / cost–quality curve, ROC-AUC and the baselines.
export { linearQuantiles, numpyInterp, seededRandom, trapezoid, unitLinspace } from './numeric.ts';
export { rocAuc } from './roc-auc.ts';
export {
  DEFAULT_NUM_RESULTS,
  evaluateRandom,
  evaluateScores,
  promptLengthScore,
  sweepThresholds,
  type CurvePoint,
  type OutcomeRow,
  type RoutingMetrics,
} from './routing-curve.ts';
export { evaluateReport, type EvaluationReport, type EvaluationRow, type GroupReport } from './report.ts';
