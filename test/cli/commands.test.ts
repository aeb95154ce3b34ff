// Every command, through its exported run(), on arguments it must refuse before doing any work:
// exit 2 and a `rung <command>: …` line naming the flag. Nothing here loads a model, opens a store
// or listens on a port.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CommandOutput } from '../../src/analytics/cli-io.ts';
import { run as ab } from '../../src/cli/commands/ab.ts';
import { run as drift } from '../../src/cli/commands/drift.ts';
import { run as evaluate } from '../../src/cli/commands/eval.ts';
import { run as models } from '../../src/cli/commands/models.ts';
import { run as report } from '../../src/cli/commands/report.ts';
import { run as score } from '../../src/cli/commands/score.ts';
import { run as serve } from '../../src/cli/commands/serve.ts';
import { run as train } from '../../src/cli/commands/train.ts';
import { capture } from './capture.ts';

const folder = mkdtempSync(join(tmpdir(), 'rung-cli-commands-'));
const missingDb = join(folder, 'missing.db');
afterAll(() => rmSync(folder, { recursive: true, force: true }));

type Run = (argv: string[], output: CommandOutput) => Promise<number>;

/** Each command with the words before its flags (`ab replay`) and a complete set of required flags. */
const COMMANDS: { name: string; run: Run; prefix: string[]; required: string[] }[] = [
  { name: 'serve', run: serve, prefix: [], required: [] },
  { name: 'train', run: train, prefix: [], required: ['--data', 'd.jsonl', '--out', 'dir'] },
  { name: 'score', run: score, prefix: [], required: ['--input', 'in.jsonl', '--output', 'out.jsonl'] },
  { name: 'report', run: report, prefix: [], required: ['--db', missingDb] },
  { name: 'ab report', run: ab, prefix: ['report'], required: ['--db', missingDb, '--config', 'c.yaml', '--id', 'x'] },
  { name: 'ab replay', run: ab, prefix: ['replay'], required: ['--from-store', missingDb, '--candidate', 'dir'] },
  { name: 'models', run: models, prefix: ['list'], required: ['--db', missingDb] },
  { name: 'drift', run: drift, prefix: [], required: ['--db', missingDb, '--model', 'dir', '--eval', 'e.jsonl'] },
  { name: 'eval', run: evaluate, prefix: [], required: ['--data', 'd.jsonl'] },
];

describe.each(COMMANDS)('rung $name', ({ name, run, prefix, required }) => {
  it('exits 2 naming an unknown flag, with its usage', async () => {
    const { code, stderr } = await capture(run, [...prefix, ...required, '--bogus']);
    expect(code).toBe(2);
    expect(stderr).toMatch(new RegExp(`^rung ${name}: Unknown option '--bogus'`));
    expect(stderr).toContain(`usage: rung ${name.split(' ')[0] ?? ''}`);
  });

  it('prints its usage on stdout for --help', async () => {
    const { code, stdout, stderr } = await capture(run, [...prefix, '--help']);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).toMatch(/^usage: rung /);
  });
});

describe('required flags', () => {
  it.each([
    ['train', train, ['--out', 'dir'], 'rung train: --data is required\n'],
    ['train --from-store', train, ['--from-store', missingDb, '--out', 'dir'], 'rung train: --eval is required with --from-store\n'],
    ['score', score, ['--input', 'in.jsonl'], 'rung score: --output is required\n'],
    ['report', report, [], 'rung report: --db is required\n'],
    ['ab report', ab, ['report', '--db', missingDb], 'rung ab report: --config and --id are required\n'],
    ['ab replay', ab, ['replay'], 'rung ab replay: --from-store and --candidate are required\n'],
    ['models', models, ['list'], 'rung models: --db is required\n'],
    ['drift', drift, ['--model', 'dir'], 'rung drift: --db and --eval are required\n'],
    ['eval', evaluate, [], 'rung eval: --data is required\n'],
  ] as [string, Run, string[], string][])('%s names the missing ones, then the usage (exit 2)', async (_name, run, argv, message) => {
    const { code, stderr } = await capture(run, argv);
    expect(code).toBe(2);
    expect(stderr.startsWith(`${message}\nusage: rung `)).toBe(true);
  });
});

