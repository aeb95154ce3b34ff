// How a `rung` command says it failed. A command throws one of these instead of writing to stderr
// and returning a code itself, so that every command reports failures the same way: one line
// `rung <command>: message`, the usage text after it where the arguments were wrong, and a
// documented exit code (run-command.ts does the writing).

export interface CommandErrorOptions {
  /** Print the command's usage text after the message: the arguments themselves were wrong. */
  showUsage?: boolean;
}

/** A failure with a chosen exit code (any other error exits 1). */
export class CommandError extends Error {
  readonly exitCode: number;
  readonly showUsage: boolean;

  constructor(message: string, exitCode: number, options: CommandErrorOptions = {}) {
    super(message);
    this.name = 'CommandError';
    this.exitCode = exitCode;
    this.showUsage = options.showUsage ?? false;
  }
}

/** Bad arguments, or an input the command cannot start with (no such store, invalid config): exit 2. */
export class UsageError extends CommandError {
  constructor(message: string, options: CommandErrorOptions = {}) {
    super(message, 2, options);
    this.name = 'UsageError';
  }
}

/** The text to show for anything thrown: its message when it is an Error. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Runs `attempt`, turning a `known` error (say a ConfigError: the user's file is wrong) into a
 * UsageError with `describe(error)` as its message; anything else is a bug or an I/O failure and
 * goes on unchanged.
 */
export function asUsageError<T, E extends Error>(
  known: abstract new (...args: never[]) => E,
  attempt: () => T,
  describe: (error: E) => string = (error) => error.message,
): T {
  try {
    return attempt();
  } catch (error) {
    if (error instanceof known) throw new UsageError(describe(error));
    throw error;
  }
}
