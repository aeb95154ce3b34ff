// Starting the gateways under test as child processes: Rung via its CLI (`rung serve`), Portkey
// via the Node server its npm package ships (build/start-server.js, the package's `bin`).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { freePort, spawnNode, waitForPort, type ChildHandle } from './child-process.ts';

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
  profileName?: string;
}

export async function startRung(name: string, start: RungStart): Promise<GatewayProcess> {
  const port = await freePort();
  const profiling = start.profileDir === undefined
    ? []
    : ['--cpu-prof', '--cpu-prof-dir', start.profileDir, '--cpu-prof-name', `${start.profileName ?? name}.cpuprofile`];
  const child = spawnNode(name, {
    args: [...profiling, ...(process.env.RUNG_BENCH_NODE_FLAGS ?? '').split(' ').filter((flag) => flag !== ''), '--enable-source-maps', 'dist/cli/main.js', 'serve', '--config', start.configPath, '--port', String(port), '--host', '127.0.0.1'],
    cwd: start.repoRoot,
    env: start.env,
    // The request log (when on) goes to /dev/null: the cost measured is Rung writing it, not a reader.
    stdout: 'ignore',
  });
  try {
    await waitForPort(child, port, 30_000);
  } catch (error) {
    await child.stop();
    throw error;
  }
  return { child, origin: `http://127.0.0.1:${port}` };
}

/** The floor row: bench/lib/passthrough-server.ts (fastify + undici, nothing else) in front of the fake. */
export async function startPassthrough(repoRoot: string, upstream: string, apiKey: string, profileDir?: string): Promise<GatewayProcess> {
  const port = await freePort();
  const profiling = profileDir === undefined ? [] : ['--cpu-prof', '--cpu-prof-dir', profileDir, '--cpu-prof-name', 'passthrough.cpuprofile'];
  const child = spawnNode('passthrough', {
    args: [...profiling, '--import', 'tsx', 'bench/lib/passthrough-server.ts', '--upstream', upstream, '--port', String(port), '--api-key', apiKey],
    cwd: repoRoot,
    stdout: 'ignore',
  });
  try {
    await waitForPort(child, port, 30_000);
  } catch (error) {
    await child.stop();
    throw error;
  }
  return { child, origin: `http://127.0.0.1:${port}` };
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
  const port = await freePort();
  // Portkey has no SIGTERM handler, and a signal death writes no profile: exit cleanly instead.
  const profiling = profileDir === undefined
    ? []
    : ['--cpu-prof', '--cpu-prof-dir', profileDir, '--cpu-prof-name', 'portkey.cpuprofile',
      '--import', 'data:text/javascript,process.once("SIGTERM",()=>process.exit(0))'];
  const child = spawnNode('portkey', {
    args: [...profiling, join(directory, bin), `--port=${port}`, '--headless'],
    cwd: repoRoot,
    env: { NODE_ENV: 'production' },
    stdout: 'ignore',
  });
  try {
    await waitForPort(child, port, 30_000);
  } catch (error) {
    await child.stop();
    throw error;
  }
  return { child, origin: `http://127.0.0.1:${port}` };
}
