// `rung serve`: load and validate the config, build the app, listen, and shut down gracefully
// (stop accepting, finish in-flight requests, flush records) on SIGINT/SIGTERM.
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadConfigFile } from '../../config/load.ts';
import { ConfigError } from '../../config/config-error.ts';
import { buildApp } from '../../gateway/app.ts';

export const DEFAULT_CONFIG_PATHS = ['rung.config.yaml', 'rung.config.json', 'config/rung.example.yaml'];

export async function run(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { config: { type: 'string' }, port: { type: 'string' }, host: { type: 'string' } },
    strict: true,
  });
  const path = values.config ?? process.env.RUNG_CONFIG ?? DEFAULT_CONFIG_PATHS.find((candidate) => existsSync(candidate));
  if (path === undefined) {
    console.error(`rung serve: no config file; pass --config FILE or create one of ${DEFAULT_CONFIG_PATHS.join(', ')}`);
    return 2;
  }
  let config;
  try {
    config = loadConfigFile(path);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      return 2;
    }
    throw error;
  }
  const { app } = await buildApp(config);
  const port = values.port === undefined ? config.server.port : Number(values.port);
  const host = values.host ?? config.server.host;
  const address = await app.listen({ port, host });
  console.error(`rung: listening on ${address} (config ${path})`);
  await new Promise<void>((resolve) => {
    const stop = () => {
      console.error('rung: shutting down');
      app.close().then(resolve, resolve);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  return 0;
}
