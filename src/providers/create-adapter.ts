// Builds the adapter for a provider's `type`. The switch is exhaustive: a new ProviderType fails
// to compile until it has an adapter.
import { AnthropicAdapter } from './anthropic/adapter.ts';
import { GoogleAdapter } from './google/adapter.ts';
import { OpenAICompatibleAdapter } from './openai-compatible/adapter.ts';
import type { ProviderAdapter, ProviderSettings } from './spec.ts';

export function createProviderAdapter(settings: ProviderSettings): ProviderAdapter {
  switch (settings.type) {
    case 'openai':
    case 'openai_compatible':
      return new OpenAICompatibleAdapter(settings);
    case 'anthropic':
      return new AnthropicAdapter(settings);
    case 'google':
      return new GoogleAdapter(settings);
  }
}
