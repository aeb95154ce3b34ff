// The dashboard's only data source: the gateway's own API (docs/api.md), called with the session
// cookie (same origin, no key in JavaScript). Figures are shown as the API returns them.
import type { Json } from './fields.ts';
import { str, obj } from './fields.ts';

export class ApiError extends Error {
  constructor(
    readonly path: string,
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export interface ApiResponse {
  status: number;
  body: Json;
}

/** Query string from the non-empty values of `params`. */
export function withQuery(path: string, params: Readonly<Record<string, string | number | undefined>>): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && value !== '') query.set(name, String(value));
  }
  const text = query.toString();
  return text === '' ? path : `${path}?${text}`;
}

/**
 * GET `path` and parse JSON. A 401 means the session ended (expired, or the admin key changed):
 * the page goes back to the login form. `allow` lists other statuses the caller handles itself
 * (404 from /api/v1/scorer when no scorer is loaded); any other non-2xx status throws ApiError.
 */
export async function getJson(path: string, signal: AbortSignal, allow: readonly number[] = []): Promise<ApiResponse> {
  const response = await fetch(path, { credentials: 'same-origin', headers: { accept: 'application/json' }, signal });
  if (response.status === 401) {
    window.location.assign('/dashboard/');
    throw new ApiError(path, 401, 'The session has ended; sign in again.');
  }
  let body: Json = null;
  const text = await response.text();
  if (text !== '') {
    try {
      body = JSON.parse(text) as Json;
    } catch {
      throw new ApiError(path, response.status, `${path} answered ${response.status} with a body that is not JSON.`);
    }
  }
  if (!response.ok && !allow.includes(response.status)) {
    const message = str(obj(body, 'error'), 'message') ?? `HTTP ${response.status}`;
    throw new ApiError(path, response.status, `${path}: ${message}`);
  }
  return { status: response.status, body };
}
