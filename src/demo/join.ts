// Joins each workload item with what happened to it in both phases: the client's outcome (graded)
// and the gateway's RequestRecord, matched by the `x-rung-request-id` header.
import type { RequestRecord } from '../records/request-record.ts';
import type { RequestOutcome } from './send.ts';
import { gradeAnswer } from './simulated-quality.ts';
import type { WorkloadItem } from './workload.ts';

export interface PhaseResult {
  /** One per workload item, in item order. */
  outcomes: RequestOutcome[];
  /** The records the gateway wrote during the phase. */
  records: RequestRecord[];
  durationMs: number;
}

export interface JoinedItem {
  item: WorkloadItem;
  routed: RequestOutcome;
  routedRecord: RequestRecord | undefined;
  routedCorrect: boolean;
  baseline: RequestOutcome;
  baselineRecord: RequestRecord | undefined;
  baselineCorrect: boolean;
}

/** `unmatched` counts outcomes without a record (no request id, or a record that never came). */
export function joinPhases(items: readonly WorkloadItem[], routed: PhaseResult, baseline: PhaseResult): { joined: JoinedItem[]; unmatched: number } {
  const routedById = new Map(routed.records.map((record) => [record.requestId, record]));
  const baselineById = new Map(baseline.records.map((record) => [record.requestId, record]));
  let unmatched = 0;
  const find = (records: Map<string, RequestRecord>, outcome: RequestOutcome): RequestRecord | undefined => {
    const record = outcome.requestId === null ? undefined : records.get(outcome.requestId);
    if (record === undefined) unmatched += 1;
    return record;
  };
  const joined = items.map((item): JoinedItem => {
    const routedOutcome = routed.outcomes[item.index];
    const baselineOutcome = baseline.outcomes[item.index];
    if (routedOutcome === undefined || baselineOutcome === undefined) throw new RangeError(`no outcome for workload item ${item.index}`);
    return {
      item,
      routed: routedOutcome,
      routedRecord: find(routedById, routedOutcome),
      routedCorrect: gradeAnswer(item, routedOutcome.answer),
      baseline: baselineOutcome,
      baselineRecord: find(baselineById, baselineOutcome),
      baselineCorrect: gradeAnswer(item, baselineOutcome.answer),
    };
  });
  return { joined, unmatched };
}
