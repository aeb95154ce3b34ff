// `npm run demo -- [flags]`: the flags and their checks.
import { parseArgs } from 'node:util';
import { DEFAULT_DEMO_OPTIONS, type DemoOptions } from './run-demo.ts';

export const USAGE = `usage: npm run demo -- [options]
  --requests N        prompts in the workload (default ${DEFAULT_DEMO_OPTIONS.requests})
  --seed N            seed for the sample, the policy split and the faults (default ${DEFAULT_DEMO_OPTIONS.seed})
  --concurrency N     requests in flight at once (default ${DEFAULT_DEMO_OPTIONS.concurrency})
  --fault-rate X      share of premium/mid attempts that fail in the routed run (default ${DEFAULT_DEMO_OPTIONS.faultRate})
  --latency-scale X   multiplies the fake providers' latencies; 0 = none (default ${DEFAULT_DEMO_OPTIONS.latencyScale})
  --scorer-model DIR  a scorer model directory (default: the shipped models/rung-scorer-v1)
  --json              also print the summary as one JSON line, last
  --serve             keep the gateway running afterwards (Ctrl+C to stop)
  --skip-learning     leave out the analytics report and the retraining cycle at the end
  -h, --help          this text
`;

export interface CliOptions {
  demo: Partial<DemoOptions>;
  json: boolean;
  serve: boolean;
  skipLearning: boolean;
  help: boolean;
}

function integer(value: string | undefined, flag: string, minimum: number): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < minimum) throw new Error(`${flag} must be an integer >= ${minimum}, got "${value}"`);
  return parsed;
}

function fraction(value: string | undefined, flag: string, maximum: number): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed < 0 || parsed > maximum) throw new Error(`${flag} must be a number in [0, ${maximum}], got "${value}"`);
  return parsed;
}

/** Throws an Error whose message names the bad flag. */
export function parseCliOptions(argv: readonly string[]): CliOptions {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: false,
    options: {
      requests: { type: 'string' },
      seed: { type: 'string' },
      concurrency: { type: 'string' },
      'fault-rate': { type: 'string' },
      'latency-scale': { type: 'string' },
      'scorer-model': { type: 'string' },
      json: { type: 'boolean' },
      serve: { type: 'boolean' },
      'skip-learning': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const demo: Partial<DemoOptions> = {};
  const requests = integer(values.requests, '--requests', 1);
  const seed = integer(values.seed, '--seed', 0);
  const concurrency = integer(values.concurrency, '--concurrency', 1);
  const faultRate = fraction(values['fault-rate'], '--fault-rate', 1);
  const latencyScale = fraction(values['latency-scale'], '--latency-scale', 100);
  if (requests !== undefined) demo.requests = requests;
  if (seed !== undefined) demo.seed = seed;
  if (concurrency !== undefined) demo.concurrency = concurrency;
  if (faultRate !== undefined) demo.faultRate = faultRate;
  if (latencyScale !== undefined) demo.latencyScale = latencyScale;
  if (values['scorer-model'] !== undefined) demo.scorerModelDir = values['scorer-model'];
  return { demo, json: values.json === true, serve: values.serve === true, skipLearning: values['skip-learning'] === true, help: values.help === true };
}
