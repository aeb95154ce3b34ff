// `rung models list|promote VERSION|rollback --db FILE [--json]`: the scorer model registry.
// `list` shows every registered version (registration order) with its directory, creation time,
// active flag and key metrics; `promote` makes a version active; `rollback` re-activates the
// version that was active before the current one (the `previous` of the last activation, so two
// rollbacks in a row swap back).
import { PROCESS_OUTPUT, type CommandOutput } from '../../analytics/cli-io.ts';
import type { ModelRegistryStore } from '../../store/types.ts';
import { requireFlags } from '../args.ts';
import { errorMessage, UsageError } from '../command-error.ts';
import { runCommand } from '../run-command.ts';
import { requireDatabase, withStore } from '../store-file.ts';

const USAGE = `usage: rung models <list|promote VERSION|rollback> --db FILE [--json]
  list              registered scorer versions, the active one marked *
  promote VERSION   make VERSION the active model
  rollback          re-activate the version active before the current one
  --db FILE         the SQLite store (store.path in the config)
  --json            machine-readable output
`;

const OPTIONS = { db: { type: 'string' }, json: { type: 'boolean' } } as const;

const KEY_METRICS = ['apgr', 'auc', 'cpt50', 'cpt80'] as const;

const SUBCOMMANDS = ['list', 'promote', 'rollback'];

export function run(argv: string[], output: CommandOutput = PROCESS_OUTPUT): Promise<number> {
  return runCommand({ name: 'models', usage: USAGE, options: OPTIONS, positionals: true }, argv, output, async ({ values, positionals }) => {
    const [subcommand, ...operands] = positionals;
    if (subcommand === 'help') {
      output.stdout.write(USAGE);
      return 0;
    }
    const expected = subcommand === 'promote' ? 1 : 0;
    if (subcommand === undefined || !SUBCOMMANDS.includes(subcommand) || operands.length !== expected) {
      throw new UsageError(subcommand === undefined ? 'a subcommand is required' : `bad arguments for "${[subcommand, ...operands].join(' ')}"`, { showUsage: true });
    }
    const { db } = requireFlags(values, ['db']);
    requireDatabase(db);
    const json = values.json === true;
    return withStore(db, async (store) => {
      try {
        if (subcommand === 'list') return await list(store.models, output, json);
        if (subcommand === 'promote') return await activate(store.models, operands[0] ?? '', output, json);
        return await rollback(store.models, output, json);
      } catch (error) {
        // Named by subcommand, like rollback's own refusal: `rung models promote: no version …`.
        output.stderr.write(`rung models ${subcommand}: ${errorMessage(error)}\n`);
        return 1;
      }
    });
  });
}

/** APGR and AUC as fractions; CPT is a share of strong calls in percent. */
function metricCell(name: (typeof KEY_METRICS)[number], value: number | undefined): string {
  if (value === undefined) return 'n/a';
  return name.startsWith('cpt') ? `${value.toFixed(1)}%` : value.toFixed(4);
}

async function list(models: ModelRegistryStore, output: CommandOutput, json: boolean): Promise<number> {
  const versions = await models.list();
  const active = (await models.active())?.version ?? null;
  if (json) {
    output.stdout.write(`${JSON.stringify({ active, versions: versions.map((v) => ({ ...v, active: v.version === active })) }, null, 2)}\n`);
    return 0;
  }
  if (versions.length === 0) {
    output.stdout.write('no model versions registered\n');
    return 0;
  }
  const rows = versions.map((v) => [
    v.version === active ? '*' : ' ',
    v.version,
    new Date(v.createdAt).toISOString().replace(/\.\d+Z$/, 'Z'),
    ...KEY_METRICS.map((name) => metricCell(name, v.metrics[name])),
    v.dir,
  ]);
  const header = [' ', 'version', 'created', ...KEY_METRICS, 'dir'];
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)));
  const line = (cells: string[]): string => cells.map((cell, column) => (column === cells.length - 1 ? cell : cell.padEnd(widths[column] ?? 0))).join('  ');
  output.stdout.write(`${[line(header), ...rows.map(line)].join('\n')}\n`);
  return 0;
}

async function activate(models: ModelRegistryStore, version: string, output: CommandOutput, json: boolean): Promise<number> {
  const activation = await models.setActive(version);
  if (json) output.stdout.write(`${JSON.stringify({ active: version, activation })}\n`);
  else if (activation === null) output.stdout.write(`${version} is already active\n`);
  else output.stdout.write(`${version} is now active (${activation.kind}; previously ${activation.previous ?? 'none'})\n`);
  return 0;
}

async function rollback(models: ModelRegistryStore, output: CommandOutput, json: boolean): Promise<number> {
  const last = (await models.history()).at(-1);
  if (last === undefined || last.previous === null) {
    output.stderr.write(`rung models rollback: ${last === undefined ? 'no version has been active' : `${last.version} is the first active version; there is nothing to roll back to`}\n`);
    return 1;
  }
  return activate(models, last.previous, output, json);
}
