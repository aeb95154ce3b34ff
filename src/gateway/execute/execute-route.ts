// Runs an admitted request: the attempt loop over the ordered targets, or, for a cascade policy,
// cheap step → validators → escalate. Streaming cascades buffer each checked step and replay the
// accepted answer as a stream; the last step, whose answer is served whatever the validators say,
// streams straight through.
import type { CancelSignal } from '../../chat/cancel-signal.ts';
import type { ChatRequest, ChatResult, StreamEvent } from '../../chat/types.ts';
import { runCascade, runCascadeForStream } from '../../cascade/engine.ts';
import { resultToStreamEvents } from '../../cascade/replay-stream.ts';
import type { CascadeSummary, StepAnswer } from '../../cascade/types.ts';
import { RungError, toRungError } from '../../errors/rung-error.ts';
import type { AttemptRecord } from '../../records/request-record.ts';
import type { Deployment } from '../../routing/catalog.ts';
import { usageCost } from '../cost.ts';
import type { GatewayRuntime, Route } from '../runtime.ts';
import { runAttempts, type CallTarget, type Completion } from './run-attempts.ts';
import { startStream, type StartedStream } from './start-stream.ts';

export type Execution =
  | { kind: 'result'; result: ChatResult; deployment: Deployment; startedAt: number; complete: Completion; cascade: CascadeSummary | null }
  | {
      kind: 'stream';
      started: StartedStream;
      deployment: Deployment;
      startedAt: number;
      complete: Completion;
      /** For a cascade: the summary, once the stream's usage is known. */
      summarise: ((usage: ChatResult['usage'], latencyMs: number) => CascadeSummary | null) | null;
    };

export interface ExecuteInput {
  runtime: GatewayRuntime;
  route: Route;
  targets: readonly string[];
  request: ChatRequest;
  requestId: string;
  signal: CancelSignal;
  attempts: AttemptRecord[];
}

const noop: Completion = () => {};

/** A non-streaming call of `request` on each target, under the target's own model name. */
function generateCall(request: ChatRequest, requestId: string): CallTarget<ChatResult> {
  return (adapter, deployment, signal, deadlineMs) => adapter.doGenerate({ ...request, model: deployment.model }, { signal, requestId, deadlineMs });
}

/** A streaming call of `request` on each target, read up to its first content event. */
function streamCall(request: ChatRequest, requestId: string): CallTarget<StartedStream> {
  return (adapter, deployment, signal, deadlineMs) => startStream(adapter, { ...request, model: deployment.model }, { signal, requestId, deadlineMs });
}

export async function executeRoute(input: ExecuteInput): Promise<Execution> {
  const { route } = input;
  if (route.cascade !== null) return executeCascade(input, route.cascade);
  if (input.request.stream) {
    const success = await runAttempts(input.targets, route.failure, input.runtime.executor, input.signal, input.attempts, streamCall(input.request, input.requestId));
    return { kind: 'stream', started: success.value, deployment: success.deployment, startedAt: success.startedAt, complete: success.complete, summarise: null };
  }
  const success = await runAttempts(input.targets, route.failure, input.runtime.executor, input.signal, input.attempts, generateCall(input.request, input.requestId));
  return { kind: 'result', result: success.value, deployment: success.deployment, startedAt: success.startedAt, complete: success.complete, cascade: null };
}

async function executeCascade(input: ExecuteInput, cascade: NonNullable<Route['cascade']>): Promise<Execution> {
  const { runtime, route, requestId, signal } = input;
  const allowed = new Set(input.targets);
  const steps = cascade.steps.map((step) => step.filter((id) => allowed.has(id))).filter((step) => step.length > 0);
  if (steps.length === 0) throw new RungError('no_eligible_deployment', 'No step of this cascade has a deployment this request may use.');
  const started = runtime.executor.clock.now();
  const callStep = async (targets: readonly string[], request: ChatRequest, stepSignal: CancelSignal): Promise<StepAnswer> => {
    const success = await runAttempts(targets, route.failure, runtime.executor, stepSignal, input.attempts, generateCall(request, requestId));
    success.complete({ ok: true });
    return { result: success.value, deploymentId: success.deployment.id };
  };
  const judge = async (request: ChatRequest, judgeSignal: CancelSignal): Promise<ChatResult> => {
    const success = await runAttempts([request.model], route.failure, runtime.executor, judgeSignal ?? signal, [], generateCall(request, requestId));
    success.complete({ ok: true });
    return success.value;
  };
  const cascadeInput = {
    steps,
    maxSteps: cascade.maxSteps,
    validators: cascade.validators,
    request: input.request,
    callStep,
    cost: (deploymentId: string, usage: ChatResult['usage']) => usageCost(runtime.catalog, deploymentId, usage),
    judge,
    signal,
    clock: runtime.executor.clock,
  };

  if (!input.request.stream) {
    const outcome = await runCascade(cascadeInput);
    return { kind: 'result', result: outcome.result, deployment: runtime.catalog.get(outcome.deploymentId), startedAt: started, complete: noop, cascade: outcome };
  }

  const run = await runCascadeForStream(cascadeInput);
  if (run.kind === 'done') {
    const { outcome } = run;
    return { kind: 'stream', started: replay(outcome.result), deployment: runtime.catalog.get(outcome.deploymentId), startedAt: started, complete: noop, summarise: () => outcome };
  }
  const handoffStarted = runtime.executor.clock.now();
  try {
    const success = await runAttempts(run.targets, route.failure, runtime.executor, signal, input.attempts, streamCall(run.request, requestId));
    return {
      kind: 'stream',
      started: success.value,
      deployment: success.deployment,
      startedAt: success.startedAt,
      complete: success.complete,
      summarise: (usage, latencyMs) => run.complete({ deploymentId: success.deployment.id, usage, latencyMs }),
    };
  } catch (thrown) {
    // The last step failed before any content: serve the latest checked answer rather than an error.
    const error = toRungError(thrown);
    if (run.fallback === undefined || signal.aborted) throw error;
    const summary = run.completeWithFallback({ code: error.code, message: error.message }, runtime.executor.clock.now() - handoffStarted);
    return { kind: 'stream', started: replay(run.fallback.result), deployment: runtime.catalog.get(run.fallback.deploymentId), startedAt: started, complete: noop, summarise: () => summary ?? null };
  }
}

/** A finished answer as a stream that is already "started" (its first content event read). */
function replay(result: ChatResult): StartedStream {
  const events = resultToStreamEvents(result);
  const [first, ...rest] = events;
  const iterator = rest[Symbol.iterator]();
  return {
    buffered: first === undefined ? [] : [first],
    iterator: {
      next: async (): Promise<IteratorResult<StreamEvent>> => iterator.next(),
    },
  };
}
