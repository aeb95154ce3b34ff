// Small helpers over parsed JSON values and schema keywords, shared by the schema checker and the validators.

export type JsonRecord = Record<string, unknown>;

export function isPlainObject(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The JSON Schema type name of a parsed value ('integer' is reported as 'number' or 'integer' by the caller). */
export function jsonTypeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

/** Structural equality of JSON values; object key order does not matter. */
export function jsonEqual(left: unknown, right: unknown): boolean {
  if (left === right) return true;
  if (Array.isArray(left)) {
    if (!Array.isArray(right) || left.length !== right.length) return false;
    return left.every((item, index) => jsonEqual(item, right[index]));
  }
  if (isPlainObject(left)) {
    if (!isPlainObject(right)) return false;
    const leftKeys = Object.keys(left);
    if (leftKeys.length !== Object.keys(right).length) return false;
    return leftKeys.every((key) => Object.hasOwn(right, key) && jsonEqual(left[key], right[key]));
  }
  return false;
}

/** Parses JSON text; returns `{ ok: false }` with the parser's message instead of throwing. */
export function parseJson(text: string): { ok: true; value: unknown } | { ok: false; message: string } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}

/** Escapes one JSON-pointer segment (RFC 6901). */
export function pointerSegment(segment: string | number): string {
  return String(segment).replaceAll('~', '~0').replaceAll('/', '~1');
}

/** `abc…` with an ellipsis when longer than `max` characters, for reasons shown to people. */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(0, max - 1))}…`;
}

export function countCodePoints(text: string): number {
  let count = 0;
  for (const _ of text) count += 1;
  return count;
}

const patternCache = new Map<string, RegExp | undefined>();

/** JSON Schema patterns are ECMA-262 regexes, unanchored. Cached: schemas repeat on every request. */
export function compilePattern(source: string): RegExp | undefined {
  if (patternCache.has(source)) return patternCache.get(source);
  let compiled: RegExp | undefined;
  try {
    compiled = new RegExp(source, 'u');
  } catch {
    compiled = undefined;
  }
  if (patternCache.size > 500) patternCache.clear();
  patternCache.set(source, compiled);
  return compiled;
}
