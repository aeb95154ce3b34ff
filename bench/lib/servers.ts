// Starting the gateways under test as child processes: Rung via its CLI (`rung serve`), Portkey
// via the Node server its npm package ships (build/start-server.js, the package's `bin`).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { freePort, spawnNode, waitForPort, type ChildHandle, type SpawnOptions } from './child-process.ts';

export interface GatewayProcess {
  child: ChildHandle;
  /** `http://127.0.0.1:port`. */
  origin: string;
}

export interface RungStart {
  repoRoot: string;
  configPath: string;
  env: Record<string, string>;
  /** When set, the child runs under `node --cpu-prof` and writes its profile here on exit. */
  profileDir?: string;
  /** Node flags of the row itself (those of `npm start`, read from package.json), before RUNG_BENCH_NODE_FLAGS. */
  nodeFlags?: readonly string[];
  profileName?: string;
}

/** Spawns a server on a free port and waits until it accepts connections. */
async function startServer(name: string, options: Omit<SpawnOptions, 'args'> & { args: (port: number) => string[] }): Promise<GatewayProcess> {
  const port = await freePort();
  const child = spawnNode(name, { ...options, args: options.args(port) });
  try {
    await waitForPort(child, port, 30_000);
  } catch (error) {
    await child.stop();
    throw error;
  }
  return { child, origin: `http://127.0.0.1:${port}` };
}

function profilingFlags(profileDir: string | undefined, name: string): string[] {
  return profileDir === undefined ? [] : ['--cpu-prof', '--cpu-prof-dir', profileDir, '--cpu-prof-name', `${name}.cpuprofile`];
}

/** Extra node flags for the Rung rows (e.g. `--max-semi-space-size=8`), to try heap settings. */
function extraNodeFlags(): string[] {
  return (process.env.RUNG_BENCH_NODE_FLAGS ?? '').split(' ').filter((flag) => flag !== '');
}

/**
 * The node flags of an npm script that runs the compiled CLI (`node FLAGS dist/cli/main.js serve`),
 * so a row measures exactly what `npm run <script>` starts. `--enable-source-maps` is left out:
 * every Rung row passes it already.
 */
export function nodeFlagsOfScript(repoRoot: string, script: string): string[] {
  const scripts = (JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { scripts?: Record<string, string> }).scripts ?? {};
  const match = /^node((?: --[\w-]+(?:=\S+)?)*) dist\/cli\/main\.js serve$/.exec(scripts[script] ?? '');
  if (match === null) throw new Error(`package.json script "${script}" is not "node [--flags] dist/cli/main.js serve": ${scripts[script] ?? '(missing)'}`);
  return (match[1] ?? '').split(' ').filter((flag) => flag !== '' && flag !== '--enable-source-maps');
}

/** Rung as deployed: the compiled CLI (`npm run build`), `rung serve` with the row's config. */
export function startRung(name: string, start: RungStart): Promise<GatewayProcess> {
  return startServer(name, {
    args: (port) => [
      ...profilingFlags(start.profileDir, start.profileName ?? name),
      ...(start.nodeFlags ?? []),
      ...extraNodeFlags(),
      '--enable-source-maps',
      'dist/cli/main.js',
      'serve',
      '--config',
      start.configPath,
      '--port',
      String(port),
      '--host',
      '127.0.0.1',
    ],
    cwd: start.repoRoot,
    env: start.env,
    // The request log (when on) goes to /dev/null: the cost measured is Rung writing it, not a reader.
    stdout: 'ignore',
  });
}

/** The floor row: bench/lib/passthrough-server.mjs (fastify + undici, nothing else) in front of the fake. */
export function startPassthrough(repoRoot: string, upstream: string, apiKey: string, profileDir?: string): Promise<GatewayProcess> {
  return startServer('passthrough', {
    args: (port) => [...profilingFlags(profileDir, 'passthrough'), 'bench/lib/passthrough-server.mjs', '--upstream', upstream, '--port', String(port), '--api-key', apiKey],
    cwd: repoRoot,
    stdout: 'ignore',
  });
}

interface PortkeyPackage {
  version: string;
  bin: string | Record<string, string>;
}

function portkeyPackage(repoRoot: string): { directory: string; manifest: PortkeyPackage } {
  const require = createRequire(join(repoRoot, 'package.json'));
  const manifestPath = require.resolve('@portkey-ai/gateway/package.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as PortkeyPackage;
  return { directory: dirname(manifestPath), manifest };
}

/** The installed Portkey gateway version, or undefined when it is not installed. */
export function portkeyVersion(repoRoot: string): string | undefined {
  try {
    return portkeyPackage(repoRoot).manifest.version;
  } catch {
    return undefined;
  }
}

/**
 * Portkey's Node server reads `--port=N` (the `=` form only) and `--headless` (no log-viewer UI
 * and its log stream). NODE_ENV=production turns the UI off as well, as a deployment would.
 */
export async function startPortkey(repoRoot: string, profileDir?: string): Promise<GatewayProcess> {
  const { directory, manifest } = portkeyPackage(repoRoot);
  const bin = typeof manifest.bin === 'string' ? manifest.bin : Object.values(manifest.bin)[0];
  if (bin === undefined) throw new Error('@portkey-ai/gateway has no bin entry');
  // Portkey has no SIGTERM handler, and a signal death writes no profile: exit cleanly instead.
  const profiling = profileDir === undefined
    ? []
    : [...profilingFlags(profileDir, 'portkey'), '--import', 'data:text/javascript,process.once("SIGTERM",()=>process.exit(0))'];
  return startServer('portkey', {
    args: (port) => [...profiling, join(directory, bin), `--port=${port}`, '--headless'],
    cwd: repoRoot,
    env: { NODE_ENV: 'production' },
    stdout: 'ignore',
  });
}
