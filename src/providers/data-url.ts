// Images reach the internal shape as URLs: either http(s) or `data:<mediaType>;base64,<data>`.
// Anthropic and Gemini want the base64 payload and media type apart.
import { RungError } from '../errors/rung-error.ts';

export interface InlineImage {
  mediaType: string;
  /** Base64 text, unchanged. */
  data: string;
}

const DATA_URL = /^data:([^;,]+)((?:;[^;,]*)*);base64,/i;

/** Splits a base64 data URL; undefined for any other URL. Throws bad_request for a data URL that is not base64. */
export function parseDataUrl(url: string, param: string): InlineImage | undefined {
  if (!url.startsWith('data:')) return undefined;
  const match = DATA_URL.exec(url);
  if (match === null || match[1] === undefined) {
    throw new RungError('bad_request', 'image data URLs must be base64-encoded (data:<type>;base64,...)', { param });
  }
  return { mediaType: match[1].toLowerCase(), data: url.slice(match[0].length) };
}

const MEDIA_TYPE_BY_EXTENSION: Readonly<Record<string, string>> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  heic: 'image/heic',
  heif: 'image/heif',
};

/** A media type guessed from a URL's file extension (Gemini needs one for remote files). */
export function guessImageMediaType(url: string): string {
  let pathname = url;
  try {
    pathname = new URL(url).pathname;
  } catch {
    // Not a parsable URL: guess from the raw text.
  }
  const extension = /\.([a-z0-9]+)$/i.exec(pathname)?.[1]?.toLowerCase();
  return (extension === undefined ? undefined : MEDIA_TYPE_BY_EXTENSION[extension]) ?? 'image/jpeg';
}
