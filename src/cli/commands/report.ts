// `rung report --db FILE [--from ISO] [--to ISO] [--group-by G] [--tag NAME] [--compare-before ISO] [--json]`
// The figures of `GET /api/v1/analytics` from a SQLite store file, as aligned tables or as the
// same JSON the endpoint returns.
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { parseAnalyticsQuery } from '../../analytics/analytics-query.ts';
import { analyticsComparison, analyticsReport } from '../../analytics/analytics-report.ts';
import { flagOf, PROCESS_OUTPUT, type CommandOutput } from '../../analytics/cli-io.ts';
import { renderAnalyticsComparison, renderAnalyticsReport } from '../../analytics/render-report.ts';
import { RungError } from '../../errors/rung-error.ts';
import { openSqliteStore } from '../../store/sqlite/open-sqlite-store.ts';
import { GROUP_BY } from '../../store/types.ts';

const USAGE = `usage: rung report --db FILE [--from ISO] [--to ISO] [--group-by ${GROUP_BY.join('|')}] [--tag NAME]
                   [--compare-before ISO] [--json]
  --db FILE              the SQLite store (store.path in the config)
  --from, --to           ISO 8601 times; default: the last 24 hours
  --group-by             default model; tag needs --tag NAME
  --compare-before ISO   metrics before and after this instant instead of groups
  --json                 the JSON of GET /api/v1/analytics
`;

export async function run(argv: string[], output: CommandOutput = PROCESS_OUTPUT): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        db: { type: 'string' },
        from: { type: 'string' },
        to: { type: 'string' },
        'group-by': { type: 'string' },
        tag: { type: 'string' },
        'compare-before': { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    output.stderr.write(`rung report: ${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    return 2;
  }
  if (values.help === true) {
    output.stdout.write(USAGE);
    return 0;
  }
  if (values.db === undefined) {
    output.stderr.write(`rung report: --db is required\n\n${USAGE}`);
    return 2;
  }
  if (!existsSync(values.db)) {
    output.stderr.write(`rung report: no database at ${values.db}\n`);
    return 2;
  }
  let query;
  try {
    query = parseAnalyticsQuery(
      { from: values.from, to: values.to, group_by: values['group-by'], tag: values.tag, compare_before: values['compare-before'] },
      Date.now(),
    );
  } catch (error) {
    if (!(error instanceof RungError)) throw error;
    output.stderr.write(`rung report: ${flagOf(error.param)}: ${error.message}\n`);
    return 2;
  }
  const store = await openSqliteStore({ path: values.db });
  try {
    if (query.kind === 'grouped') {
      const report = await analyticsReport(store.requests, query);
      output.stdout.write(values.json === true ? `${JSON.stringify(report, null, 2)}\n` : renderAnalyticsReport(report));
    } else {
      const comparison = await analyticsComparison(store.requests, query);
      output.stdout.write(values.json === true ? `${JSON.stringify(comparison, null, 2)}\n` : renderAnalyticsComparison(comparison));
    }
  } finally {
    await store.close();
  }
  return 0;
}
