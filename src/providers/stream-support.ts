// Small pieces the three stream readers share.
import type { RungError } from '../errors/rung-error.ts';
import { readErrorPayload } from './error-body.ts';
import { upstreamStreamError } from './http-errors.ts';

/** Who a stream belongs to: the provider id for errors, and the key to scrub from their messages. */
export interface StreamSource {
  provider: string;
  secret?: string;
}

/** Whether a parsed chunk is an error report (`{"error": {...}}`) rather than data. */
export function isErrorChunk(payload: unknown): boolean {
  return typeof payload === 'object' && payload !== null && (payload as { error?: unknown }).error != null;
}

/**
 * The RungError for an error chunk inside a 200 stream (OpenAI, compatible servers, Gemini). It is
 * classified by the HTTP status its body names (Gemini, vLLM) and otherwise as a server error.
 */
export function errorChunkToRungError(payload: unknown, source: StreamSource): RungError {
  const facts = readErrorPayload(payload);
  return upstreamStreamError({ provider: source.provider, equivalentStatus: facts.statusInBody ?? 500, facts, secret: source.secret });
}
