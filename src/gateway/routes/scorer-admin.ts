// POST /api/v1/admin/scorer/activate {model_dir, version?}: loads a scorer model (checksums
// verified) and swaps it in; requests already scoring finish on the old model, none fail.
import type { FastifyInstance } from 'fastify';
import { RungError, toRungError } from '../../errors/rung-error.ts';
import { SwappableScorer } from '../../scorer/swappable-scorer.ts';
import type { AppContext } from '../app-context.ts';
import { requireAdmin, type AdminAccess } from '../auth/require-admin.ts';
import { sendError } from '../send-error.ts';

export function registerScorerAdminRoutes(app: FastifyInstance, { runtime, store }: AppContext, access: AdminAccess): void {
  app.post('/api/v1/admin/scorer/activate', { preHandler: requireAdmin(access) }, async (request, reply) => {
    try {
      const body = request.body as { model_dir?: unknown; version?: unknown } | null;
      const directory = body?.model_dir;
      if (typeof directory !== 'string' || directory === '') throw new RungError('invalid_request', 'model_dir must be the path of a scorer model directory', { param: 'model_dir' });
      const version = typeof body?.version === 'string' ? body.version : directory;
      const live = runtime.scorer;
      if (!(live instanceof SwappableScorer)) throw new RungError('invalid_request', 'scoring is disabled in this gateway (scorer.enabled: false)', { param: 'model_dir' });
      const { loadScorerModel } = await import('../../scorer/scorer.ts');
      let next;
      try {
        next = await loadScorerModel(directory);
      } catch (error) {
        throw new RungError('invalid_request', `cannot load the scorer model: ${error instanceof Error ? error.message : String(error)}`, { param: 'model_dir' });
      }
      await live.swap(next, version);
      const registered = (await store.models.list()).find((entry) => entry.version === version);
      if (registered !== undefined) await store.models.setActive(version);
      return reply.send({ active: version, thresholds: live.thresholds });
    } catch (error) {
      return sendError(reply, toRungError(error));
    }
  });
}
