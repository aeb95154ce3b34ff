// Serves the built dashboard (src/dashboard/dist) without a static-file package: a fixed table of
// content types, long caching for Vite's content-hashed files under assets/, revalidation for the
// rest, and no way out of the directory (decoded `..`, absolute paths, NUL, dotfiles, symlinks).
import { readFile, realpath, stat } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/** Vite writes `name-<hash>.ext` under assets/: the name changes whenever the content does. */
const HASHED_ASSET = /^assets\/[^/]+-[A-Za-z0-9_-]{8,}\.[a-z0-9]+$/;

export const IMMUTABLE_CACHE = 'public, max-age=31536000, immutable';
/** index.html and unhashed files: the browser may keep them but must ask before reuse. */
export const REVALIDATE_CACHE = 'no-cache';

export interface StaticAsset {
  body: Buffer;
  contentType: string;
  cacheControl: string;
}

export function contentTypeOf(path: string): string {
  return CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * The path relative to the root, or null when it is not a plain path inside it. `urlPath` is the
 * part after the mount point, still percent-encoded (so `%2e%2e` is caught after decoding).
 */
export function safeRelativePath(urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const segments = decoded.split('/').filter((segment) => segment !== '');
  // Dotfiles and `.`/`..` are refused outright rather than normalised away.
  if (segments.some((segment) => segment.startsWith('.'))) return null;
  return segments.join('/');
}

/** Reads one file from `root`; null when it does not exist, is not a file, or lies outside `root`. */
export async function loadAsset(root: string, urlPath: string): Promise<StaticAsset | null> {
  const relative = safeRelativePath(urlPath);
  if (relative === null || relative === '') return null;
  const rootResolved = resolve(root);
  const candidate = resolve(rootResolved, relative);
  if (!candidate.startsWith(rootResolved + sep)) return null;
  try {
    // realpath: a symlink inside dist must not lead outside it.
    const [realRoot, realFile] = await Promise.all([realpath(rootResolved), realpath(candidate)]);
    if (!realFile.startsWith(realRoot + sep)) return null;
    const info = await stat(realFile);
    if (!info.isFile()) return null;
    return {
      body: await readFile(realFile),
      contentType: contentTypeOf(realFile),
      cacheControl: HASHED_ASSET.test(relative) ? IMMUTABLE_CACHE : REVALIDATE_CACHE,
    };
  } catch {
    return null;
  }
}
