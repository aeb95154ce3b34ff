// Rung configs of the benchmark rows, as plain documents (the same shape as rung.config.yaml),
// written to JSON files the `rung serve` child loads. Provider timeouts stay at their defaults.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Environment variable holding the client's Rung virtual key (auth stays on, as in production). */
export const CLIENT_KEY_ENV = 'RUNG_BENCH_CLIENT_KEY';
export const SINGLE_DEPLOYMENT = 'bench-mini';
export const FALLBACK_POLICY = 'bench-fallback';
export const INTELLIGENT_POLICY = 'bench-intelligent';

type ConfigDocument = Record<string, unknown>;

export interface ConfigInputs {
  /** Base URL (with /v1) of the healthy fake. */
  fakeUrl: string;
  providerKey: string;
  requestLog: 'off' | 'stdout';
  /** Absolute path of a scorer model directory; absent: the shipped model. */
  scorerModelDir?: string;
}

function provider(id: string, url: string, apiKey: string): ConfigDocument {
  return { id, type: 'openai', base_url: url, api_key: apiKey };
}

function deployment(id: string, providerId: string, model: string, tier = 'light'): ConfigDocument {
  const premium = tier === 'premium';
  return {
    id,
    provider: providerId,
    model,
    price: premium ? { input_per_mtok: 2.5, output_per_mtok: 10 } : { input_per_mtok: 0.15, output_per_mtok: 0.6 },
    context_window: 128_000,
    tier,
  };
}

/**
 * Shared settings. The complexity scorer is off unless a row routes by score: only score-driven
 * (`intelligent`) routes call it, so for the other rows it would change only boot time and memory.
 */
function base(inputs: ConfigInputs): ConfigDocument {
  return {
    server: { request_log: inputs.requestLog },
    keys: [{ id: 'bench-client', key_env: CLIENT_KEY_ENV }],
    scorer: { enabled: false },
    // No `store:` here: every row keeps its request log in the default SQLite store, as a
    // deployment does, in a file of the scratch folder (targets.ts), unless the row says otherwise.
  };
}

/** One deployment, addressed directly as `model`. */
export function singleRouteConfig(inputs: ConfigInputs): ConfigDocument {
  return {
    ...base(inputs),
    providers: [provider('fake', inputs.fakeUrl, inputs.providerKey)],
    deployments: [deployment(SINGLE_DEPLOYMENT, 'fake', 'gpt-4o-mini')],
  };
}

/**
 * A three-target priority policy whose first target is a flaky fake (a 503 on a seeded 20% of
 * requests). One attempt per target, so each 503 falls straight back to target 2. The breaker is
 * set so it never opens: with the defaults (5 consecutive failures) a 20% random failure rate
 * trips it every few thousand requests, and the row would then measure the skip path instead of
 * the fallback path it exists for.
 */
export function fallbackConfig(inputs: ConfigInputs, flakyUrl: string): ConfigDocument {
  return {
    ...base(inputs),
    providers: [provider('flaky', flakyUrl, inputs.providerKey), provider('fake', inputs.fakeUrl, inputs.providerKey)],
    deployments: [
      deployment('flaky-mini', 'flaky', 'gpt-4o-mini'),
      deployment('backup-mini', 'fake', 'gpt-4o-mini'),
      deployment('backup-large', 'fake', 'gpt-4o', 'premium'),
    ],
    policies: {
      [FALLBACK_POLICY]: {
        strategy: { type: 'priority', targets: ['flaky-mini', 'backup-mini', 'backup-large'] },
        retry: { attempts_per_target: 1 },
      },
    },
    resilience: { breaker: { consecutive_failures: 1_000_000_000, failure_rate: 1, min_requests: 1_000_000_000 } },
  };
}

/**
 * A score-driven policy over a light and a premium deployment (both on the healthy fake), with the
 * shipped scorer model loaded: every request is scored in-process before it is routed.
 */
export function intelligentConfig(inputs: ConfigInputs): ConfigDocument {
  return {
    ...base(inputs),
    scorer: { enabled: true, ...(inputs.scorerModelDir === undefined ? {} : { model_dir: inputs.scorerModelDir }) },
    providers: [provider('fake', inputs.fakeUrl, inputs.providerKey)],
    deployments: [deployment('bench-mini', 'fake', 'gpt-4o-mini'), deployment('bench-large', 'fake', 'gpt-4o', 'premium')],
    policies: {
      [INTELLIGENT_POLICY]: { strategy: { type: 'intelligent', objective: 'balanced', targets: ['bench-mini', 'bench-large'] } },
    },
  };
}

export function writeConfig(directory: string, name: string, document: ConfigDocument): string {
  const path = join(directory, `${name}.json`);
  writeFileSync(path, `${JSON.stringify(document, null, 2)}\n`);
  return path;
}
