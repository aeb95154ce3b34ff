// `rung serve`: load and validate the config, build the app, listen, and shut down gracefully
// (stop accepting, finish in-flight requests, flush records) on SIGINT/SIGTERM.
import { existsSync } from 'node:fs';
import { PROCESS_OUTPUT, type CommandOutput } from '../../analytics/cli-io.ts';
import { ConfigError } from '../../config/config-error.ts';
import { loadConfigFile } from '../../config/load.ts';
import { buildApp } from '../../gateway/app.ts';
import { numberFlag, PORT } from '../args.ts';
import { asUsageError, UsageError } from '../command-error.ts';
import { runCommand } from '../run-command.ts';
import { applyServeHeapDefaults } from '../heap-defaults.ts';

export const DEFAULT_CONFIG_PATHS = ['rung.config.yaml', 'rung.config.json', 'config/rung.example.yaml'];

const USAGE = `usage: rung serve [--config FILE] [--port N] [--host H]
  --config FILE   the gateway config (default: $RUNG_CONFIG, else the first of ${DEFAULT_CONFIG_PATHS.join(', ')} that exists)
  --port N        listen on this port instead of server.port
  --host H        listen on this address instead of server.host
`;

const OPTIONS = { config: { type: 'string' }, port: { type: 'string' }, host: { type: 'string' } } as const;

export function run(argv: string[], output: CommandOutput = PROCESS_OUTPUT): Promise<number> {
  return runCommand({ name: 'serve', usage: USAGE, options: OPTIONS }, argv, output, async ({ values }) => {
    // Checked before the config loads: a bad --port is a typo to report, not a listen() failure.
    const port = numberFlag(values, 'port', PORT);
    const path = values.config ?? process.env.RUNG_CONFIG ?? DEFAULT_CONFIG_PATHS.find((candidate) => existsSync(candidate));
    if (path === undefined) throw new UsageError(`no config file; pass --config FILE or create one of ${DEFAULT_CONFIG_PATHS.join(', ')}`);
    const config = asUsageError(ConfigError, () => loadConfigFile(path));
    const heapFlag = applyServeHeapDefaults();
    const { app } = await buildApp(config);
    const address = await app.listen({ port: port ?? config.server.port, host: values.host ?? config.server.host });
    output.stderr.write(`rung: listening on ${address} (config ${path}${heapFlag === null ? '' : `; ${heapFlag}`})\n`);
    await new Promise<void>((resolve) => {
      const stop = () => {
        output.stderr.write('rung: shutting down\n');
        app.close().then(resolve, resolve);
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    return 0;
  });
}
