// GET /api/v1/analytics (totals and groups, or before/after an instant) and
// GET /api/v1/analytics/requests (the latest request records), admin only. The shapes are the
// contract in docs/api.md; the figures come from the store (src/store/), the shaping from
// src/analytics/. Admin access is `auth/require-admin.ts`.
import type { FastifyInstance } from 'fastify';
import { parseAnalyticsQuery } from '../../analytics/analytics-query.ts';
import { analyticsComparison, analyticsReport } from '../../analytics/analytics-report.ts';
import type { QueryValues } from '../../analytics/query-values.ts';
import { listRequests, parseRequestListQuery } from '../../analytics/request-list.ts';
import type { Clock } from '../../resilience/clock.ts';
import type { RequestLogStore } from '../../store/types.ts';
import { answerError, requireAdmin, type AdminAccess } from '../auth/require-admin.ts';


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
