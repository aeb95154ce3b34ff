import type { FastifyReply } from 'fastify';
import type { RungError } from '../errors/rung-error.ts';

/** Sends a RungError as an OpenAI-style error body with its status (and Retry-After when known). */
export function sendError(reply: FastifyReply, error: RungError): FastifyReply {
  if (error.retryAfterMs !== undefined) void reply.header('retry-after', String(Math.max(1, Math.ceil(error.retryAfterMs / 1000))));
  return reply.code(error.status).type('application/json').send(error.toBody());
}
