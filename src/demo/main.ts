// `npm run demo`: Rung routing a labelled workload over a simulated model ladder, no API keys.
// The work is in cli.ts (flags, report, exit code); this file only wires it to the process.
import { main } from './cli.ts';

const outcome = await main(process.argv.slice(2), {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
}).catch((error: unknown) => {
  console.error(`demo: failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  return { exitCode: 1, result: undefined };
});

const gateway = outcome.result?.gateway;
if (outcome.exitCode === 0 && gateway !== undefined && process.argv.includes('--serve')) {
  const stop = (): void => {
    gateway.close().then(
      () => {
        process.stderr.write('demo: gateway stopped\n');
        process.exit(0);
      },
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} else {
  process.exitCode = outcome.exitCode;
}
