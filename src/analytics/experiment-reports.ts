// Experiment reports from the request log: every record assigned to an experiment inside its
// window, with its feedback, through `groupOutcomesByArm` and `buildExperimentReport`
// (src/experiments/). One scan of the log serves any number of experiments. The log has no index
// on the experiment, so the scan reads every request of the window, page by page; a window of
// millions of requests takes seconds.
import type { ExperimentConfig } from '../config/experiment-schema.ts';
import { buildExperimentReport, groupOutcomesByArm, type ExperimentRecord, type ExperimentReport } from '../experiments/index.ts';
import type { OutcomeStore, RequestLogStore } from '../store/types.ts';
import { MAX_PAGE_SIZE } from '../store/types.ts';
import { snakeCaseKeys } from './snake-case.ts';

export type ExperimentStatus = 'scheduled' | 'running' | 'ended';

export interface ExperimentSources {
  requests: Pick<RequestLogStore, 'query'>;
  outcomes: Pick<OutcomeStore, 'getFeedback'>;
}

export interface ExperimentReportWithStatus {
  status: ExperimentStatus;
  report: ExperimentReport;
}

interface Window {
  from: number;
  to: number;
}

function windowOf(experiment: ExperimentConfig): Window {
  return {
    from: experiment.start === undefined ? Number.NEGATIVE_INFINITY : Date.parse(experiment.start),
    to: experiment.end === undefined ? Number.POSITIVE_INFINITY : Date.parse(experiment.end),
  };
}

export function experimentStatus(experiment: ExperimentConfig, now: number): ExperimentStatus {
  const { from, to } = windowOf(experiment);
  if (now < from) return 'scheduled';
  return now < to ? 'running' : 'ended';
}

/** The HTTP API's (and `rung ab report --json`'s) body: the status, then the report in snake_case. */
export function experimentReportBody({ status, report }: ExperimentReportWithStatus): Record<string, unknown> {
  return { status, ...(snakeCaseKeys(report) as Record<string, unknown>) };
}

export async function buildExperimentReports(sources: ExperimentSources, experiments: readonly ExperimentConfig[], now: number): Promise<ExperimentReportWithStatus[]> {
  const records = await experimentRecords(sources, experiments);
  return experiments.map((experiment) => ({
    status: experimentStatus(experiment, now),
    report: buildExperimentReport(experiment, groupOutcomesByArm(experiment, records.get(experiment.id) ?? [])),
  }));
}

/** The records of each experiment (by id) inside its window, with feedback joined. */
async function experimentRecords(sources: ExperimentSources, experiments: readonly ExperimentConfig[]): Promise<Map<string, ExperimentRecord[]>> {
  const byId = new Map<string, { window: Window; records: ExperimentRecord[] }>(experiments.map((experiment) => [experiment.id, { window: windowOf(experiment), records: [] }]));
  if (byId.size === 0) return new Map();
  const windows = [...byId.values()].map((entry) => entry.window);
  const from = Math.min(...windows.map((window) => window.from));
  const to = Math.max(...windows.map((window) => window.to));
  let cursor: string | null = null;
  do {
    const page = await sources.requests.query({
      ...(Number.isFinite(from) ? { from } : {}),
      ...(Number.isFinite(to) ? { to } : {}),
      limit: MAX_PAGE_SIZE,
      cursor,
    });
    for (const { record } of page.requests) {
      const entry = record.experiment === null ? undefined : byId.get(record.experiment.id);
      if (entry === undefined || record.receivedAt < entry.window.from || record.receivedAt >= entry.window.to) continue;
      const feedback = await sources.outcomes.getFeedback(record.requestId);
      entry.records.push({ ...record, feedback: feedback?.score ?? null });
    }
    cursor = page.nextCursor;
  } while (cursor !== null);
  return new Map([...byId].map(([id, entry]) => [id, entry.records]));
}
