// Starts real fake providers (OpenAI, Anthropic, Gemini) on 127.0.0.1, a gateway on a real socket
// in front of them, and an official `openai` SDK client pointed at it.
import OpenAI from 'openai';
import { startFakeProvider } from '../../src/fakes/server.ts';
import type { FakeProvider, FakeProviderOptions } from '../../src/fakes/types.ts';
import { parseConfig } from '../../src/config/load.ts';
import { buildApp, type BuiltApp } from '../../src/gateway/app.ts';
import { MemorySink } from '../../src/records/sinks.ts';
import type { RungConfig } from '../../src/config/schema.ts';
import type { Clock } from '../../src/resilience/clock.ts';
import type { ComplexityScorer } from '../../src/scorer/complexity-scorer.ts';

export const CLIENT_KEY = 'rung-test-client-key';
export const ADMIN_KEY = 'rung-test-admin-key-0123456789';
export const PROVIDER_KEYS = { openai: 'sk-openai-SECRET-000111', anthropic: 'sk-ant-SECRET-000222', google: 'AIzaSECRET-google-0003334445556667' };

export interface Harness {
  fakes: { openai: FakeProvider; anthropic: FakeProvider; google: FakeProvider };
  built: BuiltApp;
  config: RungConfig;
  records: MemorySink;
  baseURL: string;
  client: OpenAI;
  clientWithKey(key: string): OpenAI;
  close(): Promise<void>;
}

export interface HarnessOptions {
  /** Extra config merged over the defaults (policies, keys, resilience, server...). */
  config?: (base: Record<string, unknown>) => Record<string, unknown>;
  fake?: Partial<Record<'openai' | 'anthropic' | 'google', Partial<FakeProviderOptions>>>;
  clock?: Clock;
  random?: () => number;
  /** Extra environment for key_env lookups. */
  env?: Record<string, string>;
  /** A scorer to use instead of loading one from config. */
  scorer?: ComplexityScorer | null;
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const fakes = {
    openai: await startFakeProvider({ kind: 'openai', apiKey: PROVIDER_KEYS.openai, ...options.fake?.openai }),
    anthropic: await startFakeProvider({ kind: 'anthropic', apiKey: PROVIDER_KEYS.anthropic, ...options.fake?.anthropic }),
    google: await startFakeProvider({ kind: 'google', apiKey: PROVIDER_KEYS.google, ...options.fake?.google }),
  };
  const fast = { connect_ms: 2000, first_byte_ms: 5000, idle_ms: 1000, total_ms: 20000 };
  const base: Record<string, unknown> = {
    server: { admin_key: ADMIN_KEY, request_log: 'off' },
    scorer: { enabled: false },
    store: { driver: 'memory' },
    providers: [
      { id: 'openai', type: 'openai', base_url: fakes.openai.url, api_key: PROVIDER_KEYS.openai, timeouts: fast, region: 'us' },
      { id: 'anthropic', type: 'anthropic', base_url: fakes.anthropic.origin, api_key: PROVIDER_KEYS.anthropic, timeouts: fast, region: 'us' },
      { id: 'google', type: 'google', base_url: fakes.google.origin, api_key: PROVIDER_KEYS.google, timeouts: fast, region: 'eu' },
    ],
    deployments: [
      { id: 'gpt-big', provider: 'openai', model: 'gpt-big', price: { input_per_mtok: 2.5, output_per_mtok: 10 }, context_window: 128000, tier: 'premium' },
      { id: 'claude-mid', provider: 'anthropic', model: 'claude-mid', price: { input_per_mtok: 3, output_per_mtok: 15 }, context_window: 200000, tier: 'mid' },
      { id: 'gemini-light', provider: 'google', model: 'gemini-light', price: { input_per_mtok: 0.1, output_per_mtok: 0.4 }, context_window: 1000000, tier: 'light' },
    ],
    keys: [{ id: 'test-key', key_env: 'RUNG_TEST_CLIENT_KEY', workspace: 'ws', department: 'dept', agent: 'agent-1' }],
    policies: {
      chain: {
        strategy: { type: 'priority', targets: ['gpt-big', 'claude-mid', 'gemini-light'] },
        retry: { attempts_per_target: 1, base_delay_ms: 1, max_delay_ms: 5 },
      },
    },
  };
  const document = options.config ? options.config(base) : base;
  const env = { RUNG_TEST_CLIENT_KEY: CLIENT_KEY, ...options.env };
  const config = parseConfig(document, 'harness', env);
  const records = new MemorySink();
  const built = await buildApp(config, { records, env, clock: options.clock, random: options.random, ...(options.scorer === undefined ? {} : { scorer: options.scorer }) });
  const address = await built.app.listen({ port: 0, host: '127.0.0.1' });
  const baseURL = `${address}/v1`;
  const clientWithKey = (key: string) => new OpenAI({ apiKey: key, baseURL, maxRetries: 0, timeout: 15_000 });
  return {
    fakes,
    built,
    config,
    records,
    baseURL,
    client: clientWithKey(CLIENT_KEY),
    clientWithKey,
    async close() {
      await built.app.close();
      await Promise.all(Object.values(fakes).map((fake) => fake.close()));
    },
  };
}
