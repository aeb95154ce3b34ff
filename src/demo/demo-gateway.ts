// Starts what the demo talks to: the simulated model ladder (four fake providers) and a real Rung
// gateway in front of it on 127.0.0.1, configured through the same config schema as production.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseConfig } from '../config/load.ts';
import { startModelLadder, type ModelLadder } from '../fakes/model-ladder.ts';
import type { FakeResponder } from '../fakes/types.ts';
import { buildApp, type BuiltApp } from '../gateway/app.ts';
import { MemorySink } from '../records/sinks.ts';
import { DEFAULT_MODEL_DIRECTORY, SHIPPED_MODEL_NAME } from '../scorer/default-model.ts';
import { MANIFEST_FILE } from '../scorer/manifest.ts';
import { Scorer } from '../scorer/scorer.ts';
import type { SimulatedTier } from './simulated-quality.ts';
import { POLICY_NAMES } from './workload.ts';

/** Which scorer the gateway runs with, as the report describes it. */
export interface ScorerInfo {
  state: 'loaded' | 'missing';
  name: string;
  directory: string;
  /** Calibrated thresholds per objective; null without a scorer. */
  thresholds: Record<string, number> | null;
  /** Training files named in the model's manifest (file names only); empty when unknown. */
  trainingSources: string[];
}

export interface DemoGateway {
  /** Base URL for OpenAI clients, ending in /v1. */
  baseURL: string;
  clientKey: string;
  adminKey: string;
  records: MemorySink;
  ladder: ModelLadder;
  built: BuiltApp;
  scorer: ScorerInfo;
  tierOfModel(model: string): SimulatedTier | undefined;
  close(): Promise<void>;
}

export interface DemoGatewayOptions {
  latencyScale: number;
  respond: FakeResponder;
  /** A scorer model directory; default: the shipped model, or none when it is missing. */
  scorerModelDir?: string;
}

const CLIENT_KEY_ENV = 'RUNG_DEMO_CLIENT_KEY';

export async function startDemoGateway(options: DemoGatewayOptions): Promise<DemoGateway> {
  const ladder = await startModelLadder({ latencyScale: options.latencyScale, respond: options.respond });
  try {
    const clientKey = `rung-demo-${randomBytes(12).toString('hex')}`;
    const adminKey = `rung-demo-admin-${randomBytes(12).toString('hex')}`;
    const directory = options.scorerModelDir ?? DEFAULT_MODEL_DIRECTORY;
    const scorerPresent = options.scorerModelDir !== undefined || existsSync(join(DEFAULT_MODEL_DIRECTORY, MANIFEST_FILE));
    const env = { [CLIENT_KEY_ENV]: clientKey };
    const config = parseConfig(demoConfig(ladder, adminKey, scorerPresent ? options.scorerModelDir : null), 'demo', env);
    const records = new MemorySink();
    const built = await buildApp(config, { records, env });
    const address = await built.app.listen({ port: 0, host: '127.0.0.1' });
    const tiers = new Map(ladder.rungs.map((rung) => [rung.model, rung.tier]));
    const loaded = built.runtime.scorer;
    const scorer: ScorerInfo = {
      state: loaded === null ? 'missing' : 'loaded',
      name: loaded instanceof Scorer ? loaded.manifest.name : loaded === null ? SHIPPED_MODEL_NAME : 'custom scorer',
      directory,
      thresholds: loaded === null ? null : { ...loaded.thresholds },
      trainingSources: loaded instanceof Scorer ? loaded.manifest.training.sources.map((source) => source.name) : [],
    };
    return {
      baseURL: `${address}/v1`,
      clientKey,
      adminKey,
      records,
      ladder,
      built,
      scorer,
      tierOfModel: (model) => tiers.get(model),
      async close() {
        await built.app.close();
        await ladder.close();
      },
    };
  } catch (error) {
    await ladder.close();
    throw error;
  }
}

/**
 * The demo's config document. `modelDir`: undefined = the shipped model, a path = that model,
 * null = scorer off (the shipped model is not there yet).
 */
function demoConfig(ladder: ModelLadder, adminKey: string, modelDir: string | null | undefined): Record<string, unknown> {
  return {
    server: { admin_key: adminKey, request_log: 'off' },
    providers: ladder.config.providers.map((provider) => ({ ...provider })),
    deployments: ladder.config.deployments,
    keys: [{ id: 'demo-client', key_env: CLIENT_KEY_ENV, workspace: 'demo', agent: 'demo-workload' }],
    policies: {
      // Cheapest first; an answer that fails a validator (or a step that errors) escalates.
      [POLICY_NAMES.cascade]: {
        description: 'small model first, escalate to mid, then premium, when a validator fails',
        strategy: {
          type: 'cascade',
          steps: [['sim-small'], ['sim-mid'], ['sim-premium']],
          validators: [
            { type: 'non_empty' },
            { type: 'not_refusal' },
            { type: 'not_truncated' },
            { type: 'min_length', min_chars: 80 },
            { type: 'tool_arguments' },
          ],
        },
      },
      // Classic ordered fallback across three providers; one attempt each, so faults move on at once.
      [POLICY_NAMES.chain]: {
        description: 'premium first, then mid, then light, when a provider fails',
        strategy: { type: 'priority', targets: ['sim-premium', 'sim-mid', 'sim-light'] },
        retry: { attempts_per_target: 1 },
      },
    },
    scorer: modelDir === null ? { enabled: false } : modelDir === undefined ? {} : { model_dir: modelDir },
    // The demo leaves nothing on disk.
    store: { driver: 'memory' },
  };
}
