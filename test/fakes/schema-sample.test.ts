import { describe, expect, it } from 'vitest';
import { sampleFromSchema, sampleObjectFromSchema } from '../../src/fakes/index.ts';

describe('sampleFromSchema', () => {
  it('fills required properties by type, honouring enum, const, default and bounds', () => {
    const schema = {
      type: 'object',
      properties: {
        name: { type: 'string', minLength: 15 },
        code: { type: 'string', maxLength: 3 },
        count: { type: 'integer', minimum: 5 },
        ratio: { type: 'number', exclusiveMinimum: 0.5, maximum: 1 },
        ok: { type: 'boolean' },
        unit: { enum: ['kg', 'lb'] },
        version: { const: 2 },
        mode: { type: 'string', default: 'fast' },
        when: { type: 'string', format: 'date-time' },
        optional: { type: 'string' },
      },
      required: ['name', 'code', 'count', 'ratio', 'ok', 'unit', 'version', 'mode', 'when'],
    };
    expect(sampleFromSchema(schema)).toEqual({
      name: 'sample namexxxx',
      code: 'sam',
      count: 5,
      ratio: 1,
      ok: true,
      unit: 'kg',
      version: 2,
      mode: 'fast',
      when: '2024-01-01T00:00:00Z',
    });
  });

  it('includes every property when none are listed as required', () => {
    expect(sampleFromSchema({ properties: { a: { type: 'number' }, b: { type: ['null', 'string'] } } })).toEqual({ a: 1, b: 'sample b' });
  });

  it('builds arrays with minItems items, nested objects, and resolves local $refs', () => {
    const schema = {
      type: 'object',
      $defs: { point: { type: 'object', properties: { x: { type: 'integer' }, y: { type: 'integer' } }, required: ['x', 'y'] } },
      properties: { path: { type: 'array', minItems: 2, items: { $ref: '#/$defs/point' } } },
      required: ['path'],
    };
    expect(sampleFromSchema(schema)).toEqual({ path: [{ x: 1, y: 1 }, { x: 1, y: 1 }] });
  });

  it('takes the first non-null choice of anyOf and merges allOf objects', () => {
    expect(sampleFromSchema({ anyOf: [{ type: 'null' }, { type: 'integer' }] })).toBe(1);
    expect(sampleFromSchema({ allOf: [{ properties: { a: { type: 'boolean' } } }, { properties: { b: { const: 'x' } } }] })).toEqual({ a: true, b: 'x' });
  });

  it('reads Gemini upper-case types, and stops recursive schemas', () => {
    expect(sampleFromSchema({ type: 'OBJECT', properties: { n: { type: 'NUMBER' } }, required: ['n'] })).toEqual({ n: 1 });
    const recursive = { type: 'object', properties: { child: { $ref: '#' } }, required: ['child'] };
    const value = JSON.stringify(sampleFromSchema(recursive));
    expect(value).toContain('null');
  });

  it('always returns an object for tool arguments', () => {
    expect(sampleObjectFromSchema({ type: 'string' })).toEqual({});
    expect(sampleObjectFromSchema(undefined)).toEqual({});
  });
});
