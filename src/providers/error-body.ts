// Reads the facts Rung needs out of a provider's error body. The three providers use different
// shapes, and OpenAI-compatible servers add their own, so this reads shapes, not provider names:
//   OpenAI     {"error":{"message","type","code","param"}}
//   Anthropic  {"type":"error","error":{"type","message"}}
//   Gemini     {"error":{"code","message","status","details":[{"@type","reason","retryDelay"}]}} (sometimes in an array)
//   others     {"error":"text"} | {"message","type","code"} | {"detail":"text"}
import { parseDurationMs } from './retry-after.ts';

export interface ErrorBodyFacts {
  /** The provider's own explanation (unredacted: callers redact before use). */
  message: string | undefined;
  /** Machine-readable labels: error type, code, status, reasons. */
  labels: string[];
  /** A delay the body asked for (Gemini's RetryInfo), in milliseconds. */
  retryAfterMs: number | undefined;
  /** An HTTP status named inside the body (Gemini's and vLLM's numeric `code`); read for errors inside streams. */
  statusInBody?: number;
}

type Loose = Record<string, unknown>;

function asObject(value: unknown): Loose | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Loose) : undefined;
}

function pushLabel(labels: string[], value: unknown): void {
  // Numeric codes are HTTP statuses (kept in `statusInBody`), not labels.
  if (typeof value === 'string' && value.length > 0) labels.push(value);
}

/** Reads the facts out of an already-parsed body (also used for error events inside streams). */
export function readErrorPayload(payload: unknown): ErrorBodyFacts {
  const root = asObject(Array.isArray(payload) ? payload[0] : payload);
  const facts: ErrorBodyFacts = { message: undefined, labels: [], retryAfterMs: undefined };
  if (root === undefined) return facts;
  const nested = asObject(root.error);
  const error = nested ?? root;
  if (typeof root.error === 'string') facts.message = root.error;
  else if (typeof error.message === 'string') facts.message = error.message;
  else if (typeof root.detail === 'string') facts.message = root.detail;
  if (typeof error.code === 'number' && error.code >= 400 && error.code <= 599) facts.statusInBody = error.code;
  pushLabel(facts.labels, error.type);
  pushLabel(facts.labels, error.code);
  pushLabel(facts.labels, error.status);
  if (Array.isArray(error.details)) {
    for (const detail of error.details) {
      const entry = asObject(detail);
      if (entry === undefined) continue;
      pushLabel(facts.labels, entry.reason);
      if (typeof entry.retryDelay === 'string') facts.retryAfterMs = parseDurationMs(entry.retryDelay);
    }
  }
  return facts;
}

/** Reads the facts out of a raw error body; a body that is not JSON becomes the message itself. */
export function readErrorBody(text: string): ErrorBodyFacts {
  try {
    const facts = readErrorPayload(JSON.parse(text));
    if (facts.message !== undefined || facts.labels.length > 0) return facts;
  } catch {
    // Not JSON (an HTML page from a proxy, plain text): fall through and quote it.
  }
  const trimmed = text.trim();
  return { message: trimmed === '' ? undefined : trimmed, labels: [], retryAfterMs: undefined };
}
