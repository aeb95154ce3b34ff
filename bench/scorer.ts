// `npm run bench:scorer`: latency of one Scorer.score() call (batch 1) for short / medium / long
// prompts with the shipped model, the same prompts through a TransformersEncoder on a tiny
// generated BERT (reference for the library's per-call overhead), and the wall time of training on
// 10,000 synthetic prompts. The last stdout line is the JSON summary of the shipped-model latencies.
// Besides wall-clock percentiles each row reports process CPU per call (user + system over the timed
// calls, all threads): a library thread pool can keep wall latency low while spending CPU elsewhere,
// and CPU per call is what scoring adds to the gateway's cost per request. The -mix rows cycle through
// 64 different prompts of the short / medium size: a repeated prompt keeps its embedding-table rows,
// lexical weights and kNN graph nodes in cache, which traffic does not; chat-mix scores the gateway
// benchmark's 64 real-sentence requests.
// Flags: --model DIR (default: the shipped model), --iterations N (default 2000), --skip-train.
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_MODEL_DIRECTORY } from '../src/scorer/default-model.ts';
import { TransformersEncoder } from '../src/scorer/encoder/transformers-encoder.ts';
import { loadScorerModel } from '../src/scorer/scorer.ts';
import type { TrainingExample } from '../src/training/dataset.ts';
import { seededRandom } from '../src/training/metrics/numeric.ts';
import { trainScorer } from '../src/training/train.ts';
import { writeScorerModel } from '../src/training/write-model.ts';
import { writeTinyBertFolder } from '../test/scorer/encoder/tiny-bert.ts';
import { chatBodies } from './lib/workload.ts';
import { parseChatCompletionBody } from '../src/gateway/openai-api/parse-chat-request.ts';
import { extractScoringText } from '../src/scorer/scoring-text.ts';

const { values } = parseArgs({
  args: process.argv.slice(2),
  strict: true,
  options: { model: { type: 'string' }, iterations: { type: 'string' }, 'skip-train': { type: 'boolean' } },
});
const iterations = Number(values.iterations ?? 2000);

const WORDS = 'the model routes each request to a cheaper tier when the question is simple but sends proofs derivations and long multi step analyses with code to the strong tier because they need careful reasoning about 42 constraints'.split(' ');

/** About `tokens` tokens of English-like text (≈ 4 characters per token). */
function promptOfTokens(tokens: number, seed: number): string {
  const random = seededRandom(seed);
  const words: string[] = [];
  let characters = 0;
  while (characters < tokens * 4) {
    const word = WORDS[Math.floor(random() * WORDS.length)] ?? 'x';
    words.push(word);
    characters += word.length + 1;
  }
  return `${words.join(' ')}?`;
}

const PROMPTS: Record<string, string[]> = {
  short: [promptOfTokens(20, 1)],
  medium: [promptOfTokens(200, 2)],
  long: [promptOfTokens(2000, 3)],
  'short-mix': Array.from({ length: 64 }, (_, i) => promptOfTokens(12 + (i % 16), 100 + i)),
  'medium-mix': Array.from({ length: 64 }, (_, i) => promptOfTokens(180 + (i % 40), 200 + i)),
  // The 64 requests of `npm run bench:gateway`, parsed and reduced to their scoring text exactly as
  // the gateway does. Real sentences touch far more distinct n-grams than the word lists above, so
  // this is the in-context figure.
  'chat-mix': chatBodies('bench').map((body) => extractScoringText(parseChatCompletionBody(JSON.parse(body)).request.messages)),
};

function percentile(sorted: readonly number[], share: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))] ?? Number.NaN;
}

interface Measurement {
  p50_ms: number;
  p99_ms: number;
  /** Process CPU time (user + system, every thread) per call, in microseconds. */
  cpu_us: number;
}

