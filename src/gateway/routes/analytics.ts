// GET /api/v1/analytics (totals and groups, or before/after an instant) and
// GET /api/v1/analytics/requests (the latest request records), admin only. The shapes are the
// contract in docs/api.md; the figures come from the store (src/store/), the shaping from
// src/analytics/. Also the admin check the other admin read routes share: the admin key as a
// Bearer token, or the dashboard's session when the app has one.
import type { FastifyInstance, FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import { parseAnalyticsQuery } from '../../analytics/analytics-query.ts';
import { analyticsComparison, analyticsReport } from '../../analytics/analytics-report.ts';
import type { QueryValues } from '../../analytics/query-values.ts';
import { listRequests, parseRequestListQuery } from '../../analytics/request-list.ts';
import type { Clock } from '../../resilience/clock.ts';
import type { RequestLogStore } from '../../store/types.ts';
import { checkAdminKey } from '../auth/virtual-keys.ts';
import { errorFromFastify } from '../openai-api/render-error.ts';
import type { GatewayRuntime } from '../runtime.ts';
import { sendError } from '../send-error.ts';

export interface AdminAccess {
  runtime: Pick<GatewayRuntime, 'config'>;
  /** The dashboard's cookie session; a request is admin when this or the admin key says so. */
  isAdminSession?: (request: FastifyRequest) => boolean | Promise<boolean>;
}

/** A preHandler that answers 401 `admin_key_required` unless the session or the admin key passes. */
export function requireAdmin(access: AdminAccess): preHandlerAsyncHookHandler {
  return async (request, reply) => {
    if (access.isAdminSession !== undefined && (await access.isAdminSession(request))) return;
    try {
      checkAdminKey(access.runtime.config, request.headers.authorization);
    } catch (error) {
      // Returning the reply from an async hook tells fastify the response is sent: the handler is skipped.
      return answerError(reply, error);
    }
    return undefined;
  };
}

/** Every failure as the OpenAI-shaped error body; unexpected ones without their internals. */
export function answerError(reply: FastifyReply, error: unknown): FastifyReply {
  return sendError(reply, errorFromFastify(error));
}

export interface AnalyticsRoutesContext extends AdminAccess {
  store: { readonly requests: Pick<RequestLogStore, 'aggregate' | 'query'> };
  clock: Clock;
}

export function registerAnalyticsRoutes(app: FastifyInstance, context: AnalyticsRoutesContext): void {
  const { store, clock } = context;
  const preHandler = requireAdmin(context);

  app.get('/api/v1/analytics', { preHandler }, async (request, reply) => {
    try {
      const query = parseAnalyticsQuery(request.query as QueryValues, clock.now());
      const body = query.kind === 'grouped' ? await analyticsReport(store.requests, query) : await analyticsComparison(store.requests, query);
      return reply.send(body);
    } catch (error) {
      return answerError(reply, error);
    }
  });

  app.get('/api/v1/analytics/requests', { preHandler }, async (request, reply) => {
    try {
      return reply.send(await listRequests(store.requests, parseRequestListQuery(request.query as QueryValues)));
    } catch (error) {
      return answerError(reply, error);
    }
  });
}
