// The rows of the gateway benchmark. Each row knows how to start what it measures and how to stop
// it; the driver (bench/gateway.ts) runs the same load phases against every row. To add a row
// (e.g. `rung_intelligent`, or a store on/off pair), append a TargetDefinition here; see the
// "Adding a row" part of bench/README.md.
import { join, resolve } from 'node:path';
import { uniformAt } from '../../src/fakes/faults.ts';
import type { BenchOptions } from './options.ts';
import type { FakeProcess } from './fake-process.ts';
import { startFakeProcess } from './fake-process.ts';
import type { LoadRequest } from './load.ts';
import {
  CLIENT_KEY_ENV,
  FALLBACK_POLICY,
  INTELLIGENT_POLICY,
  SINGLE_DEPLOYMENT,
  fallbackConfig,
  intelligentConfig,
  singleRouteConfig,
  writeConfig,
} from './rung-config.ts';
import { nodeFlagsOfScript, startPassthrough, startPortkey, startRung, type GatewayProcess } from './servers.ts';
import { chatBodies } from './workload.ts';

/** What every row may use: the shared healthy fake, keys, a scratch folder for configs. */
export interface BenchEnvironment {
  repoRoot: string;
  workDir: string;
  options: BenchOptions;
  /** The healthy OpenAI fake, in its own process; the "direct" row loads it with no gateway. */
  fake: FakeProcess;
  providerKey: string;
  clientKey: string;
}

/** A started row. */
export interface RunningTarget {
  request: LoadRequest;
  /** The process whose CPU and peak RSS the row reports (the gateway; the fake for "direct"). */
  pid: number;
  /** Called right before the measured window; the returned function, right after it, gives a note. */
  observeWindow?(): Promise<() => Promise<string>>;
  stop(): Promise<void>;
}

export interface TargetDefinition {
  name: string;
  description: string;
  /** Rows off by default run only when named in --only (for rows whose feature is not built yet). */
  defaultOn: boolean;
  start(environment: BenchEnvironment): Promise<RunningTarget>;
}

const FALLBACK_PROBABILITY = 0.2;

/** `_sum` and `_count` of the gateway's successful score calls, from its /metrics exposition. */
async function scorerTotals(origin: string): Promise<{ sumSeconds: number; count: number }> {
  const text = await (await fetch(`${origin}/metrics`)).text();
  const valueOf = (series: string): number => {
    const line = text.split('\n').find((candidate) => candidate.startsWith(`${series}{outcome="ok"} `));
    return line === undefined ? 0 : Number(line.slice(line.lastIndexOf(' ') + 1));
  };
  return { sumSeconds: valueOf('rung_scorer_duration_seconds_sum'), count: valueOf('rung_scorer_duration_seconds_count') };
}

function rungTarget(environment: BenchEnvironment, gateway: GatewayProcess, model: string): RunningTarget {
  return {
    request: {
      url: `${gateway.origin}/v1/chat/completions`,
      headers: { authorization: `Bearer ${environment.clientKey}` },
      bodies: chatBodies(model),
    },
    pid: gateway.child.pid,
    stop: () => gateway.child.stop(),
  };
}

/**
 * Starts a Rung row as `npm start` starts the gateway (its node flags read from package.json),
 * unless the row passes its own flags.
 */
async function startRungWith(
  environment: BenchEnvironment,
  name: string,
  document: Record<string, unknown>,
  nodeFlags: readonly string[] = nodeFlagsOfScript(environment.repoRoot, 'start'),
): Promise<GatewayProcess> {
  return startRung(name, {
    nodeFlags,
    repoRoot: environment.repoRoot,
    // The default store (SQLite), in a file of this run's scratch folder, unless the row chose one.
    configPath: writeConfig(environment.workDir, name, { store: { driver: 'sqlite', path: join(environment.workDir, `${name}.db`) }, ...document }),
    env: { [CLIENT_KEY_ENV]: environment.clientKey },
    ...(environment.options.profileDir === undefined ? {} : { profileDir: environment.options.profileDir, profileName: name }),
  });
}

