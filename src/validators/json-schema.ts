// A small JSON Schema checker for the subset that tool parameters and structured-output response
// schemas use in practice (OpenAI, Anthropic and Gemini accept roughly this subset):
//   type (one name or a list; 'integer'), enum, const, nullable (OpenAPI style),
//   properties, required, additionalProperties (bool or schema), patternProperties,
//   minProperties/maxProperties, items (schema or draft-4 tuple) with additionalItems,
//   prefixItems, minItems/maxItems, uniqueItems, minLength/maxLength (code points), pattern,
//   minimum/maximum, exclusiveMinimum/exclusiveMaximum (number, or draft-4 boolean), multipleOf,
//   allOf/anyOf/oneOf/not, if/then/else, boolean schemas, and $ref to any local JSON pointer
//   (`#`, `#/$defs/...`, `#/definitions/...`).
// Annotation keywords (description, title, default, examples, format, ...) are ignored: `format`
// is an annotation by default in 2020-12 and providers do not enforce it either.
// Problems with the schema itself (an unknown type name, a $ref that does not resolve, runaway
// recursion) are reported with keyword 'invalid_schema' so callers can tell "the answer is wrong"
// from "the schema cannot be checked".
import { compilePattern, countCodePoints, isPlainObject, jsonEqual, jsonTypeOf, pointerSegment, type JsonRecord } from './json-values.ts';
import { resolveLocalRef } from './json-schema-ref.ts';

export interface SchemaError {
  /** JSON pointer into the checked value; '' is the value itself. */
  path: string;
  /** The schema keyword that failed, or 'invalid_schema'. */
  keyword: string;
  message: string;
}

export interface SchemaCheckOptions {
  /** Stop collecting after this many errors (default 20). */
  maxErrors?: number;
}

const TYPE_NAMES = new Set(['string', 'number', 'integer', 'boolean', 'object', 'array', 'null']);
/** Nesting of schema applications before we call the schema recursive. Values deeper than this are absurd for tool arguments. */
const MAX_DEPTH = 256;
/** Subschema applications per check; bounds anyOf-over-recursive-$ref schemas that would branch exponentially. */
const MAX_VISITS = 200_000;

/** Checks `value` against `schema`; an empty list means it conforms. Never throws. */
export function validateJsonSchema(schema: unknown, value: unknown, options: SchemaCheckOptions = {}): SchemaError[] {
  const checker = new SchemaChecker(schema, options.maxErrors ?? 20);
  const errors: SchemaError[] = [];
  checker.check(schema, value, '', 0, errors);
  return errors.slice(0, options.maxErrors ?? 20);
}

export function hasSchemaProblem(errors: readonly SchemaError[]): boolean {
  return errors.some((error) => error.keyword === 'invalid_schema');
}

/** `"/a/0: expected string, got number; (root): missing required property \"b\""`, at most `max` entries. */
export function describeSchemaErrors(errors: readonly SchemaError[], max = 3): string {
  const shown = errors.slice(0, max).map((error) => `${error.path === '' ? '(root)' : error.path}: ${error.message}`);
  const more = errors.length > max ? ` (+${errors.length - max} more)` : '';
  return shown.join('; ') + more;
}

class SchemaChecker {
  private visits = 0;
  /** `$ref`s being applied, keyed by value path: meeting one again at the same path is a cycle that never ends. */
  private readonly activeRefs = new Set<string>();

  constructor(
    private readonly root: unknown,
    private readonly maxErrors: number,
  ) {}

  check(schema: unknown, value: unknown, path: string, depth: number, errors: SchemaError[]): void {
    if (errors.length >= this.maxErrors) return;
    if (depth > MAX_DEPTH) {
      errors.push({ path, keyword: 'invalid_schema', message: 'schema nests too deeply (a recursive $ref that never consumes the value?)' });
      return;
    }
    this.visits += 1;
    if (this.visits > MAX_VISITS) {
      errors.push({ path, keyword: 'invalid_schema', message: 'schema is too expensive to check' });
      return;
    }
    if (schema === true || schema === undefined) return;
    if (schema === false) {
      errors.push({ path, keyword: 'false', message: 'no value is allowed here' });
      return;
    }
    if (!isPlainObject(schema)) return; // Not a schema we understand: accept rather than guess.

    if (typeof schema.$ref === 'string') this.checkRef(schema.$ref, value, path, depth, errors);
    if (schema.nullable === true && value === null) return;
    if (!this.checkType(schema, value, path, errors)) return;
    if (Array.isArray(schema.enum) && !schema.enum.some((option) => jsonEqual(option, value))) {
      errors.push({ path, keyword: 'enum', message: `must be one of ${clipList(schema.enum)}` });
    }
    if (Object.hasOwn(schema, 'const') && !jsonEqual(schema.const, value)) {
      errors.push({ path, keyword: 'const', message: `must equal ${JSON.stringify(schema.const)}` });
    }
    if (typeof value === 'string') this.checkString(schema, value, path, errors);
    else if (typeof value === 'number') this.checkNumber(schema, value, path, errors);
    else if (Array.isArray(value)) this.checkArray(schema, value, path, depth, errors);
    else if (isPlainObject(value)) this.checkObject(schema, value, path, depth, errors);
    this.checkCombinators(schema, value, path, depth, errors);
  }

