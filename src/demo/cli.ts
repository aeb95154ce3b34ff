// The demo as a function: flags in, report out, exit code back. `main.ts` calls it for
// `npm run demo`; tests call it in-process.
import { parseCliOptions, USAGE, type CliOptions } from './options.ts';
import { renderReport } from './report.ts';
import { runDemo, type DemoResult } from './run-demo.ts';
import { renderLearningPhase, runLearningPhase } from './learning-phase.ts';

export interface DemoIo {
  /** The report and the JSON line (stdout). */
  out(text: string): void;
  /** Progress and problems (stderr). */
  err(text: string): void;
}

export interface MainOutcome {
  exitCode: number;
  /** Present when the workload ran. With `--serve` its gateway is still running; otherwise it is closed. */
  result?: DemoResult;
}

export async function main(argv: readonly string[], io: DemoIo): Promise<MainOutcome> {
  let options: CliOptions;
  try {
    options = parseCliOptions(argv);
  } catch (error) {
    io.err(`demo: ${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    return { exitCode: 2 };
  }
  if (options.help) {
    io.out(USAGE);
    return { exitCode: 0 };
  }
  const result = await runDemo({ ...options.demo, progress: (line) => io.err(`demo: ${line}\n`) });
  io.out(renderReport(result.summary));
  if (!options.skipLearning) io.out(renderLearningPhase(await runLearningPhase(result, { seed: options.demo.seed ?? 1, progress: (line) => io.err(`demo: ${line}\n`) })));
  const { unexpected } = result.summary.errors;
  if (unexpected > 0) io.err(`demo: ${unexpected} unexpected client-visible error(s); see section 8\n`);
  if (options.serve) io.out(serveInstructions(result));
  else await result.gateway.close();
  if (options.json) io.out(`${JSON.stringify(result.summary)}\n`);
  return { exitCode: unexpected > 0 ? 1 : 0, result };
}

function serveInstructions(result: DemoResult): string {
  const { baseURL, clientKey, adminKey } = result.gateway;
  const body = JSON.stringify({ model: 'rung/cost_optimized', messages: [{ role: 'user', content: 'What is the capital of France?' }] });
  return [
    '',
    'The gateway keeps running (--serve)',
    '-----------------------------------',
    `  URL (OpenAI base URL): ${baseURL}`,
    `  client key:            ${clientKey}`,
    `  admin key:             ${adminKey}`,
    `  dashboard:             ${baseURL.replace(/\/v1$/, '')}/dashboard  (sign in with the admin key)`,
    '  Models: rung/cost_optimized, rung/balanced, rung/quality_first, rung/cheap-first-cascade,',
    '  rung/premium-chain, or a deployment (sim-premium, sim-mid, sim-light, sim-small). Prompts from the',
    "  workload get the simulation's answers; anything else gets the fakes' echo answer. No faults now.",
    `  curl -s ${baseURL}/chat/completions -H 'authorization: Bearer ${clientKey}' \\`,
    `    -H 'content-type: application/json' -d '${body}' -D - | grep -i '^x-rung'`,
    '',
    'Ctrl+C to stop.',
    '',
  ].join('\n');
}
