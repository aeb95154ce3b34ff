// A simulated model ladder for the demo and the benchmark: four fake providers, one per tier,
// each speaking a different API, with latencies shaped like real ones, plus the matching Rung
// config fragment. Every id and model name starts with "sim-": these are not real models, and the
// prices are catalogue-like figures for the simulation, not quotes.
import type { z } from 'zod';
import type { DeploymentSchema, ProviderSchema } from '../config/schema.ts';
import { startFakeProvider } from './server.ts';
import type { FakeProvider, FakeProviderKind, FakeResponder } from './types.ts';

type ProviderConfigInput = z.input<typeof ProviderSchema>;
type DeploymentConfigInput = z.input<typeof DeploymentSchema>;

type LadderTier = 'premium' | 'mid' | 'light' | 'small';

/** One provider entry of the config fragment (checked against the config schema's input type below). */
export interface LadderProviderConfig {
  id: string;
  type: 'openai' | 'openai_compatible' | 'anthropic' | 'google';
  base_url: string;
  api_key: string;
}

/** One deployment entry of the config fragment. */
export interface LadderDeploymentConfig {
  id: string;
  provider: string;
  model: string;
  price: { input_per_mtok: number; output_per_mtok: number };
  context_window: number;
  max_output_tokens: number;
  capabilities: { tools: boolean; vision: boolean; json_schema: boolean; streaming: boolean; logprobs: boolean };
  tier: LadderTier;
  paid: boolean;
}

interface RungSpec {
  tier: LadderTier;
  kind: FakeProviderKind;
  providerType: LadderProviderConfig['type'];
  providerId: string;
  deploymentId: string;
  model: string;
  /** USD per 1M tokens. */
  price: { input_per_mtok: number; output_per_mtok: number };
  contextWindow: number;
  maxOutputTokens: number;
  vision: boolean;
  logprobs: boolean;
  /** Before the first byte, and between stream events, at scale 1. */
  latencyMs: number;
  chunkDelayMs: number;
}

/**
 * Most capable first. Prices sit inside the usual ladder (premium tens of dollars per 1M tokens,
 * mid around ten, light around one, small cents), so price-based tier inference agrees with the
 * explicit tiers.
 */
const RUNGS: readonly RungSpec[] = [
  {
    tier: 'premium', kind: 'openai', providerType: 'openai', providerId: 'sim-openai', deploymentId: 'sim-premium',
    model: 'sim-premium-4o', price: { input_per_mtok: 10, output_per_mtok: 30 }, contextWindow: 128_000,
    maxOutputTokens: 16_384, vision: true, logprobs: true, latencyMs: 40, chunkDelayMs: 3,
  },
  {
    tier: 'mid', kind: 'anthropic', providerType: 'anthropic', providerId: 'sim-anthropic', deploymentId: 'sim-mid',
    model: 'sim-mid-sonnet', price: { input_per_mtok: 3, output_per_mtok: 15 }, contextWindow: 200_000,
    maxOutputTokens: 8_192, vision: true, logprobs: false, latencyMs: 30, chunkDelayMs: 2,
  },
  {
    tier: 'light', kind: 'google', providerType: 'google', providerId: 'sim-google', deploymentId: 'sim-light',
    model: 'sim-light-flash', price: { input_per_mtok: 0.8, output_per_mtok: 4 }, contextWindow: 1_048_576,
    maxOutputTokens: 8_192, vision: true, logprobs: false, latencyMs: 15, chunkDelayMs: 1,
  },
  {
    tier: 'small', kind: 'openai', providerType: 'openai_compatible', providerId: 'sim-small-host', deploymentId: 'sim-small',
    model: 'sim-small-8b', price: { input_per_mtok: 0.1, output_per_mtok: 0.4 }, contextWindow: 32_768,
    maxOutputTokens: 4_096, vision: false, logprobs: true, latencyMs: 5, chunkDelayMs: 1,
  },
];