describe('flag values', () => {
  it.each([
    ['serve', serve, ['--port', 'http'], 'rung serve: --port must be an integer from 0 to 65535, got "http"\n'],
    ['train', train, ['--data', 'd.jsonl', '--out', 'dir', '--dim=-8'], 'rung train: --dim must be a non-negative integer, got "-8"\n'],
    ['train', train, ['--data', 'd.jsonl', '--out', 'dir', '--val-share', '1'], 'rung train: --val-share must be in [0, 1), got "1"\n'],
    ['train', train, ['--data', 'd.jsonl', '--out', 'dir', '--group-by', 'week'], 'rung train: --group-by must be one of domain, task, source, got "week"\n'],
    ['train', train, ['--data', 'd.jsonl', '--out', 'dir', '--calibration', 'linear'], 'rung train: --calibration must be one of isotonic, platt, got "linear"\n'],
    ['train --from-store', train, ['--from-store', missingDb, '--out', 'dir', '--eval', 'e.jsonl', '--tolerance', 'low'], 'rung train: --tolerance must be a non-negative number, got "low"\n'],
    ['ab replay', ab, ['replay', '--from-store', missingDb, '--candidate', 'dir', '--limit', '0'], 'rung ab replay: --limit must be a positive integer, got "0"\n'],
    ['ab replay', ab, ['replay', '--from-store', missingDb, '--candidate', 'dir', '--policy', 'cheapest'], 'rung ab replay: --policy must be one of cost_optimized, balanced, quality_first, got "cheapest"\n'],
    ['drift', drift, ['--db', missingDb, '--model', 'dir', '--eval', 'e.jsonl', '--recent', '2.5'], 'rung drift: --recent must be a non-negative integer, got "2.5"\n'],
    ['drift', drift, ['--db', missingDb, '--model', 'dir', '--eval', 'e.jsonl', '--tolerance=-0.1'], 'rung drift: --tolerance must be a non-negative number, got "-0.1"\n'],
    ['eval', evaluate, ['--data', 'd.jsonl', '--seed', 'abc'], 'rung eval: --seed must be a number, got "abc"\n'],
    ['eval', evaluate, ['--data', 'd.jsonl', '--tolerance', ''], 'rung eval: --tolerance must be a non-negative number, got ""\n'],
  ] as [string, Run, string[], string][])('%s: a bad value exits 2 with one line naming the flag', async (_name, run, argv, message) => {
    expect(await capture(run, argv)).toEqual({ code: 2, stdout: '', stderr: message });
  });
});

describe('store files and subcommands', () => {
  it.each([
    ['report', report, ['--db', missingDb]],
    ['ab report', ab, ['report', '--db', missingDb, '--config', 'c.yaml', '--id', 'x']],
    ['ab replay', ab, ['replay', '--from-store', missingDb, '--candidate', 'dir']],
    ['models', models, ['list', '--db', missingDb]],
    ['drift', drift, ['--db', missingDb, '--model', 'dir', '--eval', 'e.jsonl']],
  ] as [string, Run, string[]][])('%s refuses a store file that does not exist', async (name, run, argv) => {
    expect(await capture(run, argv)).toEqual({ code: 2, stdout: '', stderr: `rung ${name}: no database at ${missingDb}\n` });
  });

  it('models: a missing or unknown subcommand, or a missing operand, is a usage error', async () => {
    const none = await capture(models, ['--db', missingDb]);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/^rung models: a subcommand is required\n\nusage: rung models/);
    expect((await capture(models, ['frobnicate', '--db', missingDb])).stderr).toMatch(/^rung models: bad arguments for "frobnicate"/);
    expect((await capture(models, ['promote', '--db', missingDb])).code).toBe(2);
  });

  it('serve: an invalid config file exits 2 with the file and the problem', async () => {
    const { code, stderr } = await capture(serve, ['--config', join(folder, 'none.yaml')]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^rung serve: invalid config .*none\.yaml:\n {2}cannot read file/);
  });
});
