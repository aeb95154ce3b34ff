// The cascade: try the cheapest step, check its answer, escalate to the next step when a validator
// fails or the whole step errors, up to max_steps. The last answer obtained is returned even when
// it failed validation ('exhausted'): a checked-but-imperfect answer beats an error. Requests go
// to every step with `stream: false`; streaming clients are served by replaying the accepted
// answer (`replay-stream.ts`) or by handing the last step off to the caller (`runCascadeForStream`).
import type { CancelSignal } from '../chat/cancel-signal.ts';
import type { ChatRequest } from '../chat/types.ts';
import type { ErrorCode } from '../errors/catalogue.ts';
import { RungError, toRungError } from '../errors/rung-error.ts';
import { systemClock } from '../resilience/clock.ts';
import type { ValidatorContext } from '../validators/types.ts';
import { buildHandoff, type CascadeHandoff } from './handoff.ts';
import { runValidators } from './run-validators.ts';
import { failedStepRecord } from './step-record.ts';
import { summarise } from './summary.ts';
import type { CascadeInput, CascadeOutcome, CascadeStepRecord, StepAnswer } from './types.ts';

/**
 * Errors after which climbing to a stronger tier cannot help: the request itself is at fault or a
 * gateway rule stopped it. Every other error (timeouts, outages, context_length, a provider's
 * content filter) escalates, since another tier's deployments may well succeed.
 */
export const NON_ESCALATING_ERRORS: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'bad_request',
  'invalid_request',
  'blocked_by_rule',
  'model_not_allowed',
  'budget_exceeded',
  'budget_throttled',
]);

export async function runCascade(input: CascadeInput): Promise<CascadeOutcome> {
  const run = await runSteps(input, false);
  if (run.kind === 'handoff') throw new RungError('internal_error', 'the cascade handed off without being asked to');
  return run.outcome;
}

export type CascadeStreamRun = { kind: 'done'; outcome: CascadeOutcome } | CascadeHandoff;

/**
 * For streaming clients: runs every step but the last like `runCascade`; when the cascade reaches
 * the last step it returns a handoff instead of calling it, so the caller can stream that step
 * directly (its answer would be returned whatever the validators said).
 */
export function runCascadeForStream(input: CascadeInput): Promise<CascadeStreamRun> {
  return runSteps(input, true);
}

type StepsRun = { kind: 'done'; outcome: CascadeOutcome } | CascadeHandoff;

async function runSteps(input: CascadeInput, handoffLast: boolean): Promise<StepsRun> {
  const signal: CancelSignal = input.signal ?? new AbortController().signal;
  const clock = input.clock ?? systemClock;
  const count = Math.min(input.steps.length, input.maxSteps ?? input.steps.length);
  if (count < 1) throw new RungError('internal_error', 'a cascade policy needs at least one step');
  const request: ChatRequest = { ...input.request, stream: false };
  const records: CascadeStepRecord[] = [];
  const errors: RungError[] = [];
  let latest: (StepAnswer & { step: number }) | undefined;

  for (let index = 0; index < count; index += 1) {
    throwIfAborted(signal);
    const step = index + 1;
    const targets = input.steps[index] ?? [];
    if (handoffLast && step === count) return buildHandoff(input, step, targets, records, latest);

    const startedAt = clock.now();
    let answer: StepAnswer;
    try {
      answer = await input.callStep(targets, request, signal);
    } catch (thrown) {
      const error = toRungError(thrown);
      records.push(failedStepRecord(step, targets, { code: error.code, message: error.message }, clock.now() - startedAt));
      if (signal.aborted) throw error;
      errors.push(error);
      if (NON_ESCALATING_ERRORS.has(error.code)) break;
      continue;
    }

    const validationStartedAt = clock.now();
    const context: ValidatorContext = { signal, step, deploymentId: answer.deploymentId, judge: input.judge, cost: input.cost };
    const validation = await runValidators(input.validators, answer.result, input.request, context);
    throwIfAborted(signal);
    const answerCostUsd = input.cost(answer.deploymentId, answer.result.usage);
    const finishedAt = clock.now();
    records.push({
      step,
      targets,
      status: validation.passed ? 'passed' : 'failed',
      deploymentId: answer.deploymentId,
      verdicts: validation.verdicts,
      costUsd: answerCostUsd + validation.costUsd,
      answerCostUsd,
      validationCostUsd: validation.costUsd,
      latencyMs: finishedAt - startedAt,
      validationLatencyMs: finishedAt - validationStartedAt,
      usage: answer.result.usage,
    });
    latest = { ...answer, step };
    if (validation.passed) {
      return { kind: 'done', outcome: outcome(input, records, latest, step === 1 ? 'passed' : 'escalated') };
    }
  }

  if (latest !== undefined) return { kind: 'done', outcome: outcome(input, records, latest, 'exhausted') };
  throw stepsFailed(errors, records);
}

function outcome(input: CascadeInput, records: CascadeStepRecord[], answer: StepAnswer & { step: number }, kind: CascadeOutcome['outcome']): CascadeOutcome {
  const summary = summarise(input.steps, input.cost, records, { deploymentId: answer.deploymentId, step: answer.step, usage: answer.result.usage }, kind);
  return { ...summary, result: answer.result };
}

/** No step produced an answer: one error is rethrown as is, several are aggregated. */
function stepsFailed(errors: readonly RungError[], records: readonly CascadeStepRecord[]): RungError {
  const [only] = errors;
  if (errors.length === 1 && only !== undefined) return only;
  const summary = records.map((record) => `step ${record.step} ${record.error?.code ?? record.status}`).join('; ');
  return new RungError('all_targets_failed', `All ${records.length} cascade steps failed: ${summary}`, {
    details: {
      cascade_steps: records.map((record) => ({ step: record.step, targets: record.targets, error_class: record.error?.code ?? null, latency_ms: record.latencyMs })),
    },
    cause: errors[errors.length - 1],
  });
}

/** Stops the cascade when the client left or the overall deadline passed. */
function throwIfAborted(signal: CancelSignal): void {
  if (!signal.aborted) return;
  const reason: unknown = signal.reason;
  if (reason instanceof RungError) throw reason;
  if (reason instanceof Error && reason.name === 'TimeoutError') throw new RungError('deadline_exceeded', 'The route\'s deadline passed during the cascade.');
  throw new RungError('connection', 'client disconnected');
}
