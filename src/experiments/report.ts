// One experiment's report: every arm's figures with 95% intervals, the treatment − control
// differences, the split's health and the verdict. Plain data only (no NaN, Infinity or Dates),
// so `JSON.stringify` round-trips it for the admin endpoint; `renderExperimentReport` (render.ts)
// prints it for the CLI.
import type { ExperimentConfig, ExperimentMatchConfig, SplitUnit } from '../config/experiment-schema.ts';
import { checkSampleRatio, type SampleRatioCheck } from './sample-ratio.ts';
import { compareArms, summariseArm, type ArmComparison, type ArmSummary, type ExperimentOutcome } from './statistics.ts';
import { decideVerdict, type Verdict } from './verdict.ts';

export { renderExperimentReport } from './render.ts';
export { outcomeFromRecord, groupOutcomesByArm, type ExperimentRecord } from './outcome.ts';

export interface ArmReport extends ArmSummary {
  name: string;
  role: 'control' | 'treatment';
  policy: string;
  scorerModel: string | null;
  weight: number;
  /** weight / total weight: the share of units the arm should get. */
  share: number;
}

export interface ExperimentReport {
  experiment: {
    id: string;
    description: string | null;
    match: ExperimentMatchConfig;
    splitBy: SplitUnit;
    start: string | null;
    end: string | null;
    minRequestsPerArm: number;
    minFeedbackPerArm: number;
  };
  confidenceLevel: 0.95;
  /** Control first, then treatment. */
  arms: [ArmReport, ArmReport];
  /** Treatment − control. */
  difference: ArmComparison;
  sampleRatio: SampleRatioCheck | null;
  /** Requests whose arm name is not one of this experiment's (a renamed arm, a stale log); left out. */
  unplacedRequests: number;
  verdict: Verdict;
}

/**
 * Builds the report. `outcomesByArm` maps arm names to their outcomes (`groupOutcomesByArm` makes
 * it from request records); a missing arm counts as an arm with no requests.
 */
export function buildExperimentReport(experiment: ExperimentConfig, outcomesByArm: Readonly<Record<string, readonly ExperimentOutcome[]>>): ExperimentReport {
  const [controlArm, treatmentArm] = experiment.arms;
  if (controlArm === undefined || treatmentArm === undefined) throw new TypeError(`experiment "${experiment.id}" needs exactly two arms`);
  const outcomesOf = (name: string) => (Object.hasOwn(outcomesByArm, name) ? (outcomesByArm[name] ?? []) : []);
  const totalWeight = controlArm.weight + treatmentArm.weight;
  const armReport = (arm: typeof controlArm, role: ArmReport['role']): ArmReport => ({
    name: arm.name,
    role,
    policy: arm.policy,
    scorerModel: arm.scorer_model ?? null,
    weight: arm.weight,
    share: arm.weight / totalWeight,
    ...summariseArm(outcomesOf(arm.name)),
  });
  const control = armReport(controlArm, 'control');
  const treatment = armReport(treatmentArm, 'treatment');
  const difference = compareArms(control, treatment);
  const sampleRatio = checkSampleRatio(control.units, treatment.units, controlArm.weight, treatmentArm.weight);
  const known = new Set([controlArm.name, treatmentArm.name]);
  const unplacedRequests = Object.entries(outcomesByArm)
    .filter(([name]) => !known.has(name))
    .reduce((sum, [, outcomes]) => sum + outcomes.length, 0);
  const verdict = decideVerdict({
    control: { name: control.name, summary: control },
    treatment: { name: treatment.name, summary: treatment },
    comparison: difference,
    minRequestsPerArm: experiment.min_requests_per_arm,
    minFeedbackPerArm: experiment.min_feedback_per_arm,
    splitBy: experiment.split_by,
    sampleRatio,
  });
  if (unplacedRequests > 0) {
    verdict.notes.push(`${unplacedRequests.toLocaleString('en-US')} logged requests name an arm this experiment does not have and were left out.`);
  }
  return {
    experiment: {
      id: experiment.id,
      description: experiment.description ?? null,
      match: experiment.match,
      splitBy: experiment.split_by,
      start: experiment.start ?? null,
      end: experiment.end ?? null,
      minRequestsPerArm: experiment.min_requests_per_arm,
      minFeedbackPerArm: experiment.min_feedback_per_arm,
    },
    confidenceLevel: 0.95,
    arms: [control, treatment],
    difference,
    sampleRatio,
    unplacedRequests,
    verdict,
  };
}
