// Reading the API's JSON without trusting its shape. The admin endpoints mix spellings (the
// analytics contract is snake_case, the budget and experiment reports are camelCase objects), so
// each reader takes the snake_case name and also accepts its camelCase twin. A missing or mistyped
// field reads as null and is shown as "—"; it never throws while rendering.

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

function camel(name: string): string {
  return name.replace(/_([a-z0-9])/g, (_match, letter: string) => letter.toUpperCase());
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The first of `names` present on `source` (each also tried in camelCase). */
export function field(source: unknown, ...names: string[]): Json | undefined {
  if (!isObject(source)) return undefined;
  for (const name of names) {
    if (Object.hasOwn(source, name)) return source[name];
    const alternative = camel(name);
    if (Object.hasOwn(source, alternative)) return source[alternative];
  }
  return undefined;
}

export function num(source: unknown, ...names: string[]): number | null {
  const value = field(source, ...names);
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

export function str(source: unknown, ...names: string[]): string | null {
  const value = field(source, ...names);
  return typeof value === 'string' ? value : null;
}

export function bool(source: unknown, ...names: string[]): boolean | null {
  const value = field(source, ...names);
  return typeof value === 'boolean' ? value : null;
}

export function obj(source: unknown, ...names: string[]): JsonObject | null {
  const value = field(source, ...names);
  return isObject(value) ? value : null;
}

export function list(source: unknown, ...names: string[]): Json[] {
  const value = field(source, ...names);
  return Array.isArray(value) ? value : [];
}

/** A list that may be the body itself or sit under one of `names` (`{experiments: [...]}`). */
export function listOrWrapped(body: unknown, ...names: string[]): Json[] {
  if (Array.isArray(body)) return body as Json[];
  for (const name of names) {
    const value = field(body, name);
    if (Array.isArray(value)) return value;
  }
  return [];
}

/** A time given as epoch ms or an ISO string. */
export function time(source: unknown, ...names: string[]): number | string | null {
  const value = field(source, ...names);
  return typeof value === 'number' || typeof value === 'string' ? value : null;
}
