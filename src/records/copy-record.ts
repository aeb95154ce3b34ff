// A deep copy of a request record, written out field by field. Stores keep records apart from the
// objects the gateway built (as a database would), and on the request path this copy is about ten
// times cheaper than `structuredClone`. Records are plain data: strings, numbers, booleans, null,
// arrays and plain objects. test/records/copy-record.test.ts fails if a new nested field is added
// to the record and not copied here.
import type { AttemptRecord, CascadeRecord, RequestRecord } from './request-record.ts';

export function copyRecord(record: RequestRecord): RequestRecord {
  return {
    ...record,
    attempts: record.attempts.map(copyAttempt),
    usage: record.usage === null ? null : { ...record.usage },
    cascade: record.cascade === null ? null : copyCascade(record.cascade),
    experiment: record.experiment === null ? null : { ...record.experiment },
  };
}

function copyAttempt(attempt: AttemptRecord): AttemptRecord {
  return { ...attempt };
}

function copyCascade(cascade: CascadeRecord): CascadeRecord {
  return {
    ...cascade,
    steps: cascade.steps.map((step) => ({ ...step, verdicts: step.verdicts.map((verdict) => ({ ...verdict })) })),
  };
}