export interface ModelLadderOptions {
  /** Multiplies every simulated latency; 0 removes them (the benchmark). Default 1. */
  latencyScale?: number;
  /** Passed to every fake (default true); the benchmark turns it off. */
  record?: boolean;
  /** One responder for every rung; default: each fake's deterministic default responder. */
  respond?: FakeResponder;
  host?: string;
}

export interface LadderRung {
  tier: LadderTier;
  providerId: string;
  deploymentId: string;
  /** The upstream model name the fake expects. */
  model: string;
  fake: FakeProvider;
}

export interface ModelLadder {
  /** Most capable first. */
  rungs: LadderRung[];
  /** `providers` and `deployments` for a Rung config (the shape of rung.config.yaml, before defaults). */
  config: { providers: LadderProviderConfig[]; deployments: LadderDeploymentConfig[] };
  rung(tier: LadderTier): LadderRung;
  /** Resets every fake (records, counters, faults, responders). */
  reset(): void;
  close(): Promise<void>;
}

export async function startModelLadder(options: ModelLadderOptions = {}): Promise<ModelLadder> {
  const scale = options.latencyScale ?? 1;
  if (!(scale >= 0)) throw new RangeError(`latencyScale must be >= 0, got ${scale}`);
  const started = await Promise.allSettled(RUNGS.map((spec) => startFakeProvider({
    kind: spec.kind,
    apiKey: `${spec.providerId}-key`,
    models: [spec.model],
    contextWindowTokens: spec.contextWindow,
    latencyMs: spec.latencyMs * scale,
    chunkDelayMs: spec.chunkDelayMs * scale,
    ...(options.respond === undefined ? {} : { respond: options.respond }),
    ...(options.record === undefined ? {} : { record: options.record }),
    ...(options.host === undefined ? {} : { host: options.host }),
  })));
  const fakes = started.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  const failure = started.find((result) => result.status === 'rejected');
  if (failure !== undefined) {
    await Promise.all(fakes.map((fake) => fake.close()));
    throw (failure as PromiseRejectedResult).reason;
  }
  const rungs = RUNGS.map((spec, position): LadderRung => {
    const fake = fakes[position];
    if (fake === undefined) throw new Error('model ladder: a fake provider is missing');
    return { tier: spec.tier, providerId: spec.providerId, deploymentId: spec.deploymentId, model: spec.model, fake };
  });
  const config = {
    providers: RUNGS.map((spec, position): LadderProviderConfig => ({
      id: spec.providerId,
      type: spec.providerType,
      // Rung's OpenAI-style providers take the base URL with `/v1`; Anthropic and Gemini take the bare origin.
      base_url: (spec.providerType === 'anthropic' || spec.providerType === 'google' ? rungs[position]?.fake.origin : rungs[position]?.fake.url) ?? '',
      api_key: `${spec.providerId}-key`,
    })),
    deployments: RUNGS.map((spec): LadderDeploymentConfig => ({
      id: spec.deploymentId,
      provider: spec.providerId,
      model: spec.model,
      price: { ...spec.price },
      context_window: spec.contextWindow,
      max_output_tokens: spec.maxOutputTokens,
      capabilities: { tools: true, vision: spec.vision, json_schema: true, streaming: true, logprobs: spec.logprobs },
      // Explicit tiers; price inference would give the same ones (test/fakes checks the ladder config).
      tier: spec.tier,
      paid: true,
    })),
  } satisfies { providers: ProviderConfigInput[]; deployments: DeploymentConfigInput[] };
  return {
    rungs,
    config,
    rung(tier) {
      const found = rungs.find((rung) => rung.tier === tier);
      if (found === undefined) throw new RangeError(`model ladder has no "${tier}" rung`);
      return found;
    },
    reset() {
      for (const rung of rungs) rung.fake.reset();
    },
    async close() {
      await Promise.all(rungs.map((rung) => rung.fake.close()));
    },
  };
}
