import { describe, expect, it } from 'vitest';
import { describeSchemaErrors, hasSchemaProblem, validateJsonSchema } from '../../src/validators/json-schema.ts';

const check = (schema: unknown, value: unknown) => validateJsonSchema(schema, value);
const paths = (schema: unknown, value: unknown) => check(schema, value).map((error) => `${error.path}|${error.keyword}`);

describe('json schema: types', () => {
  it.each([
    ['string', 'x', true], ['string', 1, false],
    ['number', 1.5, true], ['number', 2, true], ['number', '2', false],
    ['integer', 2, true], ['integer', 2.5, false], ['integer', 2.0, true],
    ['boolean', false, true], ['boolean', 0, false],
    ['null', null, true], ['null', 'null', false],
    ['object', {}, true], ['object', [], false], ['object', null, false],
    ['array', [], true], ['array', {}, false],
  ])('type %s against %j → valid %s', (type, value, valid) => {
    expect(check({ type }, value).length === 0).toBe(valid);
  });

  it('accepts a list of types, including the nullable idiom', () => {
    const schema = { type: ['string', 'null'] };
    expect(check(schema, 'a')).toEqual([]);
    expect(check(schema, null)).toEqual([]);
    expect(check(schema, 3)).toEqual([{ path: '', keyword: 'type', message: 'expected string or null, got integer' }]);
  });

  it('honours OpenAPI nullable', () => {
    expect(check({ type: 'string', nullable: true }, null)).toEqual([]);
    expect(paths({ type: 'string' }, null)).toEqual(['|type']);
  });

  it('reports an unknown type name as a schema problem', () => {
    const errors = check({ type: 'str' }, 'a');
    expect(hasSchemaProblem(errors)).toBe(true);
  });

  it('treats boolean schemas as accept-all and reject-all', () => {
    expect(check(true, { any: 1 })).toEqual([]);
    expect(paths(false, 1)).toEqual(['|false']);
    expect(paths({ type: 'object', properties: { a: false } }, { a: 1 })).toEqual(['/a|false']);
  });
});

describe('json schema: objects', () => {
  const person = {
    type: 'object',
    properties: { name: { type: 'string', minLength: 1 }, age: { type: 'integer', minimum: 0 } },
    required: ['name'],
    additionalProperties: false,
  };

  it('passes a conforming object', () => {
    expect(check(person, { name: 'Ada', age: 36 })).toEqual([]);
  });

  it('reports missing required properties at the object path', () => {
    expect(check(person, { age: 3 })).toEqual([{ path: '', keyword: 'required', message: 'missing required property "name"' }]);
  });

  it('reports extra properties when additionalProperties is false', () => {
    expect(paths(person, { name: 'Ada', email: 'a@b.c' })).toEqual(['/email|additionalProperties']);
  });

  it('checks additional properties against a schema', () => {
    const schema = { type: 'object', properties: { id: { type: 'string' } }, additionalProperties: { type: 'number' } };
    expect(check(schema, { id: 'x', score: 3 })).toEqual([]);
    expect(paths(schema, { id: 'x', score: 'high' })).toEqual(['/score|type']);
  });

  it('checks patternProperties and exempts matched keys from additionalProperties', () => {
    const schema = { type: 'object', patternProperties: { '^x-': { type: 'string' } }, additionalProperties: false };
    expect(check(schema, { 'x-trace': 'a' })).toEqual([]);
    expect(paths(schema, { 'x-trace': 1, other: 1 })).toEqual(['/x-trace|type', '/other|additionalProperties']);
  });

  it('reports nested errors with JSON-pointer paths, escaping ~ and /', () => {
    const schema = {
      type: 'object',
      properties: { 'a/b': { type: 'object', properties: { 'c~d': { type: 'array', items: { type: 'string' } } } } },
    };
    expect(paths(schema, { 'a/b': { 'c~d': ['ok', 5] } })).toEqual(['/a~1b/c~0d/1|type']);
  });

  it('checks min and max properties', () => {
    expect(paths({ type: 'object', minProperties: 1 }, {})).toEqual(['|minProperties']);
    expect(paths({ type: 'object', maxProperties: 1 }, { a: 1, b: 2 })).toEqual(['|maxProperties']);
  });

  it('ignores annotations and format', () => {
    expect(check({ type: 'string', format: 'email', description: 'an email', title: 'Email', default: 'x' }, 'not-an-email')).toEqual([]);
  });
});

