// Shared parts for policy tests: a real validated config and catalogue (providers in the US, the
// EU and one with no region), and signals built by the real header parser.
import { parseConfig } from '../../src/config/load.ts';
import type { RungConfig } from '../../src/config/schema.ts';
import type { BudgetState } from '../../src/config/policy-schema.ts';
import type { ChatRequest } from '../../src/chat/types.ts';
import { Catalog } from '../../src/routing/catalog.ts';
import { gatherSignals, type KeyInput, type RequestSignals } from '../../src/policy/signals.ts';
import type { HeaderBag } from '../../src/policy/signal-headers.ts';

const DIGEST = 'a'.repeat(64);

export function policyTestConfig(): RungConfig {
  const deployment = (id: string, provider: string, tier: string, paid = true) => ({
    id,
    provider,
    model: id,
    price: { input_per_mtok: 1, output_per_mtok: 1 },
    context_window: 128_000,
    tier,
    paid,
  });
  return parseConfig(
    {
      providers: [
        { id: 'openai-us', type: 'openai', base_url: 'http://127.0.0.1:1/v1', region: 'us' },
        { id: 'anthropic-us', type: 'anthropic', base_url: 'http://127.0.0.1:2', region: 'us' },
        { id: 'mistral-eu', type: 'openai_compatible', base_url: 'http://127.0.0.1:3/v1', region: 'eu' },
        { id: 'google-eu', type: 'google', base_url: 'http://127.0.0.1:4', region: 'eu' },
        { id: 'local', type: 'openai_compatible', base_url: 'http://127.0.0.1:5/v1' },
      ],
      deployments: [
        deployment('gpt-4o', 'openai-us', 'premium'),
        deployment('claude-sonnet', 'anthropic-us', 'mid'),
        deployment('gpt-4o-mini', 'openai-us', 'light'),
        deployment('claude-haiku', 'anthropic-us', 'light'),
        deployment('mistral-large', 'mistral-eu', 'mid'),
        deployment('gemini-flash', 'google-eu', 'light'),
        deployment('llama-local', 'local', 'local', false),
      ],
      aliases: { fast: 'gpt-4o-mini', smart: 'quality_first' },
      policies: {
        balanced: { strategy: { type: 'priority', targets: ['claude-sonnet', 'gpt-4o-mini'] } },
        cost_optimized: { strategy: { type: 'lowest_cost', targets: ['gpt-4o-mini', 'claude-haiku', 'llama-local'] } },
        quality_first: { strategy: { type: 'priority', targets: ['gpt-4o', { type: 'round_robin', targets: ['claude-sonnet', 'mistral-large'] }] } },
      },
      keys: [
        { id: 'intern-bot', key_sha256: DIGEST },
        { id: 'research-key', key_sha256: DIGEST, workspace: 'research' },
      ],
    },
    '(policy test)',
    {},
  );
}

export function policyTestCatalog(): Catalog {
  return new Catalog(policyTestConfig());
}

export interface SignalOptions {
  headers?: HeaderBag;
  metadata?: Record<string, string>;
  key?: KeyInput | null;
  model?: string;
  tokens?: number;
  scorer?: { score: number; taskClass?: string } | null;
  budget?: BudgetState;
  request?: Partial<Pick<ChatRequest, 'messages' | 'tools' | 'responseFormat' | 'user'>>;
}

/** Signals through the real gatherer; defaults describe a plain text request from no key. */
export function signalsFor(options: SignalOptions = {}): RequestSignals {
  return gatherSignals({
    headers: options.headers ?? {},
    metadata: options.metadata ?? {},
    key: options.key ?? null,
    request: { messages: [{ role: 'user', content: [{ type: 'text', text: 'hello' }] }], ...options.request },
    model: options.model ?? 'rung/auto',
    tokens: options.tokens ?? 100,
    scorer: options.scorer ?? null,
    budget: options.budget ?? 'ok',
  });
}
