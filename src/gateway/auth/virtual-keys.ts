// Virtual keys: clients authenticate with a Rung key, never a provider key. Keys are kept as
// SHA-256 digests (from config, or hashed at boot from an environment variable), so a leaked
// config file does not leak keys.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { RungConfig, VirtualKeyConfig } from '../../config/schema.ts';
import { ConfigError } from '../../config/config-error.ts';
import { RungError } from '../../errors/rung-error.ts';

export interface KeyIdentity {
  id: string;
  workspace: string | null;
  department: string | null;
  agent: string | null;
  project: string | null;
  /** Deployment ids, aliases or policies allowed; null = all. */
  allowedModels: ReadonlySet<string> | null;
}

export const ANONYMOUS: KeyIdentity = Object.freeze({
  id: 'anonymous',
  workspace: null,
  department: null,
  agent: null,
  project: null,
  allowedModels: null,
});

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Keys remembered after a successful lookup, so auth does not hash on every request. */
const KEY_CACHE_LIMIT = 10_000;

export class KeyRing {
  private readonly byDigest = new Map<string, KeyIdentity>();
  private readonly byKey = new Map<string, KeyIdentity>();

  constructor(keys: readonly VirtualKeyConfig[], env: Readonly<Record<string, string | undefined>>) {
    const issues: string[] = [];
    keys.forEach((key, index) => {
      let digest = key.key_sha256;
      if (key.key_env !== undefined) {
        const value = env[key.key_env];
        if (value === undefined || value === '') {
          issues.push(`keys[${index}].key_env: environment variable ${key.key_env} is not set`);
          return;
        }
        digest = sha256Hex(value);
      }
      if (digest === undefined) return;
      this.byDigest.set(digest, Object.freeze({
        id: key.id,
        workspace: key.workspace ?? null,
        department: key.department ?? null,
        agent: key.agent ?? null,
        project: key.project ?? null,
        allowedModels: key.allowed_models === undefined ? null : new Set(key.allowed_models),
      }));
    });
    if (issues.length > 0) throw new ConfigError('keys', issues);
  }

  /** Resolves an Authorization header to an identity, or throws a 401 RungError. */
  authenticate(authorization: string | undefined): KeyIdentity {
    const key = bearerToken(authorization);
    if (key === undefined) throw new RungError('missing_api_key', 'Missing API key: send "Authorization: Bearer <rung virtual key>".');
    const cached = this.byKey.get(key);
    if (cached !== undefined) return cached;
    const identity = this.byDigest.get(sha256Hex(key));
    if (identity === undefined) throw new RungError('invalid_api_key', 'Invalid API key.');
    // Only valid keys are cached, so a flood of bad keys cannot grow the map.
    if (this.byKey.size >= KEY_CACHE_LIMIT) this.byKey.clear();
    this.byKey.set(key, identity);
    return identity;
  }
}

export function bearerToken(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1];
}

/** Constant-time check of the admin key. */
export function checkAdminKey(config: RungConfig, authorization: string | undefined): void {
  const expected = config.server.admin_key;
  const given = bearerToken(authorization);
  if (expected === undefined || given === undefined) {
    throw new RungError('admin_key_required', expected === undefined ? 'Admin routes are disabled: set server.admin_key.' : 'Admin routes need the admin key.');
  }
  const a = Buffer.from(sha256Hex(given), 'hex');
  const b = Buffer.from(sha256Hex(expected), 'hex');
  if (!timingSafeEqual(a, b)) throw new RungError('admin_key_required', 'Admin routes need the admin key.');
}

export function isAllowed(identity: KeyIdentity, ...names: string[]): boolean {
  if (identity.allowedModels === null) return true;
  return names.some((name) => identity.allowedModels?.has(name) === true);
}