/** Calls `call` on `texts` in turn: a warm-up, then `iterations` timed calls. */
async function measure(call: (text: string) => Promise<unknown>, texts: readonly string[]): Promise<Measurement> {
  const textAt = (i: number): string => texts[i % texts.length] ?? '';
  // Long enough for V8 to finish optimising the hot functions; otherwise the first row pays for it.
  for (let i = 0; i < Math.min(1000, iterations); i++) await call(textAt(i));
  const samples: number[] = [];
  const cpuBefore = process.cpuUsage();
  for (let i = 0; i < iterations; i++) {
    const text = textAt(i);
    const started = performance.now();
    await call(text);
    samples.push(performance.now() - started);
  }
  const cpu = process.cpuUsage(cpuBefore);
  samples.sort((a, b) => a - b);
  return {
    p50_ms: Number(percentile(samples, 0.5).toFixed(4)),
    p99_ms: Number(percentile(samples, 0.99).toFixed(4)),
    cpu_us: Number(((cpu.user + cpu.system) / iterations).toFixed(1)),
  };
}

function syntheticCorpus(count: number): TrainingExample[] {
  const random = seededRandom(77);
  const tasks = ['chat', 'math', 'code', 'writing', 'extraction', 'reasoning'];
  return Array.from({ length: count }, (_, i) => {
    const task = tasks[i % tasks.length] ?? 'chat';
    const hard = random() < 0.35;
    const prompt = `${task} ${hard ? 'prove derive analyse step by step' : 'quick simple'} ${promptOfTokens(20 + Math.floor(random() * 120), 1000 + i)}`;
    const label = hard ? 1 : 0;
    return { id: `bench-${i}`, prompt, target: label, gap: label, task };
  });
}

const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.version}`;
console.log(`scorer bench — ${machine}; ${iterations} calls per row, batch 1`);

const modelDirectory = values.model ?? DEFAULT_MODEL_DIRECTORY;
const scorer = await loadScorerModel(modelDirectory);
const shipped: Record<string, Measurement & { chars: number }> = {};
for (const [name, texts] of Object.entries(PROMPTS)) {
  const chars = Math.round(texts.reduce((sum, text) => sum + text.length, 0) / texts.length);
  shipped[name] = { ...(await measure((t) => scorer.score({ text: t }), texts)), chars };
}
await scorer.close();

const tinyFolder = join(mkdtempSync(join(tmpdir(), 'rung-bench-')), 'tiny-bert');
await writeTinyBertFolder(tinyFolder);
const transformers = await TransformersEncoder.load({ folder: tinyFolder, pooling: 'mean', normalize: true, maxLength: 512 });
const reference: Record<string, Measurement> = {};
for (const [name, texts] of Object.entries(PROMPTS)) reference[name] = await measure((t) => transformers.embed([t]), texts);
await transformers.close();

const table = [
  `${'prompt'.padEnd(11)}${'chars'.padStart(7)}${'shipped p50'.padStart(13)}${'p99'.padStart(10)}${'CPU/call'.padStart(11)}${'tiny-BERT embed p50'.padStart(21)}${'p99'.padStart(10)}${'CPU/call'.padStart(11)}`,
];
for (const name of Object.keys(PROMPTS)) {
  const s = shipped[name];
  const r = reference[name];
  table.push(
    `${name.padEnd(11)}${String(s?.chars).padStart(7)}${`${s?.p50_ms.toFixed(3)} ms`.padStart(13)}${`${s?.p99_ms.toFixed(3)} ms`.padStart(10)}${`${s?.cpu_us.toFixed(1)} µs`.padStart(11)}` +
      `${`${r?.p50_ms.toFixed(3)} ms`.padStart(21)}${`${r?.p99_ms.toFixed(3)} ms`.padStart(10)}${`${r?.cpu_us.toFixed(1)} µs`.padStart(11)}`,
  );
}
console.log(table.join('\n'));

let trainSeconds: number | undefined;
if (values['skip-train'] !== true) {
  const corpus = syntheticCorpus(10_000);
  const out = mkdtempSync(join(tmpdir(), 'rung-bench-model-'));
  const started = performance.now();
  writeScorerModel(out, trainScorer(corpus), []);
  trainSeconds = Number(((performance.now() - started) / 1000).toFixed(1));
  rmSync(out, { recursive: true, force: true });
  console.log(`rung train on 10,000 synthetic prompts (default options): ${trainSeconds} s`);
}

console.log(JSON.stringify({ ...shipped, tiny_bert_reference: reference, ...(trainSeconds === undefined ? {} : { train_10k_seconds: trainSeconds }) }));
