// GET /api/v1/scorer, admin only: the live complexity scorer (its manifest's name, training date,
// encoder, thresholds and validation figures), the named versions experiments may pin, the
// registry's active version and the evaluation history (newest first) with the drift alarm.
import type { FastifyInstance } from 'fastify';
import { evalRunView, scorerModelView, type ScorerModelView } from '../../analytics/scorer-view.ts';
import type { ComplexityScorer } from '../../scorer/complexity-scorer.ts';
import type { ScorerManifest } from '../../scorer/manifest.ts';
import type { EvalHistoryStore, ModelRegistryStore } from '../../store/types.ts';
import type { GatewayRuntime } from '../runtime.ts';
import { answerError, requireAdmin, type AdminAccess } from '../auth/require-admin.ts';

export const SCORER_HISTORY_LIMIT = 50;

export interface ScorerInfoRoutesContext extends AdminAccess {
  runtime: Pick<GatewayRuntime, 'config' | 'scorer' | 'scorerVersions'>;
  store: { readonly evals: Pick<EvalHistoryStore, 'list'>; readonly models?: Pick<ModelRegistryStore, 'active'> };
}

/**
 * The shipped `Scorer` carries its manifest. Read by shape, not `instanceof`: importing scorer.ts
 * here would load the ONNX runtime into gateways that never score (app.ts imports it on demand).
 */
function manifestOf(scorer: ComplexityScorer): ScorerManifest | null {
  const manifest = (scorer as { manifest?: unknown }).manifest;
  if (manifest === null || typeof manifest !== 'object') return null;
  const fields = manifest as Partial<ScorerManifest>;
  return typeof fields.name === 'string' && typeof fields.created === 'string' && typeof fields.encoder === 'object' ? (manifest as ScorerManifest) : null;
}

function modelOf(scorer: ComplexityScorer): ScorerModelView {
  // A scorer without a manifest (a test double, another implementation) shows its thresholds only.
  return scorerModelView(manifestOf(scorer), scorer.thresholds);
}

export function registerScorerInfoRoutes(app: FastifyInstance, context: ScorerInfoRoutesContext): void {
  const { runtime, store } = context;
  app.get('/api/v1/scorer', { preHandler: requireAdmin(context) }, async (_request, reply) => {
    try {
      const [history, active] = await Promise.all([store.evals.list(SCORER_HISTORY_LIMIT), store.models?.active() ?? Promise.resolve(null)]);
      const latest = history[0];
      return reply.send({
        enabled: runtime.config.scorer.enabled,
        model: runtime.scorer === null ? null : modelOf(runtime.scorer),
        versions: [...runtime.scorerVersions].map(([name, scorer]) => ({ name, model: modelOf(scorer) })),
        active_version: active?.version ?? null,
        drift_alarm: latest !== undefined && !latest.accepted,
        history: history.map(evalRunView),
      });
    } catch (error) {
      return answerError(reply, error);
    }
  });
}
