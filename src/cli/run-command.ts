// The frame every `rung <command>` runs in: parse the flags strictly, answer --help / -h, run the
// command's own work, and turn whatever it throws into one stderr line and an exit code:
//   usage errors (unknown flag, missing value, CommandError with showUsage) → message + usage, 2
//   other CommandErrors (bad flag value, no such store, …)                  → message, their code
//   anything else (I/O, a failing model, a bug)                             → message, 1
// Each message starts `rung <command>: `, so the commands hold only what differs between them.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { CommandOutput } from '../analytics/cli-io.ts';
import { CommandError, errorMessage, UsageError } from './command-error.ts';

type OptionsConfig = NonNullable<ParseArgsConfig['options']>;

/** Every command takes --help / -h; the commands do not declare it. */
const HELP_OPTION = { help: { type: 'boolean', short: 'h' } } as const;

export interface CommandSpec<O extends OptionsConfig> {
  /** As the messages name it: `score`, `ab replay`. */
  name: string;
  /** Printed for --help (stdout) and after usage errors (stderr). */
  usage: string;
  /** parseArgs options, without help. */
  options: O;
  /** Whether bare words (subcommands, operands) are allowed; by default they are usage errors. */
  positionals?: boolean;
}

/** What the command's work receives: typed values for its options, and the bare words. */
export type ParsedArgs<O extends OptionsConfig> = ReturnType<typeof parseArgs<{ args: string[]; options: O & typeof HELP_OPTION; strict: true; allowPositionals: true }>>;

export async function runCommand<O extends OptionsConfig>(
  spec: CommandSpec<O>,
  argv: readonly string[],
  output: CommandOutput,
  work: (parsed: ParsedArgs<O>) => Promise<number>,
): Promise<number> {
  let parsed: ParsedArgs<O>;
  try {
    parsed = parseArgs({ args: [...argv], options: { ...spec.options, ...HELP_OPTION }, strict: true, allowPositionals: spec.positionals ?? false }) as ParsedArgs<O>;
  } catch (error) {
    // parseArgs names the flag: "Unknown option '--bogus'", "Option '--db <value>' argument missing".
    return fail(spec, output, new UsageError(errorMessage(error), { showUsage: true }));
  }
  if ((parsed.values as { help?: boolean }).help === true) {
    output.stdout.write(spec.usage);
    return 0;
  }
  try {
    return await work(parsed);
  } catch (error) {
    return fail(spec, output, error);
  }
}

function fail(spec: CommandSpec<OptionsConfig>, output: CommandOutput, error: unknown): number {
  const usage = error instanceof CommandError && error.showUsage ? `\n${spec.usage}` : '';
  output.stderr.write(`rung ${spec.name}: ${errorMessage(error)}\n${usage}`);
  return error instanceof CommandError ? error.exitCode : 1;
}
