// The gateway the dashboard e2e test looks at: the shared harness (fake OpenAI, Anthropic and
// Gemini, a real gateway) with a scripted scorer, an A/B experiment, budgets and faults, then a
// small mixed workload through the official SDK so every page has something real to show.
import { faultForModel, firstFault, faultEvery } from '../../src/fakes/faults.ts';
import type { FakeRequest } from '../../src/fakes/types.ts';
import type { Clock } from '../../src/resilience/clock.ts';
import { startHarness, type Harness } from '../helpers/gateway-harness.ts';
import { scriptedScorer } from '../helpers/scripted-scorer.ts';

/** Prompts carrying this marker get a 400 from the OpenAI fake: requests that end in an error. */
export const FAIL_MARKER = 'FAIL-ME';

const failMarked = (_index: number, request: FakeRequest) =>
  request.messages.some((message) => message.text.includes(FAIL_MARKER)) ? { status: 400, message: 'rejected by the test' } : undefined;

/**
 * Real time minus an offset the workload steps down to zero, so its requests land in different
 * hours of the last day (the overview's hourly chart has a shape) and the dashboard, reading at
 * offset zero, sees them all in its default 24-hour window. Only changed between requests.
 */
export class ShiftedClock implements Clock {
  offsetMs = 0;
  now(): number {
    return Date.now() - this.offsetMs;
  }
}

export interface DashboardGateway {
  harness: Harness;
  clock: ShiftedClock;
}

/** The manifest fields the Scorer page shows, with the validation curve. */
export const SCORER_MANIFEST = {
  format_version: 1,
  name: 'rung-scorer-e2e',
  created: '2026-11-20T10:00:00.000Z',
  encoder: { kind: 'builtin-onnx', id: 'builtin-e2e', dimensions: 64, file: 'encoder.onnx' },
  knn: { k: 32, rows: 900, ef_search: 64, index_file: 'knn-index.bin', neighbours_file: 'neighbours.json' },
  training: { sources: [{ name: 'prompts.jsonl', sha256: 'ab'.repeat(32), rows: 1000 }], rows: { total: 1000, train: 900, validation: 100 }, seed: 1, options: {} },
  thresholds: { cost_optimized: 0.6, balanced: 0.5, quality_first: 0.4 },
  eval: { rows: 100, roc_auc: 0.81 },
  eval_curve: [
    { pct: 0, perf: 0.62 },
    { pct: 30, perf: 0.8 },
    { pct: 70, perf: 0.9 },
    { pct: 100, perf: 0.93 },
  ],
  files: {},
};

export async function startDashboardGateway(): Promise<DashboardGateway> {
  const clock = new ShiftedClock();
  const harness = await startHarness({
    clock,
    // A scripted scorer carrying a manifest, so the Scorer page has a model and its cost–quality curve.
    scorer: Object.assign(scriptedScorer(), { manifest: SCORER_MANIFEST }),
    fake: { openai: { faults: firstFault(failMarked, faultForModel('gpt-big', faultEvery(4, { status: 500, message: 'flaky' }))) } },
    config: (base) => ({
      ...base,
      resilience: { breaker: { consecutive_failures: 10_000, min_requests: 10_000 } },
      policies: {
        ...(base.policies as Record<string, unknown>),
        cheap: { strategy: { type: 'lowest_cost', targets: ['gpt-big', 'claude-mid', 'gemini-light'] } },
      },
      experiments: [
        {
          id: 'cheap-vs-chain',
          description: 'Does the cheapest deployment hold up against the premium chain?',
          match: { model: 'rung/chain' },
          split_by: 'request',
          arms: [
            { name: 'control', policy: 'chain' },
            { name: 'treatment', policy: 'cheap' },
          ],
        },
      ],
      budgets: [
        { id: 'team-daily', scope: { department: 'dept' }, period: 'day', limit_usd: 0.01 },
        { id: 'key-monthly', scope: { key: 'test-key' }, period: 'month', limit_usd: 50 },
      ],
    }),
  });
  return { harness, clock };
}

const ask = (text: string) => [{ role: 'user' as const, content: text }];

const HOUR_MS = 3_600_000;

/** Sends the workload, spread over the last 21 hours; returns how many requests were sent. */
export async function sendTraffic({ harness, clock }: DashboardGateway): Promise<number> {
  const { client } = harness;
  const kinds: (() => Promise<unknown>)[][] = [[], [], [], []];
  for (let index = 0; index < 10; index += 1) {
    const score = index % 3 === 0 ? 0.9 : 0.2;
    kinds[0]?.push(() => client.chat.completions.create({ model: 'rung/cost_optimized', messages: ask(`[score=${score}] question ${index}: explain routing`) }));
  }
  for (let index = 0; index < 12; index += 1) {
    kinds[1]?.push(() => client.chat.completions.create({ model: 'rung/chain', messages: ask(`chain question ${index}`) }));
  }
  for (let index = 0; index < 4; index += 1) {
    kinds[2]?.push(() => client.chat.completions.create({ model: 'gemini-light', messages: ask(`light question ${index}`) }));
  }
  for (let index = 0; index < 3; index += 1) {
    kinds[3]?.push(() => client.chat.completions.create({ model: 'gpt-big', messages: ask(`${FAIL_MARKER} ${index}`) }));
  }
  // Interleaved, so every part of the day sees a mix of traffic.
  const calls = Array.from({ length: 12 }, (_unused, round) => kinds.map((kind) => kind[round]).filter((call) => call !== undefined)).flat();
  // One at a time: the fault script counts requests, so the order decides which ones fail over.
  for (const [index, call] of calls.entries()) {
    clock.offsetMs = Math.round((21 * (calls.length - 1 - index)) / (calls.length - 1)) * HOUR_MS;
    await call().catch(() => undefined);
  }
  clock.offsetMs = 0;
  await harness.built.context.flushRecords();
  const evals = harness.built.context.store.evals;
  const day = 86_400_000;
  const now = Date.now();
  await evals.append({ at: now - 2 * day, modelVersion: 'rung-scorer-v1', dataset: 'dev-set-a', apgr: 0.71, auc: 0.82, cpt50: 0.31, cpt80: 0.58, accepted: true, notes: '' });
  await evals.append({ at: now - day, modelVersion: 'rung-scorer-v1', dataset: 'dev-set-b', apgr: 0.52, auc: 0.7, cpt50: 0.44, cpt80: 0.71, accepted: false, notes: 'drift alarm: APGR fell from 0.7100 to 0.5200' });
  return calls.length;
}
