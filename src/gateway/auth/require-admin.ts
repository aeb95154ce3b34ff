// The one admin check every admin route uses: the admin key as a Bearer token, or the dashboard's
// session cookie when the app has one. Failures answer 401 `admin_key_required`.
import type { FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import { errorFromFastify } from '../openai-api/render-error.ts';
import type { GatewayRuntime } from '../runtime.ts';
import { sendError } from '../send-error.ts';
import { checkAdminKey } from './virtual-keys.ts';

export interface AdminAccess {
  runtime: Pick<GatewayRuntime, 'config'>;
  /** The dashboard's cookie session; a request is admin when this or the admin key says so. */
  isAdminSession?: (request: FastifyRequest) => boolean | Promise<boolean>;
}

/** A preHandler that answers 401 `admin_key_required` unless the session or the admin key passes. */
export function requireAdmin(access: AdminAccess): preHandlerAsyncHookHandler {
  return async (request, reply) => {
    if (access.isAdminSession !== undefined && (await access.isAdminSession(request))) return;
    try {
      checkAdminKey(access.runtime.config, request.headers.authorization);
    } catch (error) {
      // Returning the reply from an async hook tells fastify the response is sent: the handler is skipped.
      return answerError(reply, error);
    }
    return undefined;
  };
}

/** Every failure as the OpenAI-shaped error body; unexpected ones without their internals. */
export function answerError(reply: FastifyReply, error: unknown): FastifyReply {
  return sendError(reply, errorFromFastify(error));
}
