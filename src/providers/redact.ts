// Upstream error text can echo credentials (OpenAI quotes part of a bad key, proxies echo headers).
// Everything that leaves an adapter as a message goes through here first.

/** Each pattern with what replaces it; the `key=` form keeps the field name for readability. */
const SECRET_PATTERNS: ReadonlyArray<readonly [RegExp, string]> = [
  [/\bBearer\s+[^\s"',;]+/gi, 'Bearer [redacted]'],
  [/\bsk-[A-Za-z0-9_*-]{4,}/g, 'sk-[redacted]'],
  [/\bAIza[0-9A-Za-z_-]{10,}/g, '[redacted]'],
  [/\b(x-api-key|x-goog-api-key|api[_-]?key|key)(["']?\s*[:=]\s*["']?)[^\s"',;&]{8,}/gi, '$1$2[redacted]'],
];

const MAX_MESSAGE_CHARS = 300;

/** Removes anything that looks like a key, plus `secret` itself, and caps the length. */
export function redactSecrets(text: string, secret?: string): string {
  let result = text;
  if (secret !== undefined && secret.length > 0) result = result.split(secret).join('[redacted]');
  for (const [pattern, replacement] of SECRET_PATTERNS) result = result.replace(pattern, replacement);
  result = result.replace(/\s+/g, ' ').trim();
  return result.length > MAX_MESSAGE_CHARS ? `${result.slice(0, MAX_MESSAGE_CHARS)}…` : result;
}
