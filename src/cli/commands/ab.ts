// `rung ab <subcommand>`: A/B experiments. `report --db FILE --config FILE --id EXP [--json]` prints
// one experiment's arms with 95% intervals, the differences and the verdict, from a SQLite store
// file and the experiment as configured (only the config's `experiments:` section is read).
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { flagOf, PROCESS_OUTPUT, type CommandOutput } from '../../analytics/cli-io.ts';
import { buildExperimentReports, experimentReportBody } from '../../analytics/experiment-reports.ts';
import { readExperimentsConfig } from '../../analytics/experiments-config.ts';
import { ConfigError } from '../../config/config-error.ts';
import { renderExperimentReport } from '../../experiments/render.ts';
import { openSqliteStore } from '../../store/sqlite/open-sqlite-store.ts';

const USAGE = `usage: rung ab report --db FILE --config FILE --id EXPERIMENT [--json]
  --db FILE       the SQLite store (store.path in the config)
  --config FILE   the gateway config holding the experiment (experiments:)
  --id ID         the experiment's id
  --json          the JSON of GET /api/v1/experiments/{id}
`;

export async function run(argv: string[], output: CommandOutput = PROCESS_OUTPUT): Promise<number> {
  const [subcommand, ...rest] = argv;
  if (subcommand === 'report') return report(rest, output);
  if (subcommand === 'replay') return (await import('./ab-replay.ts')).run(rest, output);
  if (subcommand === undefined || subcommand === '--help' || subcommand === '-h' || subcommand === 'help') {
    output.stdout.write(USAGE);
    return subcommand === undefined ? 2 : 0;
  }
  output.stderr.write(`rung ab: unknown subcommand "${subcommand}"\n\n${USAGE}`);
  return 2;
}

async function report(argv: string[], output: CommandOutput): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: { db: { type: 'string' }, config: { type: 'string' }, id: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    }));
  } catch (error) {
    output.stderr.write(`rung ab report: ${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    return 2;
  }
  if (values.help === true) {
    output.stdout.write(USAGE);
    return 0;
  }
  const missing = (['db', 'config', 'id'] as const).filter((name) => values[name] === undefined);
  if (missing.length > 0) {
    output.stderr.write(`rung ab report: ${missing.map((name) => flagOf(name)).join(', ')} required\n\n${USAGE}`);
    return 2;
  }
  const { db, config, id } = values as { db: string; config: string; id: string };
  if (!existsSync(db)) {
    output.stderr.write(`rung ab report: no database at ${db}\n`);
    return 2;
  }
  let experiments;
  try {
    experiments = readExperimentsConfig(config);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    output.stderr.write(`rung ab report: ${error.message}\n`);
    return 2;
  }
  const experiment = experiments.find((candidate) => candidate.id === id);
  if (experiment === undefined) {
    const known = experiments.map((candidate) => candidate.id);
    output.stderr.write(`rung ab report: no experiment "${id}" in ${config} (${known.length === 0 ? 'it has none' : `it has ${known.join(', ')}`})\n`);
    return 2;
  }
  const store = await openSqliteStore({ path: db });
  try {
    const [built] = await buildExperimentReports(store, [experiment], Date.now());
    if (built === undefined) throw new Error('the experiment report was not built');
    output.stdout.write(values.json === true ? `${JSON.stringify(experimentReportBody(built), null, 2)}\n` : renderExperimentReport(built.report));
  } finally {
    await store.close();
  }
  return 0;
}