describe('json schema: strings, numbers, arrays', () => {
  it('counts string length in code points', () => {
    expect(check({ type: 'string', maxLength: 2 }, '😀😀')).toEqual([]);
    expect(paths({ type: 'string', minLength: 3 }, 'ab')).toEqual(['|minLength']);
    expect(paths({ type: 'string', maxLength: 1 }, 'ab')).toEqual(['|maxLength']);
  });

  it('checks patterns, unanchored', () => {
    expect(check({ type: 'string', pattern: '[0-9]{3}' }, 'abc123')).toEqual([]);
    expect(paths({ type: 'string', pattern: '^[0-9]+$' }, '12a')).toEqual(['|pattern']);
    expect(hasSchemaProblem(check({ type: 'string', pattern: '([' }, 'x'))).toBe(true);
  });

  it('checks inclusive and exclusive bounds in both drafts', () => {
    expect(check({ minimum: 1, maximum: 3 }, 3)).toEqual([]);
    expect(paths({ minimum: 1 }, 0)).toEqual(['|minimum']);
    expect(paths({ maximum: 3 }, 3.5)).toEqual(['|maximum']);
    expect(paths({ exclusiveMinimum: 1 }, 1)).toEqual(['|exclusiveMinimum']);
    expect(paths({ exclusiveMaximum: 3 }, 3)).toEqual(['|exclusiveMaximum']);
    expect(paths({ minimum: 1, exclusiveMinimum: true }, 1)).toEqual(['|minimum']);
    expect(paths({ maximum: 3, exclusiveMaximum: true }, 3)).toEqual(['|maximum']);
    expect(check({ minimum: 1, exclusiveMinimum: false }, 1)).toEqual([]);
  });

  it('checks multipleOf with floating-point tolerance', () => {
    expect(check({ multipleOf: 0.1 }, 0.3)).toEqual([]);
    expect(paths({ multipleOf: 5 }, 12)).toEqual(['|multipleOf']);
  });

  it('checks items, min/max items and uniqueness', () => {
    const schema = { type: 'array', items: { type: 'integer' }, minItems: 1, maxItems: 3, uniqueItems: true };
    expect(check(schema, [1, 2])).toEqual([]);
    expect(paths(schema, [])).toEqual(['|minItems']);
    expect(paths(schema, [1, 2, 3, 4])).toEqual(['|maxItems']);
    expect(paths(schema, [1, 'x'])).toEqual(['/1|type']);
    expect(paths(schema, [1, 1])).toEqual(['/1|uniqueItems']);
    expect(paths({ uniqueItems: true }, [{ a: 1, b: 2 }, { b: 2, a: 1 }])).toEqual(['/1|uniqueItems']);
  });

  it('checks tuples: prefixItems with items, and draft-4 items arrays with additionalItems', () => {
    const modern = { type: 'array', prefixItems: [{ type: 'string' }, { type: 'number' }], items: false };
    expect(check(modern, ['a', 1])).toEqual([]);
    expect(paths(modern, ['a', 'b'])).toEqual(['/1|type']);
    expect(paths(modern, ['a', 1, true])).toEqual(['/2|false']);
    const legacy = { type: 'array', items: [{ type: 'string' }], additionalItems: { type: 'boolean' } };
    expect(check(legacy, ['a', true, false])).toEqual([]);
    expect(paths(legacy, ['a', 1])).toEqual(['/1|type']);
  });
});

