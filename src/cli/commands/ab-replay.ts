// `rung ab replay --from-store DB --candidate DIR [--policy cost_optimized] [--limit N] [--json]`
// Replays logged requests through a candidate scorer (src/learning/ab-replay.ts): how many would
// change tier, the estimated cost change and the quality risk. Prints a table, then the JSON
// report; `--json` prints the JSON only. `argv` may start with the word `replay` (when `rung ab`
// hands over its whole argument list) or not.
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { PROCESS_OUTPUT, type CommandOutput } from '../../analytics/cli-io.ts';
import { DEFAULT_REPLAY_LIMIT, replayCandidate, type ReplayReport } from '../../learning/ab-replay.ts';
import { POLICY_CHEAP_SHARES, type PolicyName } from '../../scorer/thresholds.ts';
import { openSqliteStore } from '../../store/sqlite/open-sqlite-store.ts';

const POLICIES = Object.keys(POLICY_CHEAP_SHARES) as PolicyName[];

const USAGE = `usage: rung ab replay --from-store DB --candidate DIR [--policy cost_optimized] [--limit ${DEFAULT_REPLAY_LIMIT}] [--json]
  --from-store DB   the SQLite store with logged requests (prompts kept) and outcomes
  --candidate DIR   the candidate scorer model directory
  --policy NAME     whose threshold decides cheap vs strong: ${POLICIES.join(' | ')}
  --limit N         replay at most the N newest requests
  --json            print the JSON report only
`;

function usd(value: number): string {
  return `$${value.toFixed(value !== 0 && Math.abs(value) < 0.01 ? 6 : 4)}`;
}

export function renderReplay(report: ReplayReport): string {
  const rows: [string, string][] = [
    ['candidate', report.candidate],
    ['policy (threshold)', `${report.policy} (score >= ${report.threshold.toFixed(4)} → strong)`],
    ['requests replayed', `${report.requests.replayed} of ${report.requests.read} (no prompt: ${report.requests.skippedNoPrompt}, unserved: ${report.requests.skippedUnserved})`],
    ['strong: logged → candidate', `${report.tiers.loggedStrong} → ${report.tiers.candidateStrong}`],
    ['tier changes', `${report.tiers.up} up, ${report.tiers.down} down, ${report.tiers.unchanged} unchanged`],
    ['cost: logged → estimated', `${usd(report.cost.loggedUsd)} → ${usd(report.cost.estimatedUsd)}`],
    ['cost change', `${report.cost.deltaUsd >= 0 ? '+' : '−'}${usd(Math.abs(report.cost.deltaUsd))}${report.cost.deltaShare === null ? '' : ` (${(report.cost.deltaShare * 100).toFixed(1)}%)`}, unpriced moves: ${report.cost.unpriced}`],
    ['labelled requests', String(report.quality.labelled)],
    ['needed strong, sent cheap', `logged ${report.quality.loggedRisk}, candidate ${report.quality.candidateRisk} (new ${report.quality.newRisk}, avoided ${report.quality.avoidedRisk})`],
  ];
  const width = Math.max(...rows.map(([name]) => name.length));
  return `${rows.map(([name, value]) => `${name.padEnd(width)}  ${value}`).join('\n')}\ncost estimate: ${report.approximation}\n`;
}

export async function run(argv: string[], output: CommandOutput = PROCESS_OUTPUT): Promise<number> {
  const args = argv[0] === 'replay' ? argv.slice(1) : argv;
  let values;
  try {
    ({ values } = parseArgs({
      args,
      strict: true,
      allowPositionals: false,
      options: {
        'from-store': { type: 'string' },
        candidate: { type: 'string' },
        policy: { type: 'string' },
        limit: { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    output.stderr.write(`rung ab replay: ${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    return 2;
  }
  if (values.help === true) {
    output.stdout.write(USAGE);
    return 0;
  }
  const db = values['from-store'];
  if (db === undefined || values.candidate === undefined) {
    output.stderr.write(`rung ab replay: --from-store and --candidate are required\n\n${USAGE}`);
    return 2;
  }
  const policy = values.policy ?? 'cost_optimized';
  if (!(POLICIES as string[]).includes(policy)) {
    output.stderr.write(`rung ab replay: --policy must be one of ${POLICIES.join(', ')}, got "${policy}"\n`);
    return 2;
  }
  const limit = values.limit === undefined ? DEFAULT_REPLAY_LIMIT : Number(values.limit);
  if (!Number.isInteger(limit) || limit < 1) {
    output.stderr.write(`rung ab replay: --limit must be a positive integer, got "${values.limit}"\n`);
    return 2;
  }
  if (!existsSync(db)) {
    output.stderr.write(`rung ab replay: no database at ${db}\n`);
    return 2;
  }
  const store = await openSqliteStore({ path: db });
  try {
    const report = await replayCandidate(store, { candidateDir: values.candidate, policy: policy as PolicyName, limit });
    const json = `${JSON.stringify(report, null, 2)}\n`;
    output.stdout.write(values.json === true ? json : `${renderReplay(report)}\n${json}`);
    return 0;
  } catch (error) {
    output.stderr.write(`rung ab replay: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  } finally {
    await store.close();
  }
}
