// OpenAI-style SSE → StreamEvents. The finish is held until `data: [DONE]` (usage arrives in the
// chunk after finish_reason) and then yielded once; after it the body is drained quietly so the
// keep-alive connection can be reused. A stream that ends with neither [DONE] nor a finish_reason
// was cut and fails as `connection`.
import { OpenAIStreamDecoder } from '../../chat/openai-wire/stream-decoder.ts';
import type { StreamEvent } from '../../chat/types.ts';
import { RungError } from '../../errors/rung-error.ts';
import { parseJsonOrThrow } from '../provider-http.ts';
import { errorChunkToRungError, isErrorChunk, type StreamSource } from '../stream-support.ts';
import type { SseEvent } from '../transport/sse-parser.ts';

export async function* openAIStreamEvents(events: AsyncIterable<SseEvent>, source: StreamSource): AsyncGenerator<StreamEvent, void, undefined> {
  const { provider } = source;
  const decoder = new OpenAIStreamDecoder({ provider });
  let finished = false;
  try {
    for await (const event of events) {
      if (finished) continue;
      if (event.data.trim() === '[DONE]') {
        finished = true;
        const finish = decoder.finish(true);
        if (finish !== undefined) yield finish;
        continue;
      }
      const payload = parseJsonOrThrow(event.data, provider, 'stream chunk');
      // OpenAI and compatible servers report failures after the 200 as a chunk holding `error`.
      if (isErrorChunk(payload)) throw errorChunkToRungError(payload, source);
      yield* decoder.push(payload);
    }
  } catch (error) {
    if (!finished) throw error;
    // The answer was complete; a failure while draining the rest of the body does not matter.
    return;
  }
  if (finished) return;
  const finish = decoder.finish(false);
  if (finish === undefined) throw new RungError('connection', `${provider}: stream ended before it finished`, { provider });
  yield finish;
}
