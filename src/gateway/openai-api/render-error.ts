// Error bodies for clients, and the mapping of fastify's own errors (raised before a route
// handler runs: body limit, content type, JSON syntax) onto Rung's error codes. Codes are
// fastify 5's, from node_modules/fastify/lib/errors.js; this file reads them off the error
// object and does not import fastify.
import { RungError } from '../../errors/rung-error.ts';

export type ErrorBody = ReturnType<RungError['toBody']>;

export function renderErrorBody(error: RungError): ErrorBody {
  return error.toBody();
}

/** Maps anything a fastify error handler receives to a RungError; the original is kept as `cause`. */
export function errorFromFastify(error: unknown): RungError {
  if (error instanceof RungError) return error;
  const code = readProperty(error, 'code');
  const statusCode = readProperty(error, 'statusCode');
  switch (code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new RungError('payload_too_large', 'The request body is larger than this gateway accepts (server.body_limit_bytes).', { cause: error });
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new RungError('unsupported_media_type', 'Unsupported media type: send the body as JSON with Content-Type: application/json.', { cause: error });
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new RungError('invalid_json', 'The request body is not valid JSON.', { cause: error });
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new RungError('invalid_json', 'The request body is empty; expected a JSON object.', { cause: error });
    case 'FST_ERR_NOT_FOUND':
      return new RungError('route_not_found', 'No such route.', { cause: error });
  }
  const message = error instanceof Error ? error.message : String(error);
  // A custom or older JSON body parser reports bad syntax as a SyntaxError carrying status 400.
  if (error instanceof SyntaxError && statusCode === 400) {
    return new RungError('invalid_json', `The request body is not valid JSON: ${message}`, { cause: error });
  }
  if (typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500) {
    return new RungError('invalid_request', message, { cause: error });
  }
  // The message of an unexpected failure may describe internals; the client gets a fixed one.
  return new RungError('internal_error', 'An unexpected error occurred inside the gateway.', { cause: error });
}

function readProperty(value: unknown, key: 'code' | 'statusCode'): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
}
