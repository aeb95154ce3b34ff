// POST /v1/chat/completions and POST /router/{policy}/v1/chat/completions.
// authenticate → parse → admit (rules, route, score, guardrails, budget) → run attempts
// (fallback, retries, breakers) → answer → settle the budget → write the record.
// Every request that passes authentication and parsing is recorded, refused or not.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ChatRequest } from '../../chat/types.ts';
import type { CascadeSummary } from '../../cascade/types.ts';
import { toRungError } from '../../errors/rung-error.ts';
import type { AttemptRecord, CascadeRecord, RequestRecord } from '../../records/request-record.ts';
import { parseChatCompletionBody } from '../openai-api/parse-chat-request.ts';
import { renderChatCompletion } from '../openai-api/render-completion.ts';
import { executeRoute, type Execution } from '../execute/execute-route.ts';
import { ANONYMOUS, type KeyIdentity } from '../auth/virtual-keys.ts';
import { usageCost } from '../cost.ts';
import type { AppContext } from '../app-context.ts';
import { writeStream } from './chat-stream.ts';
import { sendError } from '../send-error.ts';
import { newRequestId } from '../request-id.ts';
import { ClientDisconnect } from '../client-disconnect.ts';
import { admit, type Admission, type PartialAdmission } from '../pipeline/admit.ts';
import { toReasonLine } from '../../policy/explain.ts';
import { extractScoringText } from '../../scorer/scoring-text.ts';

export function registerChatRoutes(app: FastifyInstance, context: AppContext): void {
  app.post('/v1/chat/completions', (request, reply) => handleChat(context, request, reply, undefined));
  app.post<{ Params: { policy: string } }>('/router/:policy/v1/chat/completions', (request, reply) =>
    handleChat(context, request, reply, request.params.policy),
  );
}

async function handleChat(context: AppContext, httpRequest: FastifyRequest, reply: FastifyReply, pathPolicy: string | undefined): Promise<void> {
  const { runtime, clock } = context;
  const receivedAt = clock.now();
  const requestId = newRequestId(receivedAt);
  void reply.header('x-rung-request-id', requestId);

  let identity: KeyIdentity;
  let parsed: ReturnType<typeof parseChatCompletionBody>;
  try {
    identity = runtime.config.server.auth_disabled ? ANONYMOUS : runtime.keys.authenticate(httpRequest.headers.authorization);
    parsed = parseChatCompletionBody(httpRequest.body);
  } catch (error) {
    return sendError(reply, toRungError(error));
  }
  const requested = pathPolicy ?? parsed.model;
  const chatRequest: ChatRequest = { ...parsed.request, model: '' };
  const attempts: AttemptRecord[] = [];
  const record = newRecord(requestId, receivedAt, identity, requested, chatRequest.stream, attempts);
  const keepsPrompts = runtime.config.store.keep_prompts && runtime.config.store.driver !== 'off';
  const finish = (admission: Admission | null) => {
    record.latencyMs = clock.now() - receivedAt;
    record.fallback = usedFallback(attempts);
    if (record.usage !== null && record.finalDeployment !== null && record.referenceDeployment !== null) {
      // A cascade pays for every step it ran, not only the answer it served.
      record.costUsd = record.cascade?.totalCostUsd ?? usageCost(runtime.catalog, record.finalDeployment, record.usage);
      record.referenceCostUsd = usageCost(runtime.catalog, record.referenceDeployment, record.usage);
      record.costDeltaUsd = record.costUsd - record.referenceCostUsd;
    }
    if (admission !== null) {
      const settled = record.costUsd > 0 ? admission.reservation.settle(record.costUsd) : admission.reservation.release();
      settled.catch(() => undefined);
    }
    context.records.write(record, {
      // The scorer's text when it ran; otherwise extracted only when a store will keep it.
      promptText: admission?.plan.scoring?.text ?? (keepsPrompts ? extractScoringText(chatRequest.messages) : null),
      tags: admission?.signals.tags ?? {},
    });
  };

  const partial: PartialAdmission = {};
  let admission: Admission;
  try {
    admission = await admit(
      { runtime, identity, headers: httpRequest.headers, requested, request: chatRequest, metadata: parsed.metadata, fromPath: pathPolicy !== undefined, requestId },
      partial,
    );
  } catch (thrown) {
    const error = toRungError(thrown);
    // A request refused after it was scored (guardrails, budget) still paid for the score call.
    observeScoring(context, partial.plan?.scoring);
    describeRoute(record, partial);
    record.status = 'error';
    record.httpStatus = error.status;
    record.errorCode = error.code;
    finish(null);
    if (partial.reason !== undefined) void reply.header('x-rung-reason', toReasonLine(partial.reason));
    return sendError(reply, error);
  }
  describeRoute(record, admission);
  record.taskClass = admission.signals.task;
  const { route, plan } = admission;
  observeScoring(context, plan.scoring);

  // Fires when the client goes away before its answer is written: the upstream call stops.
  const client = new ClientDisconnect(reply.raw);

  let success: Execution;
  try {
    success = await executeRoute({ runtime, route, targets: admission.targets, request: chatRequest, requestId, signal: client, attempts });
  } catch (thrown) {
    const error = toRungError(thrown);
    record.status = client.aborted ? 'client_closed' : 'error';
    record.httpStatus = client.aborted ? 499 : error.status;
    record.errorCode = error.code;
    finish(admission);
    if (client.aborted) return;
    void reply.header('x-rung-attempts', String(attempts.length));
    void reply.header('x-rung-reason', admission.reason);
    return sendError(reply, error);
  }

  const { deployment } = success;
  record.finalDeployment = deployment.id;
  record.finalProvider = deployment.provider;
  record.finalModel = deployment.model;
  record.tier = deployment.tier;
  record.fallbackLatencyMs = success.startedAt - receivedAt;
  const headers: Record<string, string> = {
    'x-rung-request-id': requestId,
    'x-rung-provider': deployment.provider,
    'x-rung-model': deployment.id,
    'x-rung-tier': deployment.tier,
    'x-rung-attempts': String(attempts.length),
    'x-rung-fallback': usedFallback(attempts) ? 'true' : 'false',
    'x-rung-strategy': record.strategy,
    'x-rung-reason': admission.reason,
  };
  if (route.kind === 'policy') headers['x-rung-policy'] = route.name;
  if (plan.scoring !== null) headers['x-rung-score'] = plan.scoring.score === null ? `unavailable:${plan.scoring.failure ?? 'error'}` : plan.scoring.score.toFixed(4);
  if (admission.signals.task !== null) headers['x-rung-task'] = admission.signals.task;
  if (admission.experiment !== null) headers['x-rung-experiment'] = `${admission.experiment.id}:${admission.experiment.arm}`;

  if (success.kind === 'result') {
    const { result } = success;
    success.complete({ ok: true });
    record.usage = result.usage;
    if (success.cascade !== null) {
      record.cascade = cascadeRecord(success.cascade);
      headers['x-rung-cascade'] = `${success.cascade.outcome}; step ${success.cascade.answerStep} of ${success.cascade.steps.length}`;
    }
    finish(admission);
    headers['x-rung-cost-usd'] = record.costUsd.toFixed(8);
    void reply.headers(headers);
    return reply.send(renderChatCompletion(result, { id: `chatcmpl-${requestId}`, model: deployment.id, created: Math.floor(receivedAt / 1000) }));
  }

  await writeStream({
    reply,
    headers,
    started: success.started,
    complete: success.complete,
    includeUsage: parsed.includeUsageInStream,
    meta: { id: `chatcmpl-${requestId}`, model: deployment.id, created: Math.floor(receivedAt / 1000) },
    record,
    clientSignal: client,
  });
  if (success.summarise !== null && record.usage !== null) {
    const summary = success.summarise(record.usage, clock.now() - success.startedAt);
    if (summary !== null) record.cascade = cascadeRecord(summary);
  }
  finish(admission);
}

