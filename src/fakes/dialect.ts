// The seam between the shared fake server and one provider's wire format. A dialect routes
// paths, checks keys, reads requests into the neutral FakeRequest, and renders replies, stream
// events and errors exactly as that provider does. It does no I/O and keeps no state.
import type { IncomingHttpHeaders } from 'node:http';
import type { ResolvedReply } from './resolved-reply.ts';
import type { FakeProviderKind, FakeRequest } from './types.ts';

/** A complete error answer: status, extra headers and the provider-shaped JSON body. */
export class ErrorReply {
  constructor(
    readonly status: number,
    readonly body: string,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {}
}

export interface ErrorDetails {
  message?: string;
  /** See StatusFault.errorType. */
  errorType?: string;
  retryAfterSeconds?: number;
  model?: string;
  /** For context-length errors. */
  promptTokens?: number;
  contextWindowTokens?: number;
}

export type Route =
  /** `model` and `stream` come from the path when the provider puts them there (Gemini). */
  | { type: 'generate'; model: string | undefined; stream: boolean | undefined }
  | { type: 'list-models' };

export interface Dialect {
  readonly kind: FakeProviderKind;
  /** Path prefix of the base URL given to clients ('/v1', '/v1beta'). */
  readonly basePath: string;
  readonly jsonContentType: string;
  readonly streamContentType: string;
  /** Undefined: no such route (the server answers `notFound`). */
  route(method: string, path: string, query: URLSearchParams): Route | ErrorReply | undefined;
  /** Undefined when the request carries `apiKey` the provider's way. */
  checkKey(headers: IncomingHttpHeaders, query: URLSearchParams, apiKey: string): ErrorReply | undefined;
  /** Undefined when the headers are acceptable (Anthropic requires `anthropic-version`). */
  checkHeaders(headers: IncomingHttpHeaders): ErrorReply | undefined;
  /** Reads a parsed JSON body; an ErrorReply is the provider's 400 for an invalid request. */
  parse(body: unknown, route: Extract<Route, { type: 'generate' }>): FakeRequest | ErrorReply;
  /** Headers sent with every answer (request ids). */
  responseHeaders(serial: string): Record<string, string>;
  error(status: number, details: ErrorDetails): ErrorReply;
  notFound(method: string, path: string): ErrorReply;
  invalidJson(): ErrorReply;
  /** Answer to a non-streaming request whose stream would have carried an error event. */
  overloaded(message: string | undefined): ErrorReply;
  render(reply: ResolvedReply, request: FakeRequest): string;
  /** Every stream event, framed (`data: ...\n\n`), in order, terminator included. */
  renderStream(reply: ResolvedReply, request: FakeRequest): string[];
  /** One framed event whose data is not valid JSON. */
  malformedEvent(): string;
  /** The provider's own in-stream error event, framed. */
  errorEvent(message: string | undefined): string;
  listModels(models: readonly string[]): string;
}
