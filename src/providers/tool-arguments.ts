// Tool-call arguments are JSON text in the internal shape (exactly what the model wrote, which
// may not parse); Anthropic and Gemini want an object. A value that is not a JSON object is sent
// as an empty object rather than failing the request: the history is the client's record of
// what a model said, and rejecting it would fail on every provider alike.
import type { JsonObject } from '../chat/types.ts';

export function parseToolArguments(text: string): JsonObject {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as JsonObject;
  } catch {
    // Falls through to the empty object.
  }
  return {};
}
