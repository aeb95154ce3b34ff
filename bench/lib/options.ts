// Command-line flags of `npm run bench:gateway`. Durations are seconds. `--quick` shrinks every
// phase for CI-size runs; explicit flags still win over it.
import { parseArgs } from 'node:util';

export interface BenchOptions {
  /** Measured window at `connections`, seconds. */
  durationSeconds: number;
  /** Unmeasured load before the measured window, seconds. */
  warmupSeconds: number;
  /** The connections=1 run used for "added latency", seconds. */
  singleConnectionSeconds: number;
  connections: number;
  /** Row names to run, in the registry's order; empty means every default row. */
  only: string[];
  /** Where the JSON result goes. */
  outPath: string;
  /** Seed of the fault script of the flaky fake. */
  seed: number;
  /** Run the gateway rows under `node --cpu-prof` and write the profiles to this folder. */
  profileDir: string | undefined;
  /** Times every row runs (interleaved); the report gives medians (bench/lib/rounds.ts). */
  rounds: number;
  /** Scorer model directory of the `rung_intelligent` row; absent: the shipped model. */
  scorerModelDir: string | undefined;
}

export const USAGE = `usage: npm run bench:gateway -- [options]
  --duration S        measured window at --connections (default 10; --quick: 2)
  --warmup S          unmeasured warm-up before it (default 3; --quick: 1)
  --c1-duration S     connections=1 run for added latency (default 5; --quick: 2)
  --connections N     concurrent connections of the measured window (default 32)
  --quick             CI-size run (about 2 s per phase)
  --only a,b          run only these rows (direct always runs: the others are compared with it)
  --out FILE          JSON output (default bench/results/gateway-latest.json)
  --seed N            seed of the 20% fault script (default 20250101)
  --profile DIR       run the gateways under node --cpu-prof, profiles written to DIR
                      (summarise one with: npx tsx bench/lib/profile-summary.ts DIR/rung.cpuprofile)
  --rounds N          run every row N times, interleaved, and report the median of each figure
                      (peak RSS: the largest; errors: the sum) (default 1)
  --scorer-model DIR  scorer model directory (from \`rung train\`) for the rung_intelligent row
                      (default: the shipped model)
`;

function positiveNumber(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0) throw new RangeError(`--${name} must be a positive number, got "${text}"`);
  return value;
}

export function parseBenchOptions(argv: readonly string[]): BenchOptions | 'help' {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      duration: { type: 'string' },
      warmup: { type: 'string' },
      'c1-duration': { type: 'string' },
      connections: { type: 'string' },
      quick: { type: 'boolean', default: false },
      only: { type: 'string' },
      out: { type: 'string' },
      seed: { type: 'string' },
      profile: { type: 'string' },
      rounds: { type: 'string' },
      'scorer-model': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) return 'help';
  const quick = values.quick;
  const connections = positiveNumber('connections', values.connections, 32);
  if (!Number.isInteger(connections)) throw new RangeError('--connections must be an integer');
  const rounds = positiveNumber('rounds', values.rounds, 1);
  if (!Number.isInteger(rounds)) throw new RangeError('--rounds must be an integer');
  return {
    durationSeconds: positiveNumber('duration', values.duration, quick ? 2 : 10),
    warmupSeconds: positiveNumber('warmup', values.warmup, quick ? 1 : 3),
    singleConnectionSeconds: positiveNumber('c1-duration', values['c1-duration'], quick ? 2 : 5),
    connections,
    only: (values.only ?? '').split(',').map((name) => name.trim()).filter((name) => name !== ''),
    outPath: values.out ?? 'bench/results/gateway-latest.json',
    seed: Math.trunc(positiveNumber('seed', values.seed, 20_250_101)),
    profileDir: values.profile,
    rounds,
    scorerModelDir: values['scorer-model'],
  };
}
