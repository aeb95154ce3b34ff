// `npx tsx bench/store.ts`: the SQLite store at scale. Appends N realistic request records
// (default 1,000,000 over 30 days, one transaction per 10,000 through RequestLogStore.append, so
// rollups and indexes are paid as in production) into a temp file, then reports the bytes on disk
// per request, the insert rate, the time of 30-day aggregates (by model, policy, tier, key, day,
// tag) and of query pages, and the cost of BatchingRecordSink.write() on the request path.
// The last stdout line is a JSON summary. Flags: --rows N, --repeat N (timed runs per query,
// median reported; default 5), --prompts (also store a ~1,000-character prompt per request),
// --keep (leave the database file and print its path).
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { AttemptRecord, CascadeRecord, RequestRecord } from '../src/records/request-record.ts';
import { median } from './lib/stats.ts';
import { newRequestId } from '../src/gateway/request-id.ts';
import { BatchingRecordSink } from '../src/store/batch-writer.ts';
import { openSqliteStore } from '../src/store/sqlite/open-sqlite-store.ts';
import type { AnnotatedRecord, AggregateQuery, RequestQuery } from '../src/store/types.ts';
import { seededRandom } from '../src/training/metrics/numeric.ts';

const { values } = parseArgs({
  args: process.argv.slice(2),
  strict: true,
  options: { rows: { type: 'string' }, repeat: { type: 'string' }, prompts: { type: 'boolean' }, keep: { type: 'boolean' } },
});
const ROWS = Number(values.rows ?? 1_000_000);
const REPEAT = Number(values.repeat ?? 5);
const BATCH = 10_000;
const DAY = 86_400_000;
const END = Date.UTC(2024, 5, 1, 9, 17, 23);
const START = END - 30 * DAY;

const DEPLOYMENTS = [
  { id: 'openai/gpt-4o', provider: 'openai', model: 'gpt-4o-2024-08-06', tier: 'premium', input: 2.5, output: 10 },
  { id: 'anthropic/claude-sonnet', provider: 'anthropic', model: 'claude-3-5-sonnet-20241022', tier: 'premium', input: 3, output: 15 },
  { id: 'openai/gpt-4o-mini', provider: 'openai', model: 'gpt-4o-mini-2024-07-18', tier: 'mid', input: 0.15, output: 0.6 },
  { id: 'google/gemini-flash', provider: 'google', model: 'gemini-1.5-flash-002', tier: 'light', input: 0.075, output: 0.3 },
  { id: 'anthropic/claude-haiku', provider: 'anthropic', model: 'claude-3-5-haiku-20241022', tier: 'mid', input: 0.8, output: 4 },
  { id: 'local/llama-3.1-8b', provider: 'vllm', model: 'meta-llama/Llama-3.1-8B-Instruct', tier: 'local', input: 0, output: 0 },
] as const;
type Deployment = (typeof DEPLOYMENTS)[number];
const POLICIES = ['auto', 'auto-quality', 'support-bot', 'cascade-json'] as const;
const TEAMS = ['search', 'support', 'growth', 'platform', 'research', 'billing'];
const FEATURES = ['summarise', 'classify', 'extract', 'chat', 'rewrite'];
const WORDS = 'please summarise the following customer ticket and extract the order number the refund amount and the product name then reply politely in the language of the customer'.split(' ');

const random = seededRandom(2024);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
const cost = (deployment: Deployment, prompt: number, completion: number) => (prompt * deployment.input + completion * deployment.output) / 1_000_000;

function attempt(deployment: Deployment, startedAt: number, status: AttemptRecord['status'], latencyMs: number, tryNumber: number): AttemptRecord {
  const base: AttemptRecord = { deployment: deployment.id, provider: deployment.provider, model: deployment.model, startedAt, latencyMs, status, try: tryNumber };
  return status === 'ok' ? base : { ...base, errorClass: 'overloaded', message: `HTTP 529 from ${deployment.provider}: overloaded` };
}

