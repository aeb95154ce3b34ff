// Parent side of a fake-provider child: start it, learn its URL, ask how many chat requests it saw.
import { firstMessage, spawnNode, type ChildHandle } from './child-process.ts';

export interface FakeProcess {
  child: ChildHandle;
  /** Base URL with `/v1`, for Rung's provider config and Portkey's custom host. */
  url: string;
  /** `http://127.0.0.1:port`. */
  origin: string;
  /** Chat requests the fake has accepted so far (faulted ones included). */
  requestCount(): Promise<number>;
}

export interface FakeProcessOptions {
  name: string;
  repoRoot: string;
  apiKey: string;
  /** When set, each request independently gets a 503 with this probability (seeded, by request index). */
  faultProbability?: number;
  seed?: number;
}

function isAddress(value: unknown): value is { url: string; origin: string } {
  return typeof value === 'object' && value !== null && typeof (value as { url?: unknown }).url === 'string'
    && typeof (value as { origin?: unknown }).origin === 'string';
}

export async function startFakeProcess(options: FakeProcessOptions): Promise<FakeProcess> {
  const args = ['--import', 'tsx', 'bench/lib/fake-child.ts', '--api-key', options.apiKey];
  if (options.faultProbability !== undefined) {
    args.push('--fault-probability', String(options.faultProbability), '--seed', String(options.seed ?? 1));
  }
  const child = spawnNode(options.name, { args, cwd: options.repoRoot, stdout: 'pipe', ipc: true });
  let address: unknown;
  try {
    address = await firstMessage(child, 20_000);
  } catch (error) {
    await child.stop();
    throw error;
  }
  if (!isAddress(address)) {
    await child.stop();
    throw new Error(`${options.name}: unexpected first message ${JSON.stringify(address)}`);
  }
  return {
    child,
    url: address.url,
    origin: address.origin,
    requestCount: async () => {
      const reply = new Promise<unknown>((resolve) => child.process.once('message', resolve));
      child.process.send('request-count');
      const message = await reply;
      const count = (message as { requestCount?: unknown }).requestCount;
      if (typeof count !== 'number') throw new Error(`${options.name}: bad request-count reply ${JSON.stringify(message)}`);
      return count;
    },
  };
}
