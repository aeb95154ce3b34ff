// `rung ab replay --from-store DB --candidate DIR [--policy cost_optimized] [--limit N] [--json]`
// Replays logged requests through a candidate scorer (src/learning/ab-replay.ts): how many would
// change tier, the estimated cost change and the quality risk. Prints a table, then the JSON
// report; `--json` prints the JSON only. `argv` may start with the word `replay` (when `rung ab`
// hands over its whole argument list) or not.
import { PROCESS_OUTPUT, type CommandOutput } from '../../analytics/cli-io.ts';
import { DEFAULT_REPLAY_LIMIT, replayCandidate, type ReplayReport } from '../../learning/ab-replay.ts';
import { POLICY_CHEAP_SHARES, type PolicyName } from '../../scorer/thresholds.ts';
import { choiceFlag, numberFlag, POSITIVE_INTEGER, requireFlags } from '../args.ts';
import { runCommand } from '../run-command.ts';
import { requireDatabase, withStore } from '../store-file.ts';

const POLICIES = Object.keys(POLICY_CHEAP_SHARES) as PolicyName[];

const USAGE = `usage: rung ab replay --from-store DB --candidate DIR [--policy cost_optimized] [--limit ${DEFAULT_REPLAY_LIMIT}] [--json]
  --from-store DB   the SQLite store with logged requests (prompts kept) and outcomes
  --candidate DIR   the candidate scorer model directory
  --policy NAME     whose threshold decides cheap vs strong: ${POLICIES.join(' | ')}
  --limit N         replay at most the N newest requests
  --json            print the JSON report only
`;

const OPTIONS = {
  'from-store': { type: 'string' },
  candidate: { type: 'string' },
  policy: { type: 'string' },
  limit: { type: 'string' },
  json: { type: 'boolean' },
} as const;

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

export function run(argv: string[], output: CommandOutput = PROCESS_OUTPUT): Promise<number> {
  // `rung ab` hands over its whole argument list, subcommand word included.
  const args = argv[0] === 'replay' ? argv.slice(1) : argv;
  return runCommand({ name: 'ab replay', usage: USAGE, options: OPTIONS }, args, output, async ({ values }) => {
    const { 'from-store': db, candidate } = requireFlags(values, ['from-store', 'candidate']);
    const policy = choiceFlag(values, 'policy', POLICIES, 'cost_optimized');
    const limit = numberFlag(values, 'limit', POSITIVE_INTEGER, DEFAULT_REPLAY_LIMIT);
    requireDatabase(db);
    const report = await withStore(db, (store) => replayCandidate(store, { candidateDir: candidate, policy, limit }));
    const json = `${JSON.stringify(report, null, 2)}\n`;
    output.stdout.write(values.json === true ? json : `${renderReplay(report)}\n${json}`);
    return 0;
  });
}
