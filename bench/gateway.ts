// `npm run bench:gateway`: load-tests the fake provider directly, Rung (single route, fallback
// route, request log on) and the Portkey gateway in one run, each server in its own child process
// so its CPU and memory can be attributed, with autocannon driving from this process.
// stdout: a Markdown table, then (last line) one JSON object keyed by row. Progress goes to stderr.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { killAllStarted } from './lib/child-process.ts';
import { startFakeProcess } from './lib/fake-process.ts';
import { measureTarget, type RowResult } from './lib/measure.ts';
import { parseBenchOptions, USAGE } from './lib/options.ts';
import { describeMachine } from './lib/proc-stats.ts';
import { fillAddedLatency, markdownTable, resultJson } from './lib/report.ts';
import { combineRounds } from './lib/rounds.ts';
import { portkeyVersion } from './lib/servers.ts';
import { selectTargets, type BenchEnvironment } from './lib/targets.ts';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const log = (line: string) => process.stderr.write(`bench:gateway ${line}\n`);

function packageVersion(name: string): string {
  try {
    return (JSON.parse(readFileSync(join(repoRoot, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return 'not installed';
  }
}

const loadAverage = () => loadavg()[0]?.toFixed(2) ?? '?';

function header(connections: number, durations: string, loadAtStart: string): string {
  const machine = describeMachine();
  return [
    '## Gateway benchmark',
    '',
    `Machine: ${machine.cpus} CPUs (${machine.cpuModel}), ${machine.memoryGb} GB RAM; Node ${process.version}; ` +
      `autocannon ${packageVersion('autocannon')}, fastify ${packageVersion('fastify')}, undici ${packageVersion('undici')}, ` +
      `zod ${packageVersion('zod')}, tsx ${packageVersion('tsx')}, ` +
      `@portkey-ai/gateway ${portkeyVersion(repoRoot) ?? 'not installed'}.`,
    `Load: non-streaming chat completions, ${connections} connections, ${durations}.`,
    `1-minute load average before the run: ${loadAtStart} (above ~0.5, other processes shared the 2 cores and the numbers are noisy).`,
    '',
  ].join('\n');
}

async function main(argv: string[]): Promise<number> {
  const options = parseBenchOptions(argv);
  if (options === 'help') {
    process.stdout.write(USAGE);
    return 0;
  }
  const targets = selectTargets(options.only);
  const loadAtStart = loadAverage();
  if (options.profileDir !== undefined) mkdirSync(resolve(repoRoot, options.profileDir), { recursive: true });
  const providerKey = 'sk-bench-provider-0000000000000000';
  log(`rows: ${targets.map((target) => target.name).join(', ')}`);
  const fake = await startFakeProcess({ name: 'fake', repoRoot, apiKey: providerKey });
  const workDir = mkdtempSync(join(tmpdir(), 'rung-gateway-bench-'));
  const rounds: RowResult[][] = [];
  try {
    const environment: BenchEnvironment = {
      repoRoot,
      workDir,
      options: { ...options, profileDir: options.profileDir === undefined ? undefined : resolve(repoRoot, options.profileDir) },
      fake,
      providerKey,
      clientKey: 'rung-bench-client-key-000000000000',
    };
    for (let round = 1; round <= options.rounds; round += 1) {
      if (options.rounds > 1) log(`round ${round} of ${options.rounds}`);
      const rows: RowResult[] = [];
      for (const target of targets) rows.push(await measureTarget(target, environment, log));
      // Added latency against this round's own direct row.
      fillAddedLatency(rows);
      rounds.push(rows);
    }
  } finally {
    await fake.child.stop();
    rmSync(workDir, { recursive: true, force: true });
  }

  const rows = combineRounds(rounds);
  const perRow = `warm-up ${options.warmupSeconds} s, measured ${options.durationSeconds} s, then ${options.singleConnectionSeconds} s at c=1`;
  const durations = options.rounds === 1 ? perRow : `${perRow}; ${options.rounds} interleaved rounds, medians shown (peak RSS: the largest, errors: the sum)`;
  const json = resultJson(rows);
  const outPath = resolve(repoRoot, options.outPath);
  mkdirSync(dirname(outPath), { recursive: true });
  writeFileSync(outPath, `${JSON.stringify(json, null, 2)}\n`);
  process.stdout.write(`${header(options.connections, durations, loadAtStart)}${markdownTable(rows, options.connections)}\n\n`);
  process.stdout.write(`${JSON.stringify(json)}\n`);
  return 0;
}

// Children are killed by pid if the run is interrupted; a normal run has stopped them already.
process.once('SIGINT', () => {
  killAllStarted();
  process.exit(130);
});
process.once('exit', killAllStarted);

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    killAllStarted();
    // Bad flags (parseArgs' TypeErrors, range checks) are usage errors, not crashes.
    const usageError = error instanceof RangeError || (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS'));
    if (usageError) {
      process.stderr.write(`bench:gateway: ${error.message}\n${USAGE}`);
      process.exitCode = 2;
      return;
    }
    log(`failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exitCode = 1;
  },
);
