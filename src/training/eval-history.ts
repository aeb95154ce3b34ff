// The drift alarm behind `rung eval --history FILE`: one JSON line per evaluation. A new result
// is compared with the last *accepted* record; if APGR or ROC-AUC fell by more than the
// tolerance it is recorded as not accepted and the caller exits non-zero.
import { appendFileSync, existsSync, readFileSync } from 'node:fs';

export interface HistoryRecord {
  date: string;
  model: string;
  data_sha256: string;
  apgr: number | null;
  roc_auc: number | null;
  cpt50: number | null;
  cpt80: number | null;
  accepted: boolean;
  /** Why the record was not accepted. */
  alarm?: string;
}

export function readHistory(path: string): HistoryRecord[] {
  if (!existsSync(path)) return [];
  return readFileSync(path, 'utf8')
    .split('\n')
    .map((line, index) => ({ line: line.trim(), index }))
    .filter(({ line }) => line !== '')
    .map(({ line, index }) => {
      try {
        return JSON.parse(line) as HistoryRecord;
      } catch (error) {
        throw new Error(`${path}:${index + 1}: not valid JSON (${error instanceof Error ? error.message : String(error)})`);
      }
    });
}

/** Returns the alarm message, or undefined when the record is within tolerance of the baseline. */
export function driftAlarm(previous: HistoryRecord | undefined, current: Omit<HistoryRecord, 'accepted'>, tolerance: number): string | undefined {
  if (previous === undefined) return undefined;
  const problems: string[] = [];
  const check = (name: string, before: number | null, now: number | null): void => {
    if (before === null || now === null) return;
    if (now < before - tolerance) {
      problems.push(`${name} fell from ${before.toFixed(4)} to ${now.toFixed(4)} (more than the tolerance ${tolerance})`);
    }
  };
  check('APGR', previous.apgr, current.apgr);
  check('ROC-AUC', previous.roc_auc, current.roc_auc);
  if (problems.length === 0) return undefined;
  return `drift alarm against the accepted record of ${previous.date}: ${problems.join('; ')}`;
}

/** Appends the record (accepted unless alarmed) and returns it. */
export function recordEvaluation(path: string, current: Omit<HistoryRecord, 'accepted'>, tolerance: number): HistoryRecord {
  const lastAccepted = readHistory(path)
    .filter((r) => r.accepted)
    .at(-1);
  const alarm = driftAlarm(lastAccepted, current, tolerance);
  const record: HistoryRecord = { ...current, accepted: alarm === undefined, ...(alarm === undefined ? {} : { alarm }) };
  appendFileSync(path, `${JSON.stringify(record)}\n`);
  return record;
}
