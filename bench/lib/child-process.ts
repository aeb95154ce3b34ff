// Child processes of the benchmark: each server under test runs in its own process so its CPU and
// memory can be read from /proc by pid. Node is spawned directly (not through `npx tsx`, whose
// wrapper would put the server in a grandchild): TypeScript entry points get `--import tsx`.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, connect } from 'node:net';

export interface ChildHandle {
  readonly name: string;
  readonly pid: number;
  readonly process: ChildProcess;
  /** The last few KB the child wrote to stderr (and stdout when piped), for failure messages. */
  outputTail(): string;
  /** Exit code or signal once the child has exited, else undefined. */
  exitStatus(): string | undefined;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves when the child has exited. */
  stop(graceMs?: number): Promise<void>;
}

export interface SpawnOptions {
  args: string[];
  env?: Record<string, string>;
  cwd: string;
  /** 'ignore' sends stdout to /dev/null, so a chatty child costs the driver nothing. */
  stdout: 'ignore' | 'pipe';
  /** Open an IPC channel (for children that report their address or counters). */
  ipc?: boolean;
}

const TAIL_BYTES = 4096;
const running = new Set<ChildHandle>();

export function spawnNode(name: string, options: SpawnOptions): ChildHandle {
  const child = spawn(process.execPath, options.args, {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', options.stdout, 'pipe', ...(options.ipc === true ? ['ipc' as const] : [])],
  });
  if (child.pid === undefined) throw new Error(`${name}: spawn failed`);
  let tail = '';
  const keep = (chunk: Buffer) => {
    tail = (tail + chunk.toString()).slice(-TAIL_BYTES);
  };
  child.stderr?.on('data', keep);
  child.stdout?.on('data', keep);
  let status: string | undefined;
  const exited = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      status = signal === null ? `exit code ${code ?? '?'}` : `signal ${signal}`;
      resolve();
    });
  });
  const pid = child.pid;
  const handle: ChildHandle = {
    name,
    pid,
    process: child,
    outputTail: () => tail.trim(),
    exitStatus: () => status,
    async stop(graceMs = 5000) {
      running.delete(handle);
      if (status !== undefined) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
  running.add(handle);
  return handle;
}

/** Last-resort cleanup on exit: kills, by pid, every child this process started and did not stop. */
export function killAllStarted(): void {
  for (const handle of running) {
    if (handle.exitStatus() === undefined) handle.process.kill('SIGKILL');
  }
  running.clear();
}

/** A port that was free a moment ago on 127.0.0.1 (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function tryConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Polls until the port accepts connections; throws when the child exits first or time runs out. */
export async function waitForPort(child: ChildHandle, port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const status = child.exitStatus();
    if (status !== undefined) throw new Error(`${child.name} exited before listening (${status}): ${child.outputTail()}`);
    if (await tryConnect(port)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${child.name} did not listen on port ${port} within ${timeoutMs} ms: ${child.outputTail()}`);
}

/** The first IPC message the child sends, or an error when it exits or time runs out. */
export function firstMessage(child: ChildHandle, timeoutMs: number): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${child.name}: no message within ${timeoutMs} ms: ${child.outputTail()}`)), timeoutMs);
    child.process.once('message', (message) => {
      clearTimeout(timer);
      resolve(message);
    });
    child.process.once('exit', () => {
      clearTimeout(timer);
      reject(new Error(`${child.name} exited (${child.exitStatus() ?? '?'}): ${child.outputTail()}`));
    });
  });
}
