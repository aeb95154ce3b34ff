// The HTTP half every adapter shares: POST a JSON body, turn a non-2xx answer into a typed
// upstream error, and hand back either the parsed JSON body or the server-sent events.
import { RungError } from '../errors/rung-error.ts';
import { readErrorBody, type ErrorBodyFacts } from './error-body.ts';
import { upstreamHttpError } from './http-errors.ts';
import type { CallContext, ProviderSettings } from './spec.ts';
import { HttpTransport, type UpstreamResponse } from './transport/http-transport.ts';
import type { SseEvent } from './transport/sse-parser.ts';

/** Error bodies are read up to this size; the rest is dropped (a message needs a few hundred bytes). */
const ERROR_BODY_LIMIT_BYTES = 64 * 1024;
/** Bodies larger than this are not a chat completion (and would be cut, failing JSON parsing). */
const SUCCESS_BODY_LIMIT_BYTES = 32 * 1024 * 1024;

export class ProviderHttp {
  private readonly transport: HttpTransport;
  // The request headers of every call, merged once: they depend only on the adapter and the
  // provider's settings (configured headers win over the adapter's, which win over the defaults).
  private readonly jsonHeaders: Readonly<Record<string, string>>;
  private readonly eventHeaders: Readonly<Record<string, string>>;

  /** `adapterHeaders`: what the adapter sends on every call (its auth header, an API version). */
  constructor(
    private readonly settings: ProviderSettings,
    adapterHeaders: Readonly<Record<string, string>> = {},
  ) {
    this.transport = new HttpTransport({
      provider: settings.id,
      timeouts: settings.timeouts,
      maxConnections: settings.maxConnections,
    });
    const merged = (accept: string) => Object.freeze({ 'content-type': 'application/json', accept, ...adapterHeaders, ...settings.headers });
    this.jsonHeaders = merged('application/json');
    this.eventHeaders = merged('text/event-stream');
  }

  /** POSTs `body` and returns the parsed JSON of a 2xx answer. */
  async postForJson(url: URL, body: unknown, context: CallContext): Promise<unknown> {
    const response = await this.send(url, this.jsonHeaders, body, context);
    const text = await response.readText(SUCCESS_BODY_LIMIT_BYTES);
    return parseJsonOrThrow(text, this.settings.id, 'response body');
  }

  /** POSTs `body` and, once a 2xx answer's headers arrived, returns its server-sent events. */
  async postForEvents(url: URL, body: unknown, context: CallContext): Promise<AsyncGenerator<SseEvent, void, undefined>> {
    const response = await this.send(url, this.eventHeaders, body, context);
    return response.sseEvents();
  }

  close(): Promise<void> {
    return this.transport.close();
  }

  private async send(url: URL, headers: Readonly<Record<string, string>>, body: unknown, context: CallContext): Promise<UpstreamResponse> {
    const response = await this.transport.postJson(url, headers, JSON.stringify(body), context.signal, context.deadlineMs);
    if (response.statusCode >= 200 && response.statusCode < 300) return response;
    let facts: ErrorBodyFacts = { message: undefined, labels: [], retryAfterMs: undefined };
    try {
      facts = readErrorBody(await response.readText(ERROR_BODY_LIMIT_BYTES));
    } catch {
      // The error body could not be read (cut, idle); the status alone still classifies the failure.
    }
    throw upstreamHttpError({
      provider: this.settings.id,
      status: response.statusCode,
      headers: response.headers,
      facts,
      secret: this.settings.apiKey,
    });
  }
}

/** Parses JSON from upstream; anything unparsable is a malformed_response. */
export function parseJsonOrThrow(text: string, provider: string, what: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new RungError('malformed_response', `${provider}: ${what} is not valid JSON`, { provider, cause: error });
  }
}
