// Pure translation between Rung's internal chat shape and OpenAI's Chat Completions wire format.
// Used by the OpenAI-compatible adapter and by the gateway; nothing here does I/O.
export { toOpenAIRequestBody } from './to-request-body.ts';
export { fromOpenAIResponse, type WireErrorSource } from './from-response.ts';
export { fromOpenAIChunk, parseOpenAIChunk, type OpenAIChunkParts } from './from-chunk.ts';
export { OpenAIStreamDecoder } from './stream-decoder.ts';
export { mapOpenAIFinishReason } from './finish-reason.ts';
export type * from './wire-types.ts';
