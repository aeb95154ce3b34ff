// `rung report --db FILE [--from ISO] [--to ISO] [--group-by G] [--tag NAME] [--compare-before ISO] [--json]`
// The figures of `GET /api/v1/analytics` from a SQLite store file, as aligned tables or as the
// same JSON the endpoint returns.
import { parseAnalyticsQuery } from '../../analytics/analytics-query.ts';
import { analyticsComparison, analyticsReport } from '../../analytics/analytics-report.ts';
import { flagOf, PROCESS_OUTPUT, type CommandOutput } from '../../analytics/cli-io.ts';
import { renderAnalyticsComparison, renderAnalyticsReport } from '../../analytics/render-report.ts';
import { RungError } from '../../errors/rung-error.ts';
import { GROUP_BY } from '../../store/types.ts';
import { requireFlags } from '../args.ts';
import { asUsageError } from '../command-error.ts';
import { runCommand } from '../run-command.ts';
import { requireDatabase, withStore } from '../store-file.ts';

const USAGE = `usage: rung report --db FILE [--from ISO] [--to ISO] [--group-by ${GROUP_BY.join('|')}] [--tag NAME]
                   [--compare-before ISO] [--json]
  --db FILE              the SQLite store (store.path in the config)
  --from, --to           ISO 8601 times; default: the last 24 hours
  --group-by             default model; tag needs --tag NAME
  --compare-before ISO   metrics before and after this instant instead of groups
  --json                 the JSON of GET /api/v1/analytics
`;

const OPTIONS = {
  db: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  'group-by': { type: 'string' },
  tag: { type: 'string' },
  'compare-before': { type: 'string' },
  json: { type: 'boolean' },
} as const;

export function run(argv: string[], output: CommandOutput = PROCESS_OUTPUT): Promise<number> {
  return runCommand({ name: 'report', usage: USAGE, options: OPTIONS }, argv, output, async ({ values }) => {
    const { db } = requireFlags(values, ['db']);
    requireDatabase(db);
    // The HTTP route's own parser, so the CLI accepts exactly what GET /api/v1/analytics does; its
    // errors name the query parameter, shown here as the flag that carries it.
    const query = asUsageError(
      RungError,
      () => parseAnalyticsQuery({ from: values.from, to: values.to, group_by: values['group-by'], tag: values.tag, compare_before: values['compare-before'] }, Date.now()),
      (error) => `${flagOf(error.param)}: ${error.message}`,
    );
    const json = values.json === true;
    const text = await withStore(db, async (store) => {
      if (query.kind === 'grouped') {
        const report = await analyticsReport(store.requests, query);
        return json ? `${JSON.stringify(report, null, 2)}\n` : renderAnalyticsReport(report);
      }
      const comparison = await analyticsComparison(store.requests, query);
      return json ? `${JSON.stringify(comparison, null, 2)}\n` : renderAnalyticsComparison(comparison);
    });
    output.stdout.write(text);
    return 0;
  });
}