  private checkRef(ref: string, value: unknown, path: string, depth: number, errors: SchemaError[]): void {
    const key = `${path}\u0000${ref}`;
    if (this.activeRefs.has(key)) {
      errors.push({ path, keyword: 'invalid_schema', message: `$ref ${JSON.stringify(ref)} refers back to itself without descending into the value` });
      return;
    }
    const target = resolveLocalRef(this.root, ref);
    if (!target.ok) {
      errors.push({ path, keyword: 'invalid_schema', message: target.message });
      return;
    }
    this.activeRefs.add(key);
    try {
      this.check(target.schema, value, path, depth + 1, errors);
    } finally {
      this.activeRefs.delete(key);
    }
  }

  /** Returns false when the type is wrong, so the other keywords do not pile on noise. */
  private checkType(schema: JsonRecord, value: unknown, path: string, errors: SchemaError[]): boolean {
    const declared = schema.type;
    if (declared === undefined) return true;
    const names = Array.isArray(declared) ? declared : [declared];
    const unknown = names.filter((name) => typeof name !== 'string' || !TYPE_NAMES.has(name));
    if (unknown.length > 0) {
      errors.push({ path, keyword: 'invalid_schema', message: `unknown type ${JSON.stringify(unknown[0])}` });
      return false;
    }
    const actual = jsonTypeOf(value);
    const matches = names.some((name) => name === actual || (name === 'number' && actual === 'integer'));
    if (!matches) errors.push({ path, keyword: 'type', message: `expected ${names.join(' or ')}, got ${actual}` });
    return matches;
  }

  private checkString(schema: JsonRecord, value: string, path: string, errors: SchemaError[]): void {
    const length = countCodePoints(value);
    if (typeof schema.minLength === 'number' && length < schema.minLength) {
      errors.push({ path, keyword: 'minLength', message: `must have at least ${schema.minLength} characters, has ${length}` });
    }
    if (typeof schema.maxLength === 'number' && length > schema.maxLength) {
      errors.push({ path, keyword: 'maxLength', message: `must have at most ${schema.maxLength} characters, has ${length}` });
    }
    if (typeof schema.pattern === 'string') {
      const pattern = compilePattern(schema.pattern);
      if (pattern === undefined) errors.push({ path, keyword: 'invalid_schema', message: `pattern ${JSON.stringify(schema.pattern)} does not compile` });
      else if (!pattern.test(value)) errors.push({ path, keyword: 'pattern', message: `must match ${JSON.stringify(schema.pattern)}` });
    }
  }

  private checkNumber(schema: JsonRecord, value: number, path: string, errors: SchemaError[]): void {
    const { minimum, maximum, exclusiveMinimum, exclusiveMaximum, multipleOf } = schema;
    if (typeof minimum === 'number') {
      // Draft 4 spelled an exclusive bound as `exclusiveMinimum: true` next to `minimum`.
      if (exclusiveMinimum === true ? value <= minimum : value < minimum) {
        errors.push({ path, keyword: 'minimum', message: `must be ${exclusiveMinimum === true ? '>' : '>='} ${minimum}, is ${value}` });
      }
    }
    if (typeof maximum === 'number') {
      if (exclusiveMaximum === true ? value >= maximum : value > maximum) {
        errors.push({ path, keyword: 'maximum', message: `must be ${exclusiveMaximum === true ? '<' : '<='} ${maximum}, is ${value}` });
      }
    }
    if (typeof exclusiveMinimum === 'number' && value <= exclusiveMinimum) {
      errors.push({ path, keyword: 'exclusiveMinimum', message: `must be > ${exclusiveMinimum}, is ${value}` });
    }
    if (typeof exclusiveMaximum === 'number' && value >= exclusiveMaximum) {
      errors.push({ path, keyword: 'exclusiveMaximum', message: `must be < ${exclusiveMaximum}, is ${value}` });
    }
    if (typeof multipleOf === 'number' && multipleOf > 0) {
      const quotient = value / multipleOf;
      // Tolerate binary floating point: 0.3 / 0.1 is 2.9999999999999996.
      if (Math.abs(quotient - Math.round(quotient)) > 1e-9 * Math.max(1, Math.abs(quotient))) {
        errors.push({ path, keyword: 'multipleOf', message: `must be a multiple of ${multipleOf}` });
      }
    }
  }

