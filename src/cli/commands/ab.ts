// `rung ab <subcommand>`: A/B experiments. `report --db FILE --config FILE --id EXP [--json]` prints
// one experiment's arms with 95% intervals, the differences and the verdict, from a SQLite store
// file and the experiment as configured (only the config's `experiments:` section is read).
import { PROCESS_OUTPUT, type CommandOutput } from '../../analytics/cli-io.ts';
import { buildExperimentReports, experimentReportBody } from '../../analytics/experiment-reports.ts';
import { readExperimentsConfig } from '../../analytics/experiments-config.ts';
import { ConfigError } from '../../config/config-error.ts';
import { renderExperimentReport } from '../../experiments/render.ts';
import { requireFlags } from '../args.ts';
import { asUsageError, UsageError } from '../command-error.ts';
import { runCommand } from '../run-command.ts';
import { requireDatabase, withStore } from '../store-file.ts';

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

const REPORT_OPTIONS = { db: { type: 'string' }, config: { type: 'string' }, id: { type: 'string' }, json: { type: 'boolean' } } as const;

function report(argv: string[], output: CommandOutput): Promise<number> {
  return runCommand({ name: 'ab report', usage: USAGE, options: REPORT_OPTIONS }, argv, output, async ({ values }) => {
    const { db, config, id } = requireFlags(values, ['db', 'config', 'id']);
    requireDatabase(db);
    // Only the `experiments:` section is read, so a config whose secrets are not set still works.
    const experiments = asUsageError(ConfigError, () => readExperimentsConfig(config));
    const experiment = experiments.find((candidate) => candidate.id === id);
    if (experiment === undefined) {
      const known = experiments.map((candidate) => candidate.id);
      throw new UsageError(`no experiment "${id}" in ${config} (${known.length === 0 ? 'it has none' : `it has ${known.join(', ')}`})`);
    }
    const [built] = await withStore(db, (store) => buildExperimentReports(store, [experiment], Date.now()));
    if (built === undefined) throw new Error('the experiment report was not built');
    output.stdout.write(values.json === true ? `${JSON.stringify(experimentReportBody(built), null, 2)}\n` : renderExperimentReport(built.report));
    return 0;
  });
}
