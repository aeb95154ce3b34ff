// Prints the datasheet tables for training-data/prompts.jsonl: rows and label-1 share per class,
// difficulty mix, prompt length distribution, and duplicate / near-duplicate counts.
// Run: npx tsx scripts/training-data/stats.ts
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TASK_CLASSES } from './lib/types.ts';
import type { Row } from './lib/types.ts';
import { nearDuplicateKey } from './lib/near-duplicate.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const path = resolve(root, 'training-data', 'prompts.jsonl');
const rows = readFileSync(path, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as Row);

const words = (text: string): number => text.split(/\s+/).filter(Boolean).length;
const pct = (part: number, whole: number): string => `${((100 * part) / Math.max(whole, 1)).toFixed(1)}%`;
const quantile = (sorted: number[], q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;

console.log(`file: training-data/prompts.jsonl (${rows.length} rows, ${(readFileSync(path).length / 1e6).toFixed(2)} MB)\n`);
console.log('| class | rows | label 1 | label 1 share | easy | medium | hard | median words | max words |');
console.log('|---|---|---|---|---|---|---|---|---|');
for (const task of TASK_CLASSES) {
  const of = rows.filter((row) => row.task === task);
  const ones = of.filter((row) => row.label === 1).length;
  const count = (difficulty: string): number => of.filter((row) => row.difficulty === difficulty).length;
  const lengths = of.map((row) => words(row.prompt)).sort((a, b) => a - b);
  console.log(`| ${task} | ${of.length} | ${ones} | ${pct(ones, of.length)} | ${count('easy')} | ${count('medium')} | ${count('hard')} | ${quantile(lengths, 0.5)} | ${lengths.at(-1) ?? 0} |`);
}
const ones = rows.filter((row) => row.label === 1).length;
console.log(`| **total** | ${rows.length} | ${ones} | ${pct(ones, rows.length)} | | | | | |\n`);

const lengths = rows.map((row) => words(row.prompt)).sort((a, b) => a - b);
const buckets: [string, number, number][] = [['1-10', 1, 10], ['11-30', 11, 30], ['31-80', 31, 80], ['81-200', 81, 200], ['201-500', 201, 500], ['501-1000', 501, 1000], ['1001+', 1001, Infinity]];
console.log('| words | rows | share |');
console.log('|---|---|---|');
for (const [name, low, high] of buckets) {
  const inBucket = lengths.filter((length) => length >= low && length <= high).length;
  console.log(`| ${name} | ${inBucket} | ${pct(inBucket, rows.length)} |`);
}
console.log(`\nwords per prompt: min ${lengths[0]}, p10 ${quantile(lengths, 0.1)}, median ${quantile(lengths, 0.5)}, p90 ${quantile(lengths, 0.9)}, max ${lengths.at(-1)}`);

const exact = rows.length - new Set(rows.map((row) => row.prompt)).size;
const near = rows.length - new Set(rows.map((row) => nearDuplicateKey(row.prompt))).size;
const ids = rows.length - new Set(rows.map((row) => row.id)).size;
// A looser check: same first 12 words after digit masking (shared template openings).
const openings = new Map<string, number>();
for (const row of rows) {
  const key = nearDuplicateKey(row.prompt).split(' ').slice(0, 12).join(' ');
  openings.set(key, (openings.get(key) ?? 0) + 1);
}
const sharedOpening = [...openings.values()].filter((count) => count > 1).reduce((sum, count) => sum + count - 1, 0);
console.log(`exact duplicate prompts: ${exact}; near-duplicates (identical after masking digits/case/space): ${near} (${pct(near, rows.length)}); duplicate ids: ${ids}`);
console.log(`rows whose first 12 words (digits masked) repeat an earlier row: ${sharedOpening} (${pct(sharedOpening, rows.length)})`);
const withCode = rows.filter((row) => row.prompt.includes('```')).length;
const withJson = rows.filter((row) => /JSON|\{"/.test(row.prompt)).length;
console.log(`prompts with a code block: ${withCode}; mentioning or containing JSON: ${withJson}`);
