// The flag readers: each accepts what its rule allows, and otherwise throws a UsageError whose
// message names the flag and the value given.
import { describe, expect, it } from 'vitest';
import {
  choiceFlag,
  FINITE_NUMBER,
  flagList,
  listFlag,
  NON_NEGATIVE_INTEGER,
  NON_NEGATIVE_NUMBER,
  numberFlag,
  PORT,
  POSITIVE_INTEGER,
  requireFlags,
} from '../../src/cli/args.ts';
import { UsageError } from '../../src/cli/command-error.ts';

type Values = { db?: string; model?: string; eval?: string; limit?: string; json?: boolean };

/** The UsageError `read` throws (fails the test when it throws nothing or something else). */
function usageErrorOf(read: () => unknown): UsageError {
  try {
    read();
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return error as UsageError;
  }
  throw new Error('expected a UsageError, nothing was thrown');
}

describe('flagList', () => {
  it('joins flag names the way the messages read', () => {
    expect(flagList(['db'])).toBe('--db');
    expect(flagList(['db', 'model'])).toBe('--db and --model');
    expect(flagList(['db', 'model', 'eval'])).toBe('--db, --model and --eval');
  });
});

describe('requireFlags', () => {
  it('returns the values when all are present', () => {
    const values: Values = { db: 'a.db', model: 'dir', json: true };
    expect(requireFlags(values, ['db', 'model'])).toEqual({ db: 'a.db', model: 'dir' });
  });

  it('names exactly the missing flags, with the usage text, and exit code 2', () => {
    const values: Values = { model: 'dir' };
    const error = usageErrorOf(() => requireFlags(values, ['db', 'model', 'eval']));
    expect(error.message).toBe('--db and --eval are required');
    expect(error.showUsage).toBe(true);
    expect(error.exitCode).toBe(2);
    expect(usageErrorOf(() => requireFlags({} as Values, ['db'])).message).toBe('--db is required');
    expect(usageErrorOf(() => requireFlags({} as Values, ['db', 'model', 'eval'])).message).toBe('--db, --model and --eval are required');
  });

  it('adds the condition under which the flags are needed', () => {
    expect(usageErrorOf(() => requireFlags({ db: 'x' } as Values, ['db', 'eval'], 'with --from-store')).message).toBe('--eval is required with --from-store');
  });

  it('counts an empty string as given (the command decides whether it is valid)', () => {
    expect(requireFlags({ db: '' } as Values, ['db'])).toEqual({ db: '' });
  });
});

describe('numberFlag', () => {
  it('returns the fallback when absent, or undefined without one', () => {
    expect(numberFlag({} as Values, 'limit', POSITIVE_INTEGER, 500)).toBe(500);
    expect(numberFlag({} as Values, 'limit', POSITIVE_INTEGER)).toBeUndefined();
  });

  it('parses accepted values', () => {
    expect(numberFlag({ limit: '12' } as Values, 'limit', POSITIVE_INTEGER, 1)).toBe(12);
    expect(numberFlag({ limit: '0' } as Values, 'limit', NON_NEGATIVE_INTEGER, 1)).toBe(0);
    expect(numberFlag({ limit: '0.25' } as Values, 'limit', NON_NEGATIVE_NUMBER, 1)).toBe(0.25);
    expect(numberFlag({ limit: '-3.5' } as Values, 'limit', FINITE_NUMBER, 1)).toBe(-3.5);
    expect(numberFlag({ limit: '8080' } as Values, 'limit', PORT)).toBe(8080);
  });

  it.each([
    [POSITIVE_INTEGER, '0', 'a positive integer'],
    [POSITIVE_INTEGER, '2.5', 'a positive integer'],
    [POSITIVE_INTEGER, 'ten', 'a positive integer'],
    [NON_NEGATIVE_INTEGER, '-1', 'a non-negative integer'],
    [NON_NEGATIVE_NUMBER, '-0.01', 'a non-negative number'],
    [NON_NEGATIVE_NUMBER, 'NaN', 'a non-negative number'],
    [FINITE_NUMBER, 'Infinity', 'a number'],
    [FINITE_NUMBER, '12abc', 'a number'],
    [PORT, '65536', 'an integer from 0 to 65535'],
  ])('rejects with the flag, the rule and the value (%#)', (rule, raw, description) => {
    const error = usageErrorOf(() => numberFlag({ limit: raw } as Values, 'limit', rule, 1));
    expect(error.message).toBe(`--limit must be ${description}, got "${raw}"`);
    expect(error.showUsage).toBe(false);
  });

  it('rejects a blank value instead of reading it as 0', () => {
    expect(usageErrorOf(() => numberFlag({ limit: '' } as Values, 'limit', FINITE_NUMBER, 7)).message).toBe('--limit must be a number, got ""');
    expect(usageErrorOf(() => numberFlag({ limit: '  ' } as Values, 'limit', NON_NEGATIVE_INTEGER, 7)).message).toContain('--limit');
  });
});

describe('choiceFlag', () => {
  const CHOICES = ['isotonic', 'platt'] as const;

  it('returns the choice, the fallback, or undefined', () => {
    expect(choiceFlag({ model: 'platt' } as Values, 'model', CHOICES, 'isotonic')).toBe('platt');
    expect(choiceFlag({} as Values, 'model', CHOICES, 'isotonic')).toBe('isotonic');
    expect(choiceFlag({} as Values, 'model', CHOICES)).toBeUndefined();
  });

  it('lists the choices when the value is not one of them (case matters)', () => {
    expect(usageErrorOf(() => choiceFlag({ model: 'Platt' } as Values, 'model', CHOICES)).message).toBe('--model must be one of isotonic, platt, got "Platt"');
  });
});

describe('listFlag', () => {
  it('splits on commas, trims, and drops empty items', () => {
    expect(listFlag({ model: 'a.jsonl, b.jsonl,,c.jsonl ' } as Values, 'model')).toEqual(['a.jsonl', 'b.jsonl', 'c.jsonl']);
    expect(listFlag({} as Values, 'model')).toBeUndefined();
  });

  it('rejects a value that lists nothing', () => {
    expect(usageErrorOf(() => listFlag({ model: ' , ' } as Values, 'model')).message).toBe('--model must be a comma-separated list, got " , "');
  });
});
