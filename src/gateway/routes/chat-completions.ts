// POST /v1/chat/completions and POST /router/{policy}/v1/chat/completions.
// Order of work: authenticate → parse → resolve the route → check the key may use it → decide
// targets → run attempts (fallback, retries, breakers) → answer → write the record.
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ChatRequest, ChatResult } from '../../chat/types.ts';
import { estimateOutputTokens, estimatePromptTokens } from '../../chat/token-estimate.ts';
import { RungError, toRungError } from '../../errors/rung-error.ts';
import type { AttemptRecord, RequestRecord } from '../../records/request-record.ts';
import { parseChatCompletionBody } from '../openai-api/parse-chat-request.ts';
import { renderChatCompletion } from '../openai-api/render-completion.ts';
import { runAttempts } from '../execute/run-attempts.ts';
import { startStream } from '../execute/start-stream.ts';
import { ANONYMOUS, isAllowed, type KeyIdentity } from '../auth/virtual-keys.ts';
import { usageCost } from '../cost.ts';
import type { AppContext } from '../app-context.ts';
import { writeStream } from './chat-stream.ts';
import { sendError } from '../send-error.ts';

export function registerChatRoutes(app: FastifyInstance, context: AppContext): void {
  app.post('/v1/chat/completions', (request, reply) => handleChat(context, request, reply, undefined));
  app.post<{ Params: { policy: string } }>('/router/:policy/v1/chat/completions', (request, reply) =>
    handleChat(context, request, reply, request.params.policy),
  );
}

async function handleChat(context: AppContext, httpRequest: FastifyRequest, reply: FastifyReply, pathPolicy: string | undefined): Promise<void> {
  const { runtime, clock } = context;
  const receivedAt = clock.now();
  const requestId = randomUUID().replaceAll('-', '');
  void reply.header('x-rung-request-id', requestId);

  // Rejections before the route is known are answered but not recorded as routed requests.
  let identity: KeyIdentity;
  try {
    identity = runtime.config.server.auth_disabled ? ANONYMOUS : runtime.keys.authenticate(httpRequest.headers.authorization);
  } catch (error) {
    return sendError(reply, toRungError(error));
  }

  let parsed: ReturnType<typeof parseChatCompletionBody>;
  try {
    parsed = parseChatCompletionBody(httpRequest.body);
  } catch (error) {
    return sendError(reply, toRungError(error));
  }
  const requested = pathPolicy ?? parsed.model;
  const route = runtime.resolve(requested);
  if (route === undefined || (pathPolicy !== undefined && route.kind !== 'policy')) {
    const what = pathPolicy === undefined ? 'model' : 'policy';
    return sendError(reply, new RungError('unknown_model', `The ${what} "${requested}" does not exist. GET /v1/models lists what you can use.`, { param: pathPolicy === undefined ? 'model' : undefined }));
  }
  if (!isAllowed(identity, requested, route.name)) {
    return sendError(reply, new RungError('model_not_allowed', `Key "${identity.id}" may not use "${requested}".`, { param: 'model' }));
  }

  const chatRequest: ChatRequest = { ...parsed.request, model: '' };
  const decision = route.strategy.decide(
    { estimatedPromptTokens: estimatePromptTokens(chatRequest), estimatedOutputTokens: estimateOutputTokens(chatRequest) },
    runtime.view,
  );
  const attempts: AttemptRecord[] = [];
  const record: RequestRecord = {
    requestId,
    receivedAt,
    keyId: identity === ANONYMOUS ? null : identity.id,
    workspace: identity.workspace,
    department: identity.department,
    agent: identity.agent,
    requested,
    routeKind: route.kind,
    policy: route.kind === 'policy' ? route.name : null,
    strategy: route.strategy.type,
    reason: decision.reason,
    stream: chatRequest.stream,
    attempts,
    finalDeployment: null,
    finalProvider: null,
    finalModel: null,
    status: 'ok',
    httpStatus: 200,
    errorCode: null,
    usage: null,
    costUsd: 0,
    referenceDeployment: route.referenceDeployment,
    referenceCostUsd: 0,
    costDeltaUsd: 0,
    latencyMs: 0,
    fallbackLatencyMs: 0,
    fallback: false,
  };
  const finish = () => {
    record.latencyMs = clock.now() - receivedAt;
    record.fallback = attempts.length > 1;
    if (record.usage !== null && record.finalDeployment !== null) {
      record.costUsd = usageCost(runtime.catalog, record.finalDeployment, record.usage);
      record.referenceCostUsd = usageCost(runtime.catalog, route.referenceDeployment, record.usage);
      record.costDeltaUsd = record.costUsd - record.referenceCostUsd;
    }
    context.records.write(record);
  };

  const abort = new AbortController();
  reply.raw.on('close', () => {
    if (!reply.raw.writableFinished) abort.abort();
  });

  const call = chatRequest.stream
    ? runAttempts(decision.targets, route.failure, runtime.executor, abort.signal, attempts, (adapter, deployment, signal) =>
        startStream(adapter, { ...chatRequest, model: deployment.model }, signal, requestId))
    : runAttempts(decision.targets, route.failure, runtime.executor, abort.signal, attempts, (adapter, deployment, signal) =>
        adapter.doGenerate({ ...chatRequest, model: deployment.model }, { signal, requestId }));

  let success: Awaited<typeof call>;
  try {
    success = await call;
  } catch (thrown) {
    const error = toRungError(thrown);
    record.status = abort.signal.aborted ? 'client_closed' : 'error';
    record.httpStatus = abort.signal.aborted ? 499 : error.status;
    record.errorCode = error.code;
    finish();
    if (abort.signal.aborted) return;
    void reply.header('x-rung-attempts', String(attempts.length));
    return sendError(reply, error);
  }

  const { deployment } = success;
  record.finalDeployment = deployment.id;
  record.finalProvider = deployment.provider;
  record.finalModel = deployment.model;
  record.fallbackLatencyMs = success.startedAt - receivedAt;
  const headers: Record<string, string> = {
    'x-rung-request-id': requestId,
    'x-rung-provider': deployment.provider,
    'x-rung-model': deployment.id,
    'x-rung-attempts': String(attempts.length),
    'x-rung-fallback': attempts.length > 1 ? 'true' : 'false',
    'x-rung-strategy': route.strategy.type,
  };
  if (route.kind === 'policy') headers['x-rung-policy'] = route.name;

  if (!chatRequest.stream) {
    const result = success.value as ChatResult;
    success.complete({ ok: true });
    record.usage = result.usage;
    finish();
    headers['x-rung-cost-usd'] = record.costUsd.toFixed(8);
    void reply.headers(headers);
    return reply.send(renderChatCompletion(result, { id: `chatcmpl-${requestId}`, model: deployment.id, created: Math.floor(receivedAt / 1000) }));
  }

  await writeStream({
    reply,
    headers,
    started: success.value as Awaited<ReturnType<typeof startStream>>,
    complete: success.complete,
    includeUsage: parsed.includeUsageInStream,
    meta: { id: `chatcmpl-${requestId}`, model: deployment.id, created: Math.floor(receivedAt / 1000) },
    record,
    clientSignal: abort.signal,
  });
  finish();
}
