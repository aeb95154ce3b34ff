// GET /dashboard: the web dashboard, served by the gateway itself behind the admin key. Without a
// valid session cookie every dashboard URL answers with the login form (or 401 for files); POST
// /dashboard/login trades the admin key for the cookie (session.ts). The admin API routes accept
// the same cookie through `isDashboardSession`, so the app's fetches carry no key in JavaScript.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { fileURLToPath } from 'node:url';
import { disabledPage, loginPage, notBuiltPage, PAGE_CSP } from './login-page.ts';
import { adminKeyMatches, clearedSessionCookieHeader, createSessionValue, isDashboardSession, sessionCookieHeader } from './session.ts';
import { loadAsset } from './static-files.ts';

export { isDashboardSession } from './session.ts';

export const DASHBOARD_PATH = '/dashboard';
/**
 * Where `vite build --config src/dashboard/vite.config.ts` writes the app: src/dashboard/dist,
 * named from the repository root so it resolves the same from src/ and from the compiled dist/.
 */
export const DEFAULT_ASSETS_DIRECTORY = fileURLToPath(new URL('../../src/dashboard/dist/', import.meta.url));

/** The built app only loads from this origin, and talks only to it. */
export const APP_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

const LOGIN_BODY_LIMIT = 4096;

export interface DashboardContext {
  /** `server.admin_key`; undefined disables the dashboard. */
  adminKey: string | undefined;
  /** Where the built files are; default `src/dashboard/dist`. */
  assetsDirectory?: string;
  /** Epoch ms; default Date.now (session expiry only). */
  now?: () => number;
}

function securityHeaders(reply: FastifyReply, csp: string): FastifyReply {
  return reply
    .header('content-security-policy', csp)
    .header('x-content-type-options', 'nosniff')
    .header('referrer-policy', 'no-referrer')
    .header('x-frame-options', 'DENY');
}

function sendHtml(reply: FastifyReply, status: number, html: string): FastifyReply {
  return securityHeaders(reply, PAGE_CSP).code(status).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(html);
}

function isHttps(request: FastifyRequest): boolean {
  return request.protocol === 'https';
}

export function registerDashboard(app: FastifyInstance, context: DashboardContext): void {
  const { adminKey } = context;
  const assets = context.assetsDirectory ?? DEFAULT_ASSETS_DIRECTORY;
  const now = context.now ?? Date.now;
  const signedIn = (request: FastifyRequest) => isDashboardSession(request, adminKey, now());

  const sendIndex = async (request: FastifyRequest, reply: FastifyReply) => {
    if (adminKey === undefined) return sendHtml(reply, 404, disabledPage());
    if (!signedIn(request)) return sendHtml(reply, 200, loginPage());
    const index = await loadAsset(assets, 'index.html');
    if (index === null) return sendHtml(reply, 503, notBuiltPage());
    return securityHeaders(reply, APP_CSP).header('cache-control', 'no-store').type(index.contentType).send(index.body);
  };

  // Encapsulated so the form parser below applies to these routes only.
  void app.register(async (scope) => {
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: LOGIN_BODY_LIMIT }, (_request, body, done) => {
      done(null, new URLSearchParams(typeof body === 'string' ? body : body.toString('utf8')));
    });

    scope.get(DASHBOARD_PATH, sendIndex);
    scope.get(`${DASHBOARD_PATH}/`, sendIndex);

    scope.get(`${DASHBOARD_PATH}/login`, (_request, reply) => reply.redirect(`${DASHBOARD_PATH}/`, 303));

    scope.post(`${DASHBOARD_PATH}/login`, (request, reply) => {
      if (adminKey === undefined) return sendHtml(reply, 404, disabledPage());
      const form = request.body instanceof URLSearchParams ? request.body : new URLSearchParams();
      const given = form.get('admin_key') ?? '';
      if (given === '' || !adminKeyMatches(given, adminKey)) {
        return sendHtml(reply, 401, loginPage(given === '' ? 'Enter the admin key.' : 'That is not the admin key.'));
      }
      return reply
        .header('set-cookie', sessionCookieHeader(createSessionValue(adminKey, now()), isHttps(request)))
        .header('cache-control', 'no-store')
        .redirect(`${DASHBOARD_PATH}/`, 303);
    });

    const logout = (request: FastifyRequest, reply: FastifyReply) =>
      reply.header('set-cookie', clearedSessionCookieHeader(isHttps(request))).header('cache-control', 'no-store').redirect(`${DASHBOARD_PATH}/`, 303);
    scope.post(`${DASHBOARD_PATH}/logout`, logout);
    scope.get(`${DASHBOARD_PATH}/logout`, logout);

    scope.get(`${DASHBOARD_PATH}/*`, async (request, reply) => {
      if (adminKey === undefined) return sendHtml(reply, 404, disabledPage());
      // The raw URL, not the router's decoded parameter: loadAsset decodes exactly once.
      const path = (request.url.split('?')[0] ?? '').slice(DASHBOARD_PATH.length + 1);
      if (path === '' || path === 'index.html') return sendIndex(request, reply);
      // The files carry no data, but nothing of the dashboard is handed out before sign-in.
      if (!signedIn(request)) return reply.code(401).header('cache-control', 'no-store').type('text/plain; charset=utf-8').send('Sign in at /dashboard/ first.\n');
      const asset = await loadAsset(assets, path);
      if (asset === null) return reply.code(404).type('text/plain; charset=utf-8').send('Not found.\n');
      return securityHeaders(reply, APP_CSP).header('cache-control', asset.cacheControl).type(asset.contentType).send(asset.body);
    });
  });
}
