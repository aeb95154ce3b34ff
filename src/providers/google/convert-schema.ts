// JSON Schema → Gemini's Schema object (an OpenAPI 3.0 subset). Gemini rejects unknown keys such
// as `additionalProperties`, `$schema` or `$ref` with a 400, so only the keys it documents are
// kept. Common JSON Schema forms are rewritten rather than dropped: `type: [T, "null"]` becomes
// `type: T, nullable: true` (as does a null enum member), and `const: v` becomes `enum: [v]`.
import type { JsonObject, JsonValue } from '../../chat/types.ts';

const KEPT_KEYS = new Set([
  'type',
  'format',
  'title',
  'description',
  'nullable',
  'enum',
  'maxItems',
  'minItems',
  'required',
  'minProperties',
  'maxProperties',
  'minLength',
  'maxLength',
  'pattern',
  'example',
  'propertyOrdering',
  'default',
  'minimum',
  'maximum',
]);

function isObject(value: JsonValue | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function toGeminiSchema(schema: JsonObject): JsonObject {
  const result: JsonObject = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'properties' && isObject(value)) {
      const properties: JsonObject = {};
      for (const [name, propertySchema] of Object.entries(value)) {
        properties[name] = isObject(propertySchema) ? toGeminiSchema(propertySchema) : propertySchema;
      }
      result.properties = properties;
    } else if (key === 'items' && isObject(value)) {
      result.items = toGeminiSchema(value);
    } else if (key === 'anyOf' && Array.isArray(value)) {
      result.anyOf = value.map((option) => (isObject(option) ? toGeminiSchema(option) : option));
    } else if (key === 'type' && Array.isArray(value)) {
      const types = value.filter((type) => type !== 'null');
      if (types.length !== value.length) result.nullable = true;
      if (types[0] !== undefined) result.type = types[0];
    } else if (key === 'enum' && Array.isArray(value)) {
      // Gemini enums are strings only; a null member means the field may be null.
      const members = value.filter((member) => member !== null);
      if (members.length !== value.length) result.nullable = true;
      result.enum = members;
    } else if (key === 'const') {
      result.enum = [value];
    } else if (KEPT_KEYS.has(key)) {
      result[key] = value;
    }
  }
  return result;
}
