// A small, deterministic JSON Schema → sample value generator, for fake tool arguments and
// structured outputs. It covers what chat APIs send: type (also Gemini's upper-case OpenAPI
// names and type lists), properties/required, items/minItems/maxItems, enum/const/default/
// examples, string formats and bounds, anyOf/oneOf/allOf and local `$ref`s. It is not a validator:
// keywords it does not know are ignored.
import type { JsonObject, JsonValue } from '../chat/types.ts';

/** Nested schemas deeper than this (recursive `$ref`s, usually) sample as null. */
const MAX_DEPTH = 12;

function isObject(value: JsonValue | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A sample value that satisfies the common keywords of `schema`. */
export function sampleFromSchema(schema: JsonValue | undefined): JsonValue {
  return sample(schema, isObject(schema) ? schema : {}, undefined, 0);
}

/** Like `sampleFromSchema`, but always an object (tool arguments must be one). */
export function sampleObjectFromSchema(schema: JsonValue | undefined): JsonObject {
  const value = sampleFromSchema(schema);
  return isObject(value) ? value : {};
}

function sample(schema: JsonValue | undefined, root: JsonObject, key: string | undefined, depth: number): JsonValue {
  if (depth > MAX_DEPTH || !isObject(schema)) return schema === true ? 'sample' : null;
  if (typeof schema.$ref === 'string') return sample(resolveRef(schema.$ref, root), root, key, depth + 1);
  if ('const' in schema) return schema.const ?? null;
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum[0] ?? null;
  if ('default' in schema) return schema.default ?? null;
  if (Array.isArray(schema.examples) && schema.examples.length > 0) return schema.examples[0] ?? null;
  const choices = Array.isArray(schema.anyOf) ? schema.anyOf : Array.isArray(schema.oneOf) ? schema.oneOf : undefined;
  if (choices !== undefined && choices.length > 0) {
    const preferred = choices.find((choice) => !(isObject(choice) && typeOf(choice) === 'null')) ?? choices[0];
    return sample(preferred, root, key, depth + 1);
  }
  if (Array.isArray(schema.allOf)) return sampleAllOf(schema.allOf, root, key, depth);
  switch (typeOf(schema)) {
    case 'object':
      return sampleObject(schema, root, depth);
    case 'array':
      return sampleArray(schema, root, key, depth);
    case 'string':
      return sampleString(schema, key);
    case 'integer':
      return sampleNumber(schema, true);
    case 'number':
      return sampleNumber(schema, false);
    case 'boolean':
      return true;
    default:
      return null;
  }
}

/** The schema's type, lower-cased; the first non-null one of a list; inferred from keywords when absent. */
function typeOf(schema: JsonObject): string | undefined {
  const declared = schema.type;
  if (typeof declared === 'string') return declared.toLowerCase();
  if (Array.isArray(declared)) {
    const names = declared.filter((name): name is string => typeof name === 'string').map((name) => name.toLowerCase());
    return names.find((name) => name !== 'null') ?? names[0];
  }
  if (isObject(schema.properties)) return 'object';
  if (schema.items !== undefined) return 'array';
  return undefined;
}

/** Resolves a local JSON Pointer such as `#/$defs/Address` against the root schema. */
function resolveRef(ref: string, root: JsonObject): JsonValue | undefined {
  if (!ref.startsWith('#')) return undefined;
  let node: JsonValue | undefined = root;
  for (const raw of ref.slice(1).split('/').filter((part) => part !== '')) {
    const part = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    node = isObject(node) ? node[part] : undefined;
  }
  return node;
}

function sampleObject(schema: JsonObject, root: JsonObject, depth: number): JsonObject {
  const out: JsonObject = {};
  const properties = isObject(schema.properties) ? schema.properties : {};
  // Only required properties when the schema lists them (what a terse model sends); all otherwise.
  const names = Array.isArray(schema.required)
    ? schema.required.filter((name): name is string => typeof name === 'string')
    : Object.keys(properties);
  for (const name of names) out[name] = sample(properties[name] ?? {}, root, name, depth + 1);
  return out;
}

function sampleArray(schema: JsonObject, root: JsonObject, key: string | undefined, depth: number): JsonValue[] {
  const minItems = typeof schema.minItems === 'number' ? schema.minItems : 1;
  const maxItems = typeof schema.maxItems === 'number' ? schema.maxItems : Math.max(1, minItems);
  const count = Math.min(Math.max(minItems, 1), maxItems);
  const out: JsonValue[] = [];
  const prefix = Array.isArray(schema.prefixItems) ? schema.prefixItems : [];
  for (let position = 0; position < count; position += 1) {
    out.push(sample(prefix[position] ?? schema.items ?? {}, root, key, depth + 1));
  }
  return out;
}

const FORMAT_SAMPLES: Readonly<Record<string, string>> = {
  'date-time': '2024-01-01T00:00:00Z',
  date: '2024-01-01',
  time: '12:00:00',
  email: 'user@example.com',
  uri: 'https://example.com',
  url: 'https://example.com',
  uuid: '00000000-0000-4000-8000-000000000000',
  hostname: 'example.com',
  ipv4: '192.0.2.1',
};

function sampleString(schema: JsonObject, key: string | undefined): string {
  const format = typeof schema.format === 'string' ? FORMAT_SAMPLES[schema.format] : undefined;
  let text = format ?? (key === undefined ? 'sample' : `sample ${key}`);
  if (typeof schema.minLength === 'number' && text.length < schema.minLength) text = text.padEnd(schema.minLength, 'x');
  if (typeof schema.maxLength === 'number' && text.length > schema.maxLength) text = text.slice(0, schema.maxLength);
  return text;
}

function sampleNumber(schema: JsonObject, integer: boolean): number {
  const minimum = typeof schema.minimum === 'number' ? schema.minimum : undefined;
  const exclusiveMinimum = typeof schema.exclusiveMinimum === 'number' ? schema.exclusiveMinimum : undefined;
  const maximum = typeof schema.maximum === 'number' ? schema.maximum : undefined;
  let value = minimum ?? (exclusiveMinimum === undefined ? 1 : exclusiveMinimum + 1);
  if (maximum !== undefined && value > maximum) value = maximum;
  return integer ? Math.ceil(value) : value;
}

function sampleAllOf(parts: JsonValue[], root: JsonObject, key: string | undefined, depth: number): JsonValue {
  const values = parts.map((part) => sample(part, root, key, depth + 1));
  // Object parts merge (the usual use of allOf); otherwise the last part decides.
  if (values.length > 0 && values.every(isObject)) return Object.assign({}, ...values) as JsonObject;
  return values.at(-1) ?? null;
}
