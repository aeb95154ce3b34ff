// Maps what undici and the socket layer throw into upstream error classes. Messages name the
// failure kind only (never the URL's query or any header), so they are safe to show a client.
import { RungError } from '../../errors/rung-error.ts';
import type { UpstreamErrorClass } from '../../errors/catalogue.ts';

interface ErrorKind {
  code: UpstreamErrorClass;
  what: string;
}

const KINDS_BY_CODE: Readonly<Record<string, ErrorKind>> = {
  UND_ERR_CONNECT_TIMEOUT: { code: 'timeout', what: 'connect timeout' },
  UND_ERR_HEADERS_TIMEOUT: { code: 'timeout', what: 'no response headers within the first-byte timeout' },
  UND_ERR_BODY_TIMEOUT: { code: 'timeout', what: 'stream idle for longer than the idle timeout' },
  ETIMEDOUT: { code: 'timeout', what: 'connect timeout (ETIMEDOUT)' },
  ECONNREFUSED: { code: 'connection', what: 'connection refused' },
  ECONNRESET: { code: 'connection', what: 'connection reset' },
  EPIPE: { code: 'connection', what: 'connection closed while sending (EPIPE)' },
  ENOTFOUND: { code: 'connection', what: 'host not found' },
  EAI_AGAIN: { code: 'connection', what: 'DNS lookup failed' },
  EHOSTUNREACH: { code: 'connection', what: 'host unreachable' },
  ENETUNREACH: { code: 'connection', what: 'network unreachable' },
  UND_ERR_SOCKET: { code: 'connection', what: 'socket closed by the other side' },
  UND_ERR_CLOSED: { code: 'connection', what: 'connection pool closed' },
  UND_ERR_DESTROYED: { code: 'connection', what: 'connection pool destroyed' },
  UND_ERR_ABORTED: { code: 'connection', what: 'request aborted' },
  UND_ERR_ABORT: { code: 'connection', what: 'request aborted' },
  ABORT_ERR: { code: 'connection', what: 'request aborted' },
  ERR_STREAM_PREMATURE_CLOSE: { code: 'connection', what: 'response ended prematurely' },
  UND_ERR_RES_CONTENT_LENGTH_MISMATCH: { code: 'connection', what: 'response shorter than its content-length' },
};

function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') return code;
  // Happy-eyeballs connects fail with an AggregateError holding one error per address.
  if (error instanceof AggregateError) return errorCode(error.errors[0]);
  return undefined;
}

/** Turns any transport failure into a RungError; RungErrors (abort reasons) pass through unchanged. */
export function toTransportError(error: unknown, provider: string): RungError {
  if (error instanceof RungError) return error;
  const code = errorCode(error);
  const kind = code === undefined ? undefined : KINDS_BY_CODE[code];
  if (kind !== undefined) {
    return new RungError(kind.code, `${provider}: ${kind.what}`, { provider, cause: error });
  }
  if (code?.startsWith('HPE_') === true) {
    return new RungError('malformed_response', `${provider}: invalid HTTP response (${code})`, { provider, cause: error });
  }
  // Anything else from the socket layer still means the call did not complete over the wire.
  return new RungError('connection', `${provider}: connection failed${code === undefined ? '' : ` (${code})`}`, {
    provider,
    cause: error,
  });
}
