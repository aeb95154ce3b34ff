// Runs a command with its output collected instead of written to the terminal.
import type { CommandOutput } from '../../src/analytics/cli-io.ts';

export interface Captured {
  code: number;
  stdout: string;
  stderr: string;
}

export async function capture(command: (argv: string[], output: CommandOutput) => Promise<number>, argv: string[]): Promise<Captured> {
  let stdout = '';
  let stderr = '';
  const code = await command(argv, { stdout: { write: (text: string) => (stdout += text) }, stderr: { write: (text: string) => (stderr += text) } });
  return { code, stdout, stderr };
}