function makeRequest(index: number): AnnotatedRecord {
  const receivedAt = START + Math.floor((index / ROWS) * 30 * DAY) + Math.floor(random() * 2_000);
  const direct = random() < 0.2;
  const policy = direct ? null : pick(POLICIES);
  const reference = policy === null ? pick(DEPLOYMENTS) : policy === 'auto-quality' ? DEPLOYMENTS[1] : DEPLOYMENTS[0];
  const score = direct ? null : Math.round(random() * 1e6) / 1e6;
  const served = direct ? reference : (score ?? 1) >= 0.7 ? reference : pick(DEPLOYMENTS.slice(2));
  const fallback = random() < 0.04;
  const failed = random() < 0.02;
  const promptTokens = 200 + Math.floor(random() * 3_000);
  const completionTokens = 50 + Math.floor(random() * 800);
  const attempts: AttemptRecord[] = [];
  let clock = receivedAt + 2;
  if (fallback) {
    const first = pick(DEPLOYMENTS);
    attempts.push(attempt(first, clock, 'error', 800, 1));
    clock += 1_050;
  }
  const latencyMs = 300 + Math.floor(random() * 4_000);
  attempts.push(attempt(served, clock, failed ? 'error' : 'ok', latencyMs, 1));
  let cascade: CascadeRecord | null = null;
  let costUsd = failed ? 0 : cost(served, promptTokens, completionTokens);
  if (policy === 'cascade-json' && !failed) {
    const escalated = random() < 0.25;
    const cheap = DEPLOYMENTS[3];
    const steps: CascadeRecord['steps'] = [
      { step: 1, deployment: cheap.id, status: escalated ? 'rejected' : 'accepted', verdicts: [{ validator: 'json_schema', verdict: escalated ? 'fail' : 'pass', ...(escalated ? { reason: 'missing property "order_id"' } : {}) }], costUsd: cost(cheap, promptTokens, completionTokens) },
    ];
    if (escalated) steps.push({ step: 2, deployment: reference.id, status: 'accepted', verdicts: [{ validator: 'json_schema', verdict: 'pass' }], costUsd: cost(reference, promptTokens, completionTokens) });
    const totalCostUsd = steps.reduce((sum, step) => sum + step.costUsd, 0);
    cascade = { outcome: escalated ? 'escalated' : 'passed', answerStep: steps.length, steps, totalCostUsd, topDeployment: reference.id, savedVsTopUsd: cost(reference, promptTokens, completionTokens) - totalCostUsd };
    costUsd = totalCostUsd;
  }
  const referenceCostUsd = failed ? 0 : cost(reference, promptTokens, completionTokens);
  const tags: Record<string, string> = {};
  if (random() < 0.5) tags.team = pick(TEAMS);
  if (random() < 0.2) tags.feature = pick(FEATURES);
  const record: RequestRecord = {
    // The gateway's own ids: time-ordered, so the unique index on them grows at its end.
    requestId: newRequestId(receivedAt),
    receivedAt,
    keyId: `key-${Math.floor(random() * 40)}`,
    workspace: pick(['acme', 'globex', 'initech']),
    department: random() < 0.5 ? pick(['engineering', 'sales', 'support']) : null,
    agent: random() < 0.3 ? `agent-${Math.floor(random() * 10)}` : null,
    requested: policy ?? reference.id,
    routeKind: direct ? 'deployment' : 'policy',
    policy,
    strategy: direct ? 'single' : policy === 'cascade-json' ? 'cascade' : 'intelligent',
    reason: direct ? `requested deployment ${reference.id}` : `score ${(score ?? 0).toFixed(2)}; below 0.70 → ${served.tier} tier (cost_optimized); rule none`,
    control: direct ? null : 'default',
    rule: null,
    project: random() < 0.3 ? 'atlas' : null,
    score,
    scorer: direct ? null : 'ok',
    taskClass: direct ? null : pick(['qa', 'code', 'summarise', 'extract', 'chat']),
    tier: failed ? null : served.tier,
    stream: random() < 0.6,
    attempts,
    finalDeployment: failed ? null : served.id,
    finalProvider: failed ? null : served.provider,
    finalModel: failed ? null : served.model,
    status: failed ? 'error' : random() < 0.01 ? 'client_closed' : 'ok',
    httpStatus: failed ? 502 : 200,
    errorCode: failed ? 'all_targets_failed' : null,
    usage: failed ? null : { promptTokens, completionTokens, totalTokens: promptTokens + completionTokens },
    costUsd,
    referenceDeployment: reference.id,
    referenceCostUsd,
    costDeltaUsd: costUsd - referenceCostUsd,
    latencyMs: clock - receivedAt + latencyMs + 3,
    fallbackLatencyMs: clock - receivedAt,
    fallback,
    cascade,
    experiment: random() < 0.1 ? { id: 'cheaper-default', arm: random() < 0.5 ? 'control' : 'treatment', unit: 'key' } : null,
  };
  const promptText = values.prompts === true ? Array.from({ length: 170 }, () => pick(WORDS)).join(' ').slice(0, 1_000) : null;
  return { record, tags, promptText, premiumCostUsd: failed ? 0 : cost(DEPLOYMENTS[1], promptTokens, completionTokens) };
}

async function timeIt(run: () => Promise<unknown>): Promise<{ medianMs: number; firstMs: number }> {
  const samples: number[] = [];
  for (let index = 0; index < REPEAT; index++) {
    const started = performance.now();
    await run();
    samples.push(performance.now() - started);
  }
  return { medianMs: median(samples) ?? Number.NaN, firstMs: samples[0] ?? Number.NaN };
}

const folder = mkdtempSync(join(tmpdir(), 'rung-bench-store-'));
const path = join(folder, 'bench.db');
const store = await openSqliteStore({ path });

// Only the appends are timed, not making the records.
let insertMs = 0;
for (let start = 0; start < ROWS; start += BATCH) {
  const batch = Array.from({ length: Math.min(BATCH, ROWS - start) }, (_, offset) => makeRequest(start + offset));
  const started = performance.now();
  await store.requests.append(batch);
  insertMs += performance.now() - started;
}
const insertSeconds = insertMs / 1000;
store.database.pragma('wal_checkpoint(TRUNCATE)');
const fileBytes = statSync(path).size;
const tables = store.database
  .prepare("SELECT name, SUM(pgsize) AS bytes FROM dbstat GROUP BY name ORDER BY bytes DESC")
  .all() as { name: string; bytes: number }[];

