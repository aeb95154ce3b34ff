// Runs a step's validators in order and stops at the first 'fail'. A validator that throws is a
// bug or an outage in the check, not a verdict on the answer: it is recorded as 'skip' with the
// reason, so a broken check neither blocks answers nor escalates every request.
import type { ChatRequest, ChatResult } from '../chat/types.ts';
import type { Validator, ValidatorContext } from '../validators/types.ts';
import type { VerdictRecord } from './types.ts';

export interface ValidationRun {
  passed: boolean;
  verdicts: VerdictRecord[];
  costUsd: number;
}

export async function runValidators(
  validators: readonly Validator[],
  result: ChatResult,
  request: ChatRequest,
  context: ValidatorContext,
): Promise<ValidationRun> {
  const verdicts: VerdictRecord[] = [];
  let costUsd = 0;
  for (const validator of validators) {
    let record: VerdictRecord;
    try {
      const verdict = await validator.check(result, request, context);
      record = { validator: validator.type, verdict: verdict.verdict };
      if (verdict.reason !== undefined) record.reason = verdict.reason;
      if (verdict.data !== undefined) record.data = verdict.data;
      if (verdict.costUsd !== undefined && Number.isFinite(verdict.costUsd)) {
        record.costUsd = verdict.costUsd;
        costUsd += verdict.costUsd;
      }
    } catch (thrown) {
      const message = thrown instanceof Error ? thrown.message : String(thrown);
      record = { validator: validator.type, verdict: 'skip', reason: `the validator failed: ${message.slice(0, 200)}` };
    }
    verdicts.push(record);
    if (record.verdict === 'fail') return { passed: false, verdicts, costUsd };
  }
  return { passed: true, verdicts, costUsd };
}
