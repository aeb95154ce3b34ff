// Settings and helpers shared by the adapter tests.
import type { StreamEvent } from '../../../src/chat/types.ts';
import { RungError } from '../../../src/errors/rung-error.ts';
import type { CallContext, ProviderSettings, ProviderType } from '../../../src/providers/spec.ts';

export const API_KEY = 'sk-test-SECRET-key-0123456789abcdef';

export function settingsFor(type: ProviderType, baseUrl: string, overrides: Partial<ProviderSettings> = {}): ProviderSettings {
  return {
    id: `${type}-test`,
    type,
    baseUrl,
    apiKey: API_KEY,
    timeouts: { connectMs: 2_000, firstByteMs: 5_000, idleMs: 5_000, totalMs: 20_000 },
    maxConnections: 4,
    ...overrides,
  };
}

export function callContext(signal: AbortSignal = new AbortController().signal): CallContext {
  return { signal, requestId: 'req-test-1' };
}

export async function collect(events: AsyncIterable<StreamEvent>): Promise<StreamEvent[]> {
  const result: StreamEvent[] = [];
  for await (const event of events) result.push(event);
  return result;
}

/** Runs `action`, expects a RungError, and returns it. */
export async function rungErrorFrom(action: () => Promise<unknown>): Promise<RungError> {
  try {
    await action();
  } catch (error) {
    if (error instanceof RungError) return error;
    throw new Error(`expected a RungError, got ${String(error)}`, { cause: error });
  }
  throw new Error('expected a RungError, but the call succeeded');
}