export const TARGETS: readonly TargetDefinition[] = [
  {
    name: 'direct',
    description: 'the fake provider itself, no gateway (baseline)',
    defaultOn: true,
    async start(environment) {
      return {
        request: {
          url: `${environment.fake.url}/chat/completions`,
          headers: { authorization: `Bearer ${environment.providerKey}` },
          bodies: chatBodies('gpt-4o-mini'),
        },
        pid: environment.fake.child.pid,
        // The shared fake outlives this row; the driver stops it at the end.
        stop: async () => undefined,
      };
    },
  },
  {
    name: 'passthrough',
    description: 'the floor: fastify + undici relaying the body to the fake, no auth, routing or record',
    defaultOn: true,
    async start(environment) {
      const gateway = await startPassthrough(environment.repoRoot, environment.fake.url, environment.providerKey, environment.options.profileDir);
      return {
        request: { url: `${gateway.origin}/v1/chat/completions`, headers: {}, bodies: chatBodies('gpt-4o-mini') },
        pid: gateway.child.pid,
        stop: () => gateway.child.stop(),
      };
    },
  },
  {
    name: 'rung',
    description: 'Rung as `npm start` runs it, one deployment addressed as `model` (virtual-key auth on, SQLite request store, JSON log line off)',
    defaultOn: true,
    async start(environment) {
      const document = singleRouteConfig({ fakeUrl: environment.fake.url, providerKey: environment.providerKey, requestLog: 'off' });
      return rungTarget(environment, await startRungWith(environment, 'rung', document), SINGLE_DEPLOYMENT);
    },
  },
  {
    name: 'rung_node_heap',
    description: "as `rung`, with V8's own heap sizing: no node flags, and `--heap-growing-percent=0` so `rung serve` keeps V8's growth factor",
    defaultOn: true,
    async start(environment) {
      const document = singleRouteConfig({ fakeUrl: environment.fake.url, providerKey: environment.providerKey, requestLog: 'off' });
      return rungTarget(environment, await startRungWith(environment, 'rung_node_heap', document, ['--heap-growing-percent=0']), SINGLE_DEPLOYMENT);
    },
  },
  {
    name: 'rung_fallback',
    description: `Rung, 3-target priority policy; target 1 answers 503 on ${FALLBACK_PROBABILITY * 100}% of requests (1 attempt per target)`,
    defaultOn: true,
    async start(environment) {
      const { seed } = environment.options;
      const flaky = await startFakeProcess({
        name: 'fake-flaky',
        repoRoot: environment.repoRoot,
        apiKey: environment.providerKey,
        faultProbability: FALLBACK_PROBABILITY,
        seed,
      });
      let gateway: GatewayProcess;
      try {
        const document = fallbackConfig({ fakeUrl: environment.fake.url, providerKey: environment.providerKey, requestLog: 'off' }, flaky.url);
        gateway = await startRungWith(environment, 'rung_fallback', document);
      } catch (error) {
        await flaky.child.stop();
        throw error;
      }
      return {
        ...rungTarget(environment, gateway, FALLBACK_POLICY),
        // The fault script is a pure function of (seed, index), so the 503s the flaky fake sent
        // during the window can be counted exactly from its request counter.
        async observeWindow() {
          const first = await flaky.requestCount();
          return async () => {
            const last = await flaky.requestCount();
            let faulted = 0;
            for (let index = first; index < last; index += 1) if (uniformAt(seed, index) < FALLBACK_PROBABILITY) faulted += 1;
            return `target 1 got ${last - first} requests, ${faulted} answered 503 and fell back`;
          };
        },
        async stop() {
          await gateway.child.stop();
          await flaky.child.stop();
        },
      };
    },
  },
  {
    name: 'rung_log',
    description: 'as `rung`, with the per-request JSON log on (stdout to /dev/null)',
    defaultOn: true,
    async start(environment) {
      const document = singleRouteConfig({ fakeUrl: environment.fake.url, providerKey: environment.providerKey, requestLog: 'stdout' });
      return rungTarget(environment, await startRungWith(environment, 'rung_log', document), SINGLE_DEPLOYMENT);
    },
  },
  {
    // Every other row keeps its request log in SQLite (the default); this one in memory.
    name: 'rung_memory',
    description: 'as `rung`, with the request log in memory (`store.driver: memory`, up to 100,000 records) instead of SQLite',
    defaultOn: true,
    async start(environment) {
      const document = {
        ...singleRouteConfig({ fakeUrl: environment.fake.url, providerKey: environment.providerKey, requestLog: 'off' }),
        store: { driver: 'memory' },
      };
      return rungTarget(environment, await startRungWith(environment, 'rung_memory', document), SINGLE_DEPLOYMENT);
    },
  },
  {
    name: 'rung_store_off',
    description: 'as `rung`, with no request log kept (`store.driver: off`): the baseline for the cost of logging',
    defaultOn: true,
    async start(environment) {
      const document = { ...singleRouteConfig({ fakeUrl: environment.fake.url, providerKey: environment.providerKey, requestLog: 'off' }), store: { driver: 'off' } };
      return rungTarget(environment, await startRungWith(environment, 'rung_store_off', document), SINGLE_DEPLOYMENT);
    },
  },
  {
    name: 'rung_intelligent',
    description: 'Rung, score-driven `intelligent` policy (light + premium deployment), shipped scorer model loaded',
    defaultOn: true,
    async start(environment) {
      const { scorerModelDir } = environment.options;
      const document = intelligentConfig({
        fakeUrl: environment.fake.url,
        providerKey: environment.providerKey,
        requestLog: 'off',
        ...(scorerModelDir === undefined ? {} : { scorerModelDir: resolve(scorerModelDir) }),
      });
      const gateway = await startRungWith(environment, 'rung_intelligent', document);
      return {
        ...rungTarget(environment, gateway, INTELLIGENT_POLICY),
        // What scoring itself took in the window, from the gateway's own histogram: the part of
        // this row's extra cost that is the score call, measured where it runs.
        async observeWindow() {
          const first = await scorerTotals(gateway.origin);
          return async () => {
            const last = await scorerTotals(gateway.origin);
            const calls = last.count - first.count;
            const meanUs = calls === 0 ? 0 : ((last.sumSeconds - first.sumSeconds) / calls) * 1e6;
            return `scorer: ${calls} score calls in the window, mean ${meanUs.toFixed(0)} µs each (rung_scorer_duration_seconds)`;
          };
        },
      };
    },
  },
  {
    name: 'portkey',
    description: 'Portkey gateway (Node server), custom OpenAI-compatible host = the fake',
    defaultOn: true,
    async start(environment) {
      const gateway = await startPortkey(environment.repoRoot, environment.options.profileDir);
      return {
        request: {
          url: `${gateway.origin}/v1/chat/completions`,
          headers: {
            authorization: `Bearer ${environment.providerKey}`,
            'x-portkey-provider': 'openai',
            'x-portkey-custom-host': environment.fake.url,
          },
          bodies: chatBodies('gpt-4o-mini'),
        },
        pid: gateway.child.pid,
        stop: () => gateway.child.stop(),
      };
    },
  },
];

/** The rows to run: --only names (plus "direct", the baseline), else every default row. */
export function selectTargets(only: readonly string[]): TargetDefinition[] {
  if (only.length === 0) return TARGETS.filter((target) => target.defaultOn);
  const unknown = only.filter((name) => !TARGETS.some((target) => target.name === name));
  if (unknown.length > 0) throw new RangeError(`unknown row(s) ${unknown.join(', ')}; known: ${TARGETS.map((t) => t.name).join(', ')}`);
  return TARGETS.filter((target) => target.name === 'direct' || only.includes(target.name));
}
