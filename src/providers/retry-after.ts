// How long a provider asked us to wait. `retry-after-ms` (OpenAI, Azure) is the most precise;
// `retry-after` is either delay-seconds (possibly fractional, in practice) or an HTTP date.
import type { ResponseHeaders } from './transport/http-transport.ts';

function headerValue(headers: ResponseHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** Milliseconds to wait, or undefined when the headers give no usable hint. */
export function parseRetryAfterMs(headers: ResponseHeaders, nowMs: number): number | undefined {
  const milliseconds = headerValue(headers, 'retry-after-ms');
  if (milliseconds !== undefined) {
    const value = Number(milliseconds.trim());
    if (milliseconds.trim() !== '' && Number.isFinite(value) && value >= 0) return Math.round(value);
  }
  const retryAfter = headerValue(headers, 'retry-after')?.trim();
  if (retryAfter === undefined || retryAfter === '') return undefined;
  if (/^[+-]?\d+(\.\d+)?$/.test(retryAfter)) {
    const seconds = Number(retryAfter);
    return seconds >= 0 ? Math.round(seconds * 1000) : undefined;
  }
  // Only text with a month or weekday name is taken as a date; Date.parse accepts far too much.
  if (!/[a-z]/i.test(retryAfter)) return undefined;
  const date = Date.parse(retryAfter);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - nowMs);
}

/** Parses a protobuf Duration string such as "30s" or "1.5s" (Gemini's RetryInfo.retryDelay). */
export function parseDurationMs(duration: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)s$/.exec(duration.trim());
  return match === null ? undefined : Math.round(Number(match[1]) * 1000);
}
