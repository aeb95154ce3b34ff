// Gemini SSE (`:streamGenerateContent?alt=sse`) → StreamEvents. Each event is a partial
// GenerateContentResponse: text parts are deltas, function calls arrive whole (one event gives id,
// name and all arguments), usageMetadata is cumulative, and the last chunk has finishReason.
// Gemini sends no end marker, so the finish is yielded when the body ends; a body that ends
// without any finishReason was cut.
import type { FinishReason, StreamEvent, Usage } from '../../chat/types.ts';
import { RungError } from '../../errors/rung-error.ts';
import { parseJsonOrThrow } from '../provider-http.ts';
import { errorChunkToRungError, isErrorChunk, type StreamSource } from '../stream-support.ts';
import type { SseEvent } from '../transport/sse-parser.ts';
import { mapGeminiFinishReason } from './map-finish-reason.ts';
import { readGeminiResponse, syntheticCallId } from './response.ts';

export async function* geminiStreamEvents(events: AsyncIterable<SseEvent>, source: StreamSource): AsyncGenerator<StreamEvent, void, undefined> {
  const { provider } = source;
  let functionCallCount = 0;
  let rawFinishReason: string | undefined;
  let usage: Usage | undefined;
  for await (const event of events) {
    const payload = parseJsonOrThrow(event.data, provider, 'stream chunk');
    if (isErrorChunk(payload)) throw errorChunkToRungError(payload, source);
    const chunk = readGeminiResponse(payload, provider);
    if (chunk.text.length > 0) yield { type: 'text-delta', text: chunk.text };
    for (const call of chunk.functionCalls) {
      const index = functionCallCount;
      functionCallCount += 1;
      yield { type: 'tool-call-delta', index, id: syntheticCallId(index), name: call.name, argumentsDelta: call.arguments };
    }
    if (chunk.finishReason !== undefined) rawFinishReason = chunk.finishReason;
    if (chunk.usage !== undefined) usage = chunk.usage;
  }
  if (rawFinishReason === undefined) {
    throw new RungError('connection', `${provider}: stream ended before a finishReason`, { provider });
  }
  const finishReason: FinishReason = mapGeminiFinishReason(rawFinishReason, functionCallCount > 0);
  yield usage === undefined ? { type: 'finish', finishReason } : { type: 'finish', finishReason, usage };
}
