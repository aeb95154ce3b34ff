// Which errors become usage errors (exit 2) and which pass through untouched.
import { describe, expect, it } from 'vitest';
import { asUsageError, CommandError, errorMessage, UsageError } from '../../src/cli/command-error.ts';
import { ConfigError } from '../../src/config/config-error.ts';

describe('asUsageError', () => {
  it('returns the result when nothing is thrown', () => {
    expect(asUsageError(ConfigError, () => 42)).toBe(42);
  });

  it('turns the known error into a UsageError with its message, or the described one', () => {
    const bad = () => {
      throw new ConfigError('rung.yaml', ['server.port: expected a number']);
    };
    let caught: unknown;
    try {
      asUsageError(ConfigError, bad);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(UsageError);
    expect((caught as UsageError).message).toBe('invalid config rung.yaml:\n  server.port: expected a number');
    expect((caught as UsageError).exitCode).toBe(2);
    expect(() => asUsageError(ConfigError, bad, (error) => `${error.issues.length} issue`)).toThrow(new UsageError('1 issue'));
  });

  it('lets any other error through unchanged', () => {
    const io = new Error('EACCES');
    expect(() =>
      asUsageError(ConfigError, () => {
        throw io;
      }),
    ).toThrow(io);
  });
});

describe('CommandError and UsageError', () => {
  it('carry the exit code, and show the usage only when asked', () => {
    expect(new CommandError('check failed', 3)).toMatchObject({ exitCode: 3, showUsage: false });
    expect(new UsageError('--db is required', { showUsage: true })).toMatchObject({ exitCode: 2, showUsage: true });
    expect(new UsageError('no database at x')).toBeInstanceOf(CommandError);
  });
});

describe('errorMessage', () => {
  it('is the message of an Error and the string of anything else', () => {
    expect(errorMessage(new Error('boom'))).toBe('boom');
    expect(errorMessage('plain')).toBe('plain');
    expect(errorMessage(404)).toBe('404');
  });
});
