// Narrow, total readers for untrusted JSON request bodies: each returns undefined (or an empty
// value) instead of throwing when the shape is not what a dialect expects.
import type { JsonObject, JsonValue } from '../chat/types.ts';

export function asObject(value: unknown): JsonObject | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonObject) : undefined;
}

export function asArray(value: unknown): JsonValue[] {
  return Array.isArray(value) ? (value as JsonValue[]) : [];
}

export function asString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export function asNumber(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** A string, or the strings of a list (the `stop` fields take either). */
export function asStringList(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  return asArray(value).filter((item): item is string => typeof item === 'string');
}

/** The `text` of every `{type:'text', text}` block (OpenAI and Anthropic content lists), joined. */
export function joinTextBlocks(value: unknown): string {
  if (typeof value === 'string') return value;
  let text = '';
  for (const block of asArray(value)) {
    const object = asObject(block);
    if (object !== undefined && object.type === 'text' && typeof object.text === 'string') text += object.text;
  }
  return text;
}

/** A header's first value. */
export function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** An object schema with no properties, for tools declared without parameters. */
export function emptyObjectSchema(): JsonObject {
  return { type: 'object', properties: {} };
}

