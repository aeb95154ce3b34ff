// Opens a provider stream and reads until the first content event, so that every failure before
// content reaches the client can still fall back transparently.
import type { ChatRequest, StreamEvent } from '../../chat/types.ts';
import type { CallContext, ProviderAdapter } from '../../providers/spec.ts';
import { RungError } from '../../errors/rung-error.ts';

export interface StartedStream {
  iterator: AsyncIterator<StreamEvent>;
  /** Events read so far, the last of them the first content event (or the finish). */
  buffered: StreamEvent[];
}

export async function startStream(adapter: ProviderAdapter, request: ChatRequest, context: CallContext): Promise<StartedStream> {
  const iterable = await adapter.doStream(request, context);
  const iterator = iterable[Symbol.asyncIterator]();
  const buffered: StreamEvent[] = [];
  try {
    for (;;) {
      const next = await iterator.next();
      if (next.done === true) throw new RungError('malformed_response', 'the stream ended before any content', { provider: adapter.providerId });
      buffered.push(next.value);
      if (next.value.type !== 'logprobs') return { iterator, buffered };
    }
  } catch (error) {
    await iterator.return?.().catch(() => undefined);
    throw error;
  }
}
