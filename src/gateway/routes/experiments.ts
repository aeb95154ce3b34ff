// GET /api/v1/experiments (every configured experiment's report) and /api/v1/experiments/{id}
// (one), admin only. A report has both arms with 95% intervals, the treatment − control
// differences, the split's health and the verdict (src/experiments/), in snake_case, plus whether
// the experiment is scheduled, running or ended.
import type { FastifyInstance } from 'fastify';
import { buildExperimentReports, experimentReportBody } from '../../analytics/experiment-reports.ts';
import { RungError } from '../../errors/rung-error.ts';
import type { Clock } from '../../resilience/clock.ts';
import type { OutcomeStore, RequestLogStore } from '../../store/types.ts';
import { answerError, requireAdmin, type AdminAccess } from '../auth/require-admin.ts';

export interface ExperimentRoutesContext extends AdminAccess {
  store: { readonly requests: Pick<RequestLogStore, 'query'>; readonly outcomes: Pick<OutcomeStore, 'getFeedback'> };
  clock: Clock;
}

export function registerExperimentRoutes(app: FastifyInstance, context: ExperimentRoutesContext): void {
  const { runtime, store, clock } = context;
  const preHandler = requireAdmin(context);

  app.get('/api/v1/experiments', { preHandler }, async (_request, reply) => {
    try {
      const reports = await buildExperimentReports(store, runtime.config.experiments, clock.now());
      return reply.send({ experiments: reports.map(experimentReportBody) });
    } catch (error) {
      return answerError(reply, error);
    }
  });

  app.get<{ Params: { id: string } }>('/api/v1/experiments/:id', { preHandler }, async (request, reply) => {
    try {
      const experiment = runtime.config.experiments.find((candidate) => candidate.id === request.params.id);
      if (experiment === undefined) {
        // The catalogue has no experiment_not_found yet; route_not_found is the closest 404.
        throw new RungError('route_not_found', `No experiment "${request.params.id}" is configured (experiments: in the config).`, { param: 'id' });
      }
      const [report] = await buildExperimentReports(store, [experiment], clock.now());
      if (report === undefined) throw new RungError('internal_error', 'The experiment report was not built.');
      return reply.send(experimentReportBody(report));
    } catch (error) {
      return answerError(reply, error);
    }
  });
}