  private checkArray(schema: JsonRecord, value: unknown[], path: string, depth: number, errors: SchemaError[]): void {
    if (typeof schema.minItems === 'number' && value.length < schema.minItems) {
      errors.push({ path, keyword: 'minItems', message: `must have at least ${schema.minItems} items, has ${value.length}` });
    }
    if (typeof schema.maxItems === 'number' && value.length > schema.maxItems) {
      errors.push({ path, keyword: 'maxItems', message: `must have at most ${schema.maxItems} items, has ${value.length}` });
    }
    if (schema.uniqueItems === true) {
      const duplicate = value.findIndex((item, index) => value.slice(0, index).some((earlier) => jsonEqual(earlier, item)));
      if (duplicate >= 0) errors.push({ path: `${path}/${duplicate}`, keyword: 'uniqueItems', message: 'duplicates an earlier item' });
    }
    // Positional schemas: 2020-12 `prefixItems`, or draft-4..2019 `items` as an array.
    const positional = Array.isArray(schema.prefixItems) ? schema.prefixItems : Array.isArray(schema.items) ? schema.items : [];
    const rest = Array.isArray(schema.prefixItems) ? schema.items : Array.isArray(schema.items) ? schema.additionalItems : schema.items;
    value.forEach((item, index) => {
      const itemSchema = index < positional.length ? positional[index] : rest;
      this.check(itemSchema, item, `${path}/${index}`, depth + 1, errors);
    });
  }

  private checkObject(schema: JsonRecord, value: JsonRecord, path: string, depth: number, errors: SchemaError[]): void {
    const keys = Object.keys(value);
    if (Array.isArray(schema.required)) {
      for (const name of schema.required) {
        if (typeof name === 'string' && !Object.hasOwn(value, name)) {
          errors.push({ path, keyword: 'required', message: `missing required property ${JSON.stringify(name)}` });
        }
      }
    }
    if (typeof schema.minProperties === 'number' && keys.length < schema.minProperties) {
      errors.push({ path, keyword: 'minProperties', message: `must have at least ${schema.minProperties} properties` });
    }
    if (typeof schema.maxProperties === 'number' && keys.length > schema.maxProperties) {
      errors.push({ path, keyword: 'maxProperties', message: `must have at most ${schema.maxProperties} properties` });
    }
    const properties = isPlainObject(schema.properties) ? schema.properties : {};
    const patterns = isPlainObject(schema.patternProperties) ? Object.entries(schema.patternProperties) : [];
    for (const key of keys) {
      const childPath = `${path}/${pointerSegment(key)}`;
      let matched = false;
      if (Object.hasOwn(properties, key)) {
        matched = true;
        this.check(properties[key], value[key], childPath, depth + 1, errors);
      }
      for (const [source, patternSchema] of patterns) {
        if (compilePattern(source)?.test(key) === true) {
          matched = true;
          this.check(patternSchema, value[key], childPath, depth + 1, errors);
        }
      }
      if (matched || schema.additionalProperties === undefined) continue;
      if (schema.additionalProperties === false) {
        errors.push({ path: childPath, keyword: 'additionalProperties', message: `unexpected property ${JSON.stringify(key)}` });
      } else {
        this.check(schema.additionalProperties, value[key], childPath, depth + 1, errors);
      }
    }
  }

  private checkCombinators(schema: JsonRecord, value: unknown, path: string, depth: number, errors: SchemaError[]): void {
    if (Array.isArray(schema.allOf)) for (const part of schema.allOf) this.check(part, value, path, depth + 1, errors);
    for (const keyword of ['anyOf', 'oneOf'] as const) {
      const options = schema[keyword];
      if (!Array.isArray(options) || options.length === 0) continue;
      const results = options.map((option) => this.trial(option, value, path, depth));
      const passing = results.filter((result) => result.length === 0).length;
      const schemaProblem = results.flat().find((error) => error.keyword === 'invalid_schema');
      if (passing === 0 && schemaProblem !== undefined) {
        errors.push(schemaProblem);
      } else if (passing === 0) {
        const closest = results.reduce((best, result) => (distance(result, path) < distance(best, path) ? result : best));
        const hint = closest[0] === undefined ? '' : ` (closest: ${closest[0].path === path ? '' : `${closest[0].path}: `}${closest[0].message})`;
        errors.push({ path, keyword, message: `matches none of the ${options.length} ${keyword} alternatives${hint}` });
      } else if (keyword === 'oneOf' && passing > 1) {
        errors.push({ path, keyword, message: `matches ${passing} oneOf alternatives; exactly one is allowed` });
      }
    }
    if (schema.not !== undefined && this.trial(schema.not, value, path, depth).length === 0) {
      errors.push({ path, keyword: 'not', message: 'must not match the "not" schema' });
    }
    if (schema.if !== undefined) {
      const branch = this.trial(schema.if, value, path, depth).length === 0 ? schema.then : schema.else;
      this.check(branch, value, path, depth + 1, errors);
    }
  }

  /** Checks into a private error list, for keywords that only need to know whether a subschema matched. */
  private trial(schema: unknown, value: unknown, path: string, depth: number): SchemaError[] {
    const errors: SchemaError[] = [];
    this.check(schema, value, path, depth + 1, errors);
    return errors;
  }
}

/** How far a failed alternative is from matching; a wrong type at the value itself counts as far. */
function distance(errors: readonly SchemaError[], path: string): number {
  return errors.length + (errors.some((error) => error.keyword === 'type' && error.path === path) ? 1_000 : 0);
}

function clipList(values: unknown[]): string {
  const shown = values.slice(0, 8).map((value) => JSON.stringify(value)).join(', ');
  return values.length > 8 ? `${shown}, … (${values.length} values)` : shown;
}