function observeScoring(context: AppContext, scoring: Admission['plan']['scoring'] | undefined): void {
  if (scoring != null) context.metrics.observeScoring(scoring.failure, scoring.latencyMs);
}

function cascadeRecord(summary: CascadeSummary): CascadeRecord {
  return {
    outcome: summary.outcome,
    answerStep: summary.answerStep,
    steps: summary.steps.map((step) => ({
      step: step.step,
      deployment: step.deploymentId,
      status: step.status,
      verdicts: step.verdicts.map((v) => ({ validator: v.validator, verdict: v.verdict, ...(v.reason === undefined ? {} : { reason: v.reason }) })),
      costUsd: step.costUsd,
    })),
    totalCostUsd: summary.totalCostUsd,
    topDeployment: summary.topDeploymentId,
    savedVsTopUsd: summary.savedVsTopUsd,
  };
}

/** More than one call was made (a skipped, breaker-open target is not a call). */
function usedFallback(attempts: readonly AttemptRecord[]): boolean {
  let calls = 0;
  for (const attempt of attempts) {
    if (attempt.status !== 'skipped' && ++calls > 1) return true;
  }
  return false;
}

function newRecord(requestId: string, receivedAt: number, identity: KeyIdentity, requested: string, stream: boolean, attempts: AttemptRecord[]): RequestRecord {
  return {
    requestId,
    receivedAt,
    keyId: identity === ANONYMOUS ? null : identity.id,
    workspace: identity.workspace,
    department: identity.department,
    agent: identity.agent,
    requested,
    routeKind: 'deployment',
    policy: null,
    strategy: '',
    reason: '',
    control: null,
    rule: null,
    project: identity.project,
    score: null,
    scorer: null,
    taskClass: null,
    tier: null,
    stream,
    attempts,
    finalDeployment: null,
    finalProvider: null,
    finalModel: null,
    status: 'ok',
    httpStatus: 200,
    errorCode: null,
    usage: null,
    costUsd: 0,
    referenceDeployment: null,
    referenceCostUsd: 0,
    costDeltaUsd: 0,
    latencyMs: 0,
    fallbackLatencyMs: 0,
    fallback: false,
    cascade: null,
    experiment: null,
  };
}

/** What admission decided, all of it (an Admission, read in place) or as far as it got. */
type KnownRoute = Omit<PartialAdmission, 'experiment'> & { experiment?: Admission['experiment'] };

/** Copies what admission decided into the record. */
function describeRoute(record: RequestRecord, known: KnownRoute): void {
  if (known.route !== undefined) {
    record.routeKind = known.route.kind;
    record.policy = known.route.kind === 'policy' ? known.route.name : null;
    record.strategy = known.route.cascade !== null ? 'cascade' : known.route.strategy.type;
    record.referenceDeployment = known.route.referenceDeployment;
  }
  if (known.plan !== undefined) {
    record.score = known.plan.scoring?.score ?? null;
    record.scorer = known.plan.scoring === null ? null : (known.plan.scoring.failure ?? 'ok');
    record.taskClass = known.plan.scoring?.taskClass ?? null;
  }
  if (known.rule !== undefined) {
    record.rule = known.rule.rule;
    record.project = known.rule.project ?? record.project;
  }
  record.control = known.control ?? null;
  if (known.experiment !== undefined && known.experiment !== null) record.experiment = known.experiment;
  record.reason = known.reason ?? '';
}
