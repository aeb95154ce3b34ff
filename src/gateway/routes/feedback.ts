// POST /v1/feedback: a client's rating of one answer, `{request_id, score: 0..1 | "up" | "down",
// comment?}`, authenticated like chat completions. One rating per request: the last call wins.
// Records reach the store in batches, so a request answered a moment ago may still sit in the
// writer's buffer: before answering 404 the route asks the writer to flush and looks again.
import type { FastifyInstance } from 'fastify';
import { parseFeedbackBody } from '../../analytics/feedback-input.ts';
import { RungError } from '../../errors/rung-error.ts';
import type { RequestRecord } from '../../records/request-record.ts';
import type { Clock } from '../../resilience/clock.ts';
import type { OutcomeStore, RequestLogStore, StoredRequest } from '../../store/types.ts';
import { ANONYMOUS, type KeyIdentity } from '../auth/virtual-keys.ts';
import type { GatewayRuntime } from '../runtime.ts';
import { answerError } from '../auth/require-admin.ts';

export interface FeedbackRoutesContext {
  runtime: Pick<GatewayRuntime, 'config' | 'keys'>;
  store: { readonly requests: Pick<RequestLogStore, 'get'>; readonly outcomes: Pick<OutcomeStore, 'recordFeedback'> };
  clock: Clock;
  /** Stores what the batched record writer holds (`AppContext.flushRecords`); absent: records are written directly. */
  flushRecords?: () => Promise<void>;
}

export function registerFeedbackRoutes(app: FastifyInstance, context: FeedbackRoutesContext): void {
  const { runtime, store, clock } = context;
  app.post('/v1/feedback', async (request, reply) => {
    try {
      const identity = runtime.config.server.auth_disabled ? ANONYMOUS : runtime.keys.authenticate(request.headers.authorization);
      const feedback = parseFeedbackBody(request.body);
      const stored = await findRequest(context, feedback.requestId);
      if (stored === null || !mayRate(identity, stored.record)) {
        // The same answer for "no such request" and "another tenant's request": ids are not probed.
        throw new RungError('request_not_found', `No logged request has id "${feedback.requestId}" (use the x-rung-request-id response header).`, { param: 'request_id' });
      }
      await store.outcomes.recordFeedback({ requestId: feedback.requestId, score: feedback.score, comment: feedback.comment, at: clock.now() });
      return reply.send({ request_id: feedback.requestId, score: feedback.score, recorded: true });
    } catch (error) {
      return answerError(reply, error);
    }
  });
}

async function findRequest({ store, flushRecords }: FeedbackRoutesContext, requestId: string): Promise<StoredRequest | null> {
  const found = await store.requests.get(requestId);
  if (found !== null || flushRecords === undefined) return found;
  // A failing flush leaves the batch buffered; the second look then simply finds nothing.
  await flushRecords().catch(() => undefined);
  return store.requests.get(requestId);
}

/**
 * A key rates the requests of its own workspace (an app's feedback service may hold another key
 * than its chat backend); a key without a workspace only its own. With auth disabled, anything.
 */
function mayRate(identity: KeyIdentity, record: RequestRecord): boolean {
  if (identity === ANONYMOUS) return true;
  if (record.keyId === identity.id) return true;
  return identity.workspace !== null && record.workspace === identity.workspace;
}
