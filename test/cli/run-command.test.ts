// The frame every command runs in: parse errors and usage errors exit 2 with `rung <name>: …`,
// --help prints the usage on stdout, and failures from the command's work get their exit code.
import { describe, expect, it } from 'vitest';
import type { CommandOutput } from '../../src/analytics/cli-io.ts';
import { requireFlags } from '../../src/cli/args.ts';
import { CommandError, UsageError } from '../../src/cli/command-error.ts';
import { runCommand, type ParsedArgs } from '../../src/cli/run-command.ts';
import { capture } from './capture.ts';

const USAGE = 'usage: rung demo --db FILE [--json]\n';
const OPTIONS = { db: { type: 'string' }, json: { type: 'boolean' } } as const;

/** A command named `demo` whose work is `work`. */
function demo(work: (parsed: ParsedArgs<typeof OPTIONS>) => Promise<number>, positionals = false) {
  return (argv: string[], output: CommandOutput) => runCommand({ name: 'demo', usage: USAGE, options: OPTIONS, positionals }, argv, output, work);
}

const succeed = demo(() => Promise.resolve(0));

describe('runCommand', () => {
  it('hands the typed values to the work and returns its exit code', async () => {
    let seen: unknown;
    const command = demo(({ values }) => {
      seen = values;
      return Promise.resolve(values.json === true ? 5 : 0);
    });
    expect((await capture(command, ['--db', 'a.db', '--json'])).code).toBe(5);
    expect(seen).toEqual({ db: 'a.db', json: true });
  });

  it('exits 2 naming an unknown flag, with the usage after the message', async () => {
    const { code, stdout, stderr } = await capture(succeed, ['--db', 'a.db', '--bogus']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^rung demo: Unknown option '--bogus'.*\n\nusage: rung demo/s);
    expect(stderr.endsWith(USAGE)).toBe(true);
  });

  it('exits 2 naming a flag given without its value, or a boolean given one', async () => {
    const missing = await capture(succeed, ['--db']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("'--db <value>' argument missing");
    const valued = await capture(succeed, ['--json=yes']);
    expect(valued.code).toBe(2);
    expect(valued.stderr).toContain('--json');
  });

  it('rejects bare words unless the command takes them', async () => {
    expect((await capture(succeed, ['list'])).code).toBe(2);
    let words: string[] = [];
    const command = demo(({ positionals }) => {
      words = positionals;
      return Promise.resolve(0);
    }, true);
    expect((await capture(command, ['promote', 'v2', '--db', 'a.db'])).code).toBe(0);
    expect(words).toEqual(['promote', 'v2']);
  });

  it('prints the usage on stdout for --help and -h, without running the work', async () => {
    let ran = false;
    const command = demo(() => {
      ran = true;
      return Promise.resolve(0);
    });
    for (const flag of ['--help', '-h']) {
      const { code, stdout, stderr } = await capture(command, [flag]);
      expect({ code, stdout, stderr }).toEqual({ code: 0, stdout: USAGE, stderr: '' });
    }
    expect(ran).toBe(false);
  });

  it('reports a missing required flag with the usage, exit 2', async () => {
    const command = demo(({ values }) => {
      requireFlags(values, ['db']);
      return Promise.resolve(0);
    });
    expect(await capture(command, [])).toEqual({ code: 2, stdout: '', stderr: `rung demo: --db is required\n\n${USAGE}` });
  });

  it('reports a UsageError without the usage unless it asks for it', async () => {
    const command = demo(() => Promise.reject(new UsageError('no database at a.db')));
    expect(await capture(command, [])).toEqual({ code: 2, stdout: '', stderr: 'rung demo: no database at a.db\n' });
  });

  it('uses a CommandError exit code, and 1 for any other failure', async () => {
    expect(await capture(demo(() => Promise.reject(new CommandError('check could not run', 3))), [])).toEqual({ code: 3, stdout: '', stderr: 'rung demo: check could not run\n' });
    expect(await capture(demo(() => Promise.reject(new Error('disk full'))), [])).toEqual({ code: 1, stdout: '', stderr: 'rung demo: disk full\n' });
  });

  it('also catches errors the work throws before its first await', async () => {
    const command = demo(() => {
      throw new UsageError('thrown synchronously');
    });
    expect(await capture(command, [])).toEqual({ code: 2, stdout: '', stderr: 'rung demo: thrown synchronously\n' });
  });
});