describe('json schema: enum, const and combinators', () => {
  it('checks enum and const by structural equality', () => {
    expect(check({ enum: ['celsius', 'fahrenheit'] }, 'celsius')).toEqual([]);
    expect(paths({ enum: ['celsius', 'fahrenheit'] }, 'kelvin')).toEqual(['|enum']);
    expect(check({ const: { a: [1, 2] } }, { a: [1, 2] })).toEqual([]);
    expect(paths({ const: { a: [1, 2] } }, { a: [2, 1] })).toEqual(['|const']);
    expect(paths({ enum: [1] }, '1')).toEqual(['|enum']);
  });

  it('requires every allOf part', () => {
    const schema = { allOf: [{ type: 'object', required: ['a'] }, { required: ['b'] }] };
    expect(check(schema, { a: 1, b: 2 })).toEqual([]);
    expect(paths(schema, { a: 1 })).toEqual(['|required']);
  });

  it('requires at least one anyOf alternative and names the closest miss', () => {
    const schema = { anyOf: [{ type: 'string' }, { type: 'object', required: ['id'] }] };
    expect(check(schema, 'x')).toEqual([]);
    expect(check(schema, { id: 1 })).toEqual([]);
    const errors = check(schema, { name: 'x' });
    expect(errors).toHaveLength(1);
    expect(errors[0]?.keyword).toBe('anyOf');
    expect(errors[0]?.message).toContain('missing required property "id"');
  });

  it('requires exactly one oneOf alternative', () => {
    const schema = { oneOf: [{ type: 'integer' }, { type: 'number', minimum: 10 }] };
    expect(check(schema, 3)).toEqual([]);
    expect(check(schema, 10.5)).toEqual([]);
    expect(paths(schema, 12)).toEqual(['|oneOf']);
    expect(paths(schema, 'x')).toEqual(['|oneOf']);
  });

  it('supports not and if/then/else', () => {
    expect(paths({ not: { type: 'null' } }, null)).toEqual(['|not']);
    const schema = { if: { properties: { kind: { const: 'card' } } }, then: { required: ['last4'] }, else: { required: ['iban'] } };
    expect(check(schema, { kind: 'card', last4: '4242' })).toEqual([]);
    expect(paths(schema, { kind: 'card' })).toEqual(['|required']);
    expect(paths(schema, { kind: 'bank' })).toEqual(['|required']);
  });
});

describe('json schema: $ref', () => {
  it('resolves #/$defs and #/definitions', () => {
    const schema = {
      type: 'object',
      properties: { home: { $ref: '#/$defs/address' }, work: { $ref: '#/definitions/address' } },
      $defs: { address: { type: 'object', required: ['city'], properties: { city: { type: 'string' } } } },
      definitions: { address: { type: 'object', required: ['city'] } },
    };
    expect(check(schema, { home: { city: 'Oslo' }, work: { city: 'Bergen' } })).toEqual([]);
    expect(paths(schema, { home: { city: 5 }, work: {} })).toEqual(['/home/city|type', '/work|required']);
  });

  it('follows recursive references over a finite value', () => {
    const tree = {
      $defs: { node: { type: 'object', required: ['value'], properties: { value: { type: 'integer' }, children: { type: 'array', items: { $ref: '#/$defs/node' } } } } },
      $ref: '#/$defs/node',
    };
    expect(check(tree, { value: 1, children: [{ value: 2, children: [{ value: 3 }] }] })).toEqual([]);
    expect(paths(tree, { value: 1, children: [{ value: 2, children: [{ value: 'x' }] }] })).toEqual(['/children/0/children/0/value|type']);
  });

  it('resolves # to the root and decodes escaped pointers', () => {
    const list = { type: 'object', properties: { next: { anyOf: [{ type: 'null' }, { $ref: '#' }] } } };
    expect(check(list, { next: { next: null } })).toEqual([]);
    const escaped = { $defs: { 'a/b': { type: 'string' } }, $ref: '#/$defs/a~1b' };
    expect(check(escaped, 'ok')).toEqual([]);
    expect(paths(escaped, 1)).toEqual(['|type']);
  });

  it('reports unresolvable, remote and runaway references as schema problems', () => {
    expect(hasSchemaProblem(check({ $ref: '#/$defs/missing' }, 1))).toBe(true);
    expect(hasSchemaProblem(check({ $ref: 'https://example.com/schema.json' }, 1))).toBe(true);
    expect(hasSchemaProblem(check({ $ref: '#' }, 1))).toBe(true);
    expect(hasSchemaProblem(check({ anyOf: [{ $ref: '#' }, { $ref: '#' }] }, 1))).toBe(true);
  });
});

describe('json schema: reporting', () => {
  it('caps the number of errors and describes them readably', () => {
    const schema = { type: 'array', items: { type: 'string' } };
    const errors = validateJsonSchema(schema, Array.from({ length: 50 }, (_, index) => index), { maxErrors: 5 });
    expect(errors).toHaveLength(5);
    expect(describeSchemaErrors(errors, 2)).toBe('/0: expected string, got integer; /1: expected string, got integer (+3 more)');
    expect(describeSchemaErrors([{ path: '', keyword: 'type', message: 'expected object, got array' }])).toBe('(root): expected object, got array');
  });

  it('accepts anything for a non-object schema rather than guessing', () => {
    expect(check(null, 1)).toEqual([]);
    expect(check('string', 1)).toEqual([]);
  });
});
