// The provider adapter seam. An adapter turns the internal chat shape into one provider's wire
// format and back. It owns no retry, breaker or fallback logic: those are layers in `resilience/`
// and `routing/`. It must throw RungError (with an upstream error class as code) for every failure.
import type { CancelSignal } from '../chat/cancel-signal.ts';
import type { ChatRequest, ChatResult, StreamEvent } from '../chat/types.ts';

export type ProviderType = 'openai' | 'openai_compatible' | 'anthropic' | 'google';

/** All in milliseconds. */
export interface ProviderTimeouts {
  /** TCP + TLS connect. */
  connectMs: number;
  /** From sending the request until the response headers (non-streaming: the whole body) start. */
  firstByteMs: number;
  /** Longest silence allowed between two stream chunks. */
  idleMs: number;
  /** The whole call, end to end. */
  totalMs: number;
}

export interface CallContext {
  /** Aborted when the client goes away; the upstream call must stop. */
  signal: CancelSignal;
  requestId: string;
  /**
   * What is left of the route's overall deadline, in ms. The call ends with `deadline_exceeded`
   * when it runs out before the provider's own total timeout.
   */
  deadlineMs?: number;
}

export interface ProviderAdapter {
  readonly providerId: string;
  readonly type: ProviderType;
  doGenerate(request: ChatRequest, context: CallContext): Promise<ChatResult>;
  /**
   * Starts a streaming call. The promise resolves once the upstream answered with a success
   * status (so HTTP errors surface here, before any event); the iterable then yields events and
   * throws RungError on failure (timeout, cut, malformed chunk, error event).
   */
  doStream(request: ChatRequest, context: CallContext): Promise<AsyncIterable<StreamEvent>>;
  /** Releases pooled connections. */
  close(): Promise<void>;
}

export interface ProviderSettings {
  id: string;
  type: ProviderType;
  baseUrl: string;
  apiKey?: string;
  timeouts: ProviderTimeouts;
  /** Extra headers sent on every call (for example an organisation header). */
  headers?: Record<string, string>;
  /** Max open connections per origin. */
  maxConnections: number;
  /** Anthropic API version header; ignored by others. */
  apiVersion?: string;
}
