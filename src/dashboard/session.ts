// The dashboard's session cookie. It holds an expiry and an HMAC of that expiry keyed by the admin
// key, never the key itself: reading the cookie does not reveal the key, changing the key ends every
// session, and no server-side state is needed (so several gateway instances accept each other's
// cookies). Logout clears the cookie in the browser; a copied cookie stays valid until it expires.
import { createHmac, timingSafeEqual } from 'node:crypto';

export const SESSION_COOKIE = 'rung_dashboard';
/** How long a login lasts. */
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;
/** Domain separation: this HMAC of the admin key is used for nothing else. */
const SIGNING_CONTEXT = 'rung-dashboard-session-v1';

function signature(adminKey: string, expiresAt: number): Buffer {
  return createHmac('sha256', adminKey).update(`${SIGNING_CONTEXT}:${expiresAt}`).digest();
}

/** The cookie value for a session that ends `SESSION_TTL_MS` after `now`. */
export function createSessionValue(adminKey: string, now: number): string {
  const expiresAt = now + SESSION_TTL_MS;
  return `${expiresAt}.${signature(adminKey, expiresAt).toString('base64url')}`;
}

/** True when `value` was made by `createSessionValue` with this admin key and has not expired. */
export function verifySessionValue(value: string, adminKey: string, now: number): boolean {
  const dot = value.indexOf('.');
  if (dot <= 0) return false;
  const expiresText = value.slice(0, dot);
  if (!/^\d{1,16}$/.test(expiresText)) return false;
  const expiresAt = Number(expiresText);
  if (expiresAt <= now) return false;
  const given = Buffer.from(value.slice(dot + 1), 'base64url');
  const expected = signature(adminKey, expiresAt);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** One cookie's value from a `Cookie` header, or undefined. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (header === undefined) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() !== name) continue;
    const raw = part.slice(eq + 1).trim();
    try {
      return decodeURIComponent(raw);
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** What `isDashboardSession` reads from a request; a FastifyRequest fits. */
export interface CookieCarrier {
  headers: { cookie?: string | undefined };
}

/**
 * True when the request carries a valid dashboard session for this admin key. False when no admin
 * key is configured: admin routes are then disabled, whatever the cookie says.
 */
export function isDashboardSession(request: CookieCarrier, adminKey: string | undefined, now: number = Date.now()): boolean {
  if (adminKey === undefined || adminKey === '') return false;
  const value = readCookie(request.headers.cookie, SESSION_COOKIE);
  return value !== undefined && verifySessionValue(value, adminKey, now);
}

/**
 * `Set-Cookie` for a new session. Path `/` because the admin API under /api/v1 reads it too;
 * SameSite=Strict keeps other sites from riding on it; Secure when the request came over HTTPS.
 */
export function sessionCookieHeader(value: string, secure: boolean): string {
  const maxAge = Math.floor(SESSION_TTL_MS / 1000);
  return `${SESSION_COOKIE}=${value}; Path=/; Max-Age=${maxAge}; HttpOnly; SameSite=Strict${secure ? '; Secure' : ''}`;
}

export function clearedSessionCookieHeader(secure: boolean): string {
  return `${SESSION_COOKIE}=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict${secure ? '; Secure' : ''}`;
}

/** Constant-time check of a typed admin key against the configured one. */
export function adminKeyMatches(given: string, expected: string): boolean {
  const context = 'rung-dashboard-login';
  const a = createHmac('sha256', context).update(given).digest();
  const b = createHmac('sha256', context).update(expected).digest();
  return timingSafeEqual(a, b);
}
