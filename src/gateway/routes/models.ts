// GET /v1/models: every name the caller's key may send as `model`.
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../app-context.ts';
import { ANONYMOUS, isAllowed } from '../auth/virtual-keys.ts';
import { renderModelList } from '../openai-api/render-models.ts';
import { sendError } from '../send-error.ts';
import { toRungError } from '../../errors/rung-error.ts';

export function registerModelRoutes(app: FastifyInstance, { runtime }: AppContext): void {
  const created = Math.floor(Date.now() / 1000);
  app.get('/v1/models', (request, reply) => {
    let identity = ANONYMOUS;
    try {
      if (!runtime.config.server.auth_disabled) identity = runtime.keys.authenticate(request.headers.authorization);
    } catch (error) {
      return sendError(reply, toRungError(error));
    }
    const entries = runtime
      .modelNames()
      .filter((entry) => isAllowed(identity, entry.name, entry.target))
      .map((entry) => ({ id: entry.name, ownedBy: entry.kind === 'deployment' ? runtime.catalog.get(entry.name).provider : `rung-${entry.kind}`, created }));
    return reply.send(renderModelList(entries));
  });
}
