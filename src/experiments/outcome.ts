// From request-log rows to the outcomes the statistics read. The record carries the routing and
// cost facts and its experiment assignment (`experiment: {id, arm, unit}`); the client's
// `feedback` is stored next to it.
import { RungError } from '../errors/rung-error.ts';
import type { ExperimentConfig } from '../config/experiment-schema.ts';
import type { RequestRecord } from '../records/request-record.ts';
import type { ExperimentOutcome } from './statistics.ts';

export type ExperimentRecord = RequestRecord & {
  /** A rating in [0, 1] sent back for this request, or null/absent when none was. */
  feedback?: number | null;
};

/**
 * One record as an outcome:
 * - cost: `costUsd` (for a cascade that already sums every step it ran);
 * - escalated: a cascade whose answer did not come from its first step (`escalated` or
 *   `exhausted`); requests of non-cascade policies never escalate;
 * - error: the request failed (`error`) or broke mid-stream (`stream_error`). A client that hung
 *   up (`client_closed`) is counted as a request but not as an error: the gateway did not fail it;
 * - feedback: as stored, checked to be in [0, 1].
 */
export function outcomeFromRecord(record: ExperimentRecord): ExperimentOutcome {
  if (!Number.isFinite(record.costUsd) || record.costUsd < 0) {
    throw new RungError('invalid_request', `request ${record.requestId}: costUsd must be a finite amount of at least 0, got ${record.costUsd}`, { param: 'costUsd' });
  }
  const feedback = record.feedback ?? null;
  if (feedback !== null && !(Number.isFinite(feedback) && feedback >= 0 && feedback <= 1)) {
    throw new RungError('invalid_request', `request ${record.requestId}: feedback must be between 0 and 1, got ${feedback}`, { param: 'feedback' });
  }
  return {
    costUsd: record.costUsd,
    escalated: record.cascade !== null && record.cascade.outcome !== 'passed',
    error: record.status === 'error' || record.status === 'stream_error',
    feedback,
    unit: record.experiment?.unit ?? null,
  };
}

/**
 * Outcomes per arm name for one experiment. Records naming another experiment, or no arm, are
 * left out; every arm of the experiment has an entry (empty when it has no requests). Arm names the
 * experiment does not have are kept, so the report can say how many requests it could not place.
 */
export function groupOutcomesByArm(experiment: Pick<ExperimentConfig, 'id' | 'arms'>, records: Iterable<ExperimentRecord>): Record<string, ExperimentOutcome[]> {
  const byArm = new Map<string, ExperimentOutcome[]>(experiment.arms.map((arm) => [arm.name, []]));
  for (const record of records) {
    const assignment = record.experiment;
    if (assignment === null || assignment.id !== experiment.id) continue;
    const list = byArm.get(assignment.arm) ?? [];
    list.push(outcomeFromRecord(record));
    byArm.set(assignment.arm, list);
  }
  return Object.fromEntries(byArm);
}
