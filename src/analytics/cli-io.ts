// Where the report commands write: the process's streams, or anything with `write` (tests pass
// collectors). Kept apart so the commands stay `run(argv)` for the CLI's command table.
export interface CommandOutput {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
}

export const PROCESS_OUTPUT: CommandOutput = { stdout: process.stdout, stderr: process.stderr };

/** A RungError's `param` as the command-line flag that carries it: `group_by` → `--group-by`. */
export function flagOf(param: string | undefined): string {
  return param === undefined ? '' : `--${param.replaceAll('_', '-')}`;
}
