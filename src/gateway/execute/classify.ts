// How an upstream failure counts for a deployment's health. Failures that are the request's own
// fault (malformed, too long, filtered) say nothing about the deployment and must not open breakers.
import type { ErrorCode } from '../../errors/catalogue.ts';

const NEUTRAL: ReadonlySet<ErrorCode> = new Set<ErrorCode>(['bad_request', 'context_length', 'content_filter']);

export type HealthVerdict = 'failure' | 'neutral';

export function healthVerdict(code: ErrorCode): HealthVerdict {
  return NEUTRAL.has(code) ? 'neutral' : 'failure';
}

/** Strips anything that looks like a credential from an upstream message and caps its length. */
export function redact(message: string): string {
  return message
    .replace(/\b(sk|pk|rk)-[A-Za-z0-9_-]{8,}/g, '[redacted]')
    .replace(/\bBearer\s+\S+/gi, 'Bearer [redacted]')
    .replace(/\bAIza[0-9A-Za-z_-]{20,}/g, '[redacted]')
    .replace(/([?&]key=)[^&\s]+/g, '$1[redacted]')
    .slice(0, 300);
}
