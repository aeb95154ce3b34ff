// `rung models list|promote VERSION|rollback --db FILE [--json]`: the scorer model registry.
// `list` shows every registered version (registration order) with its directory, creation time,
// active flag and key metrics; `promote` makes a version active; `rollback` re-activates the
// version that was active before the current one (the `previous` of the last activation, so two
// rollbacks in a row swap back).
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { PROCESS_OUTPUT, type CommandOutput } from '../../analytics/cli-io.ts';
import { openSqliteStore } from '../../store/sqlite/open-sqlite-store.ts';
import type { ModelRegistryStore } from '../../store/types.ts';

const USAGE = `usage: rung models <list|promote VERSION|rollback> --db FILE [--json]
  list              registered scorer versions, the active one marked *
  promote VERSION   make VERSION the active model
  rollback          re-activate the version active before the current one
  --db FILE         the SQLite store (store.path in the config)
  --json            machine-readable output
`;

const KEY_METRICS = ['apgr', 'auc', 'cpt50', 'cpt80'] as const;

export async function run(argv: string[], output: CommandOutput = PROCESS_OUTPUT): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: true,
      options: { db: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (error) {
    output.stderr.write(`rung models: ${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [subcommand, ...operands] = positionals;
  if (values.help === true || subcommand === 'help') {
    output.stdout.write(USAGE);
    return 0;
  }
  const expected = subcommand === 'promote' ? 1 : 0;
  if (subcommand === undefined || !['list', 'promote', 'rollback'].includes(subcommand) || operands.length !== expected) {
    output.stderr.write(`rung models: ${subcommand === undefined ? 'a subcommand is required' : `bad arguments for "${[subcommand, ...operands].join(' ')}"`}\n\n${USAGE}`);
    return 2;
  }
  if (values.db === undefined) {
    output.stderr.write(`rung models: --db is required\n\n${USAGE}`);
    return 2;
  }
  if (!existsSync(values.db)) {
    output.stderr.write(`rung models: no database at ${values.db}\n`);
    return 2;
  }
  const store = await openSqliteStore({ path: values.db });
  try {
    if (subcommand === 'list') return await list(store.models, output, values.json === true);
    if (subcommand === 'promote') return await activate(store.models, operands[0] ?? '', output, values.json === true);
    return await rollback(store.models, output, values.json === true);
  } catch (error) {
    output.stderr.write(`rung models ${subcommand}: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  } finally {
    await store.close();
  }
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
