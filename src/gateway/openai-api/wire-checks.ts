// Small shared pieces for validating a client's OpenAI request body: type guards and the
// OpenAI-style error messages. Every failure is a RungError('invalid_request') whose `param` is
// the exact path of the field at fault. Paths are built only when an error is thrown, so the
// happy path allocates no strings for them.
import { RungError } from '../../errors/rung-error.ts';

/**
 * The shape JSON.parse gives for `{...}`; arrays and null are excluded. Validators read fixed
 * field names (`model`, `role`...) none of which exist on Object.prototype, so plain property
 * access cannot pick up an inherited value; keys taken from the body itself are iterated as own keys.
 */
export type WireObject = Record<string, unknown>;

export function isWireObject(value: unknown): value is WireObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  switch (typeof value) {
    case 'string':
      return 'a string';
    case 'number':
      return 'a number';
    case 'boolean':
      return 'a boolean';
    case 'object':
      return 'an object';
    default:
      return typeof value;
  }
}

export function missingParam(param: string): RungError {
  return new RungError('invalid_request', `Missing required parameter: '${param}'.`, { param });
}

export function wrongType(param: string, expected: string, value: unknown): RungError {
  return new RungError('invalid_request', `Invalid type for '${param}': expected ${expected}, but got ${describe(value)}.`, { param });
}

export function badValue(param: string, reason: string): RungError {
  return new RungError('invalid_request', `Invalid value for '${param}': ${reason}`, { param });
}

/** OpenAI's rule for function and schema names. */
const NAME_PATTERN = /^[a-zA-Z0-9_-]{1,64}$/;

export function isValidName(value: string): boolean {
  return NAME_PATTERN.test(value);
}

/** A client value echoed in a message, cut short so a huge string cannot bloat the error. */
export function quote(value: string): string {
  return value.length <= 64 ? `'${value}'` : `'${value.slice(0, 61)}...'`;
}