const thirtyDays = { from: START, to: END };
const aggregates: [string, AggregateQuery][] = [
  ['model', { ...thirtyDays, groupBy: 'model' }],
  ['policy', { ...thirtyDays, groupBy: 'policy' }],
  ['tier', { ...thirtyDays, groupBy: 'tier' }],
  ['key', { ...thirtyDays, groupBy: 'key' }],
  ['day', { ...thirtyDays, groupBy: 'day' }],
  ['tag:team', { ...thirtyDays, groupBy: 'tag', tag: 'team' }],
];
const aggregateTimes: Record<string, number> = {};
let requestsCounted = 0;
for (const [name, query] of aggregates) {
  const timing = await timeIt(() => store.requests.aggregate(query));
  aggregateTimes[name] = timing.medianMs;
  if (name === 'model') requestsCounted = (await store.requests.aggregate(query)).reduce((sum, group) => sum + group.requests, 0);
}
const firstPage = await store.requests.query({ limit: 100 });
const pages: [string, RequestQuery][] = [
  ['newest 100', { limit: 100 }],
  ['next page (cursor)', { limit: 100, cursor: firstPage.nextCursor }],
  ['key filter, 30 days', { ...thirtyDays, limit: 100, filters: { keyId: 'key-7' } }],
  ['errors, 30 days', { ...thirtyDays, limit: 100, filters: { status: 'error' } }],
  ['policy + tier', { ...thirtyDays, limit: 100, filters: { policy: 'cascade-json', tier: 'premium' } }],
];
const pageTimes: Record<string, number> = {};
for (const [name, query] of pages) pageTimes[name] = (await timeIt(() => store.requests.query(query))).medianMs;
const getTime = (await timeIt(() => store.requests.get(firstPage.requests[50]?.record.requestId ?? ''))).medianMs;

// The request path: BatchingRecordSink.write() only buffers.
const writes = 100_000;
const sink = new BatchingRecordSink({ append: async () => undefined }, { flushIntervalMs: 3_600_000, maxBatch: writes + 1 });
const sample = makeRequest(0).record;
const writeStarted = performance.now();
for (let index = 0; index < writes; index++) sink.write(sample);
const writeNs = ((performance.now() - writeStarted) * 1e6) / writes;
await sink.close();
await store.close();

const bytesPerRow = fileBytes / ROWS;
console.log(`Store bench: ${ROWS.toLocaleString('en')} requests over 30 days, prompts ${values.prompts === true ? 'kept (~1,000 chars)' : 'off'}, ${cpus().length} CPU(s), Node ${process.version}`);
console.log('');
console.log('| measure | value |');
console.log('| --- | ---: |');
console.log(`| file size (after checkpoint) | ${(fileBytes / 1_048_576).toFixed(1)} MiB |`);
console.log(`| bytes per request (all tables and indexes) | ${bytesPerRow.toFixed(0)} |`);
console.log(`| insert rate (10k-row transactions, with rollups) | ${Math.round(ROWS / insertSeconds).toLocaleString('en')} rows/s |`);
for (const [name, ms] of Object.entries(aggregateTimes)) console.log(`| 30-day aggregate by ${name} | ${ms.toFixed(1)} ms |`);
for (const [name, ms] of Object.entries(pageTimes)) console.log(`| query page: ${name} | ${ms.toFixed(2)} ms |`);
console.log(`| get by request id | ${getTime.toFixed(3)} ms |`);
console.log(`| BatchingRecordSink.write() | ${writeNs.toFixed(0)} ns |`);
console.log('');
console.log('| table or index (64 KiB or more) | MiB | bytes/request |');
console.log('| --- | ---: | ---: |');
for (const table of tables.filter((entry) => entry.bytes >= 65_536)) console.log(`| ${table.name} | ${(table.bytes / 1_048_576).toFixed(1)} | ${(table.bytes / ROWS).toFixed(0)} |`);
console.log('');
if (values.keep === true) console.log(`kept: ${path}`);
else rmSync(folder, { recursive: true, force: true });
console.log(
  JSON.stringify({
    rows: ROWS,
    prompts: values.prompts === true,
    requests_counted: requestsCounted,
    bytes_per_row: Math.round(bytesPerRow),
    insert_rows_per_s: Math.round(ROWS / insertSeconds),
    aggregate_30d_ms: Object.fromEntries(Object.entries(aggregateTimes).map(([name, ms]) => [name, Number(ms.toFixed(2))])),
    query_page_ms: Object.fromEntries(Object.entries(pageTimes).map(([name, ms]) => [name, Number(ms.toFixed(3))])),
    get_ms: Number(getTime.toFixed(4)),
    sink_write_ns: Math.round(writeNs),
  }),
);
