// Regenerates training-data/prompts.jsonl from the authored pools in ./classes.
// Run: npx tsx scripts/training-data/generate.ts   (deterministic: same bytes on every run)
//
// Each class draws from its own PRNG stream seeded by the class name, so editing one class's
// pools leaves every other class's rows unchanged. Candidates that repeat an earlier prompt
// exactly, or after digits are masked, are rejected, which keeps template near-duplicates out.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRng, seedFromString } from './lib/prng.ts';
import { TASK_CLASSES } from './lib/types.ts';
import type { DraftMaker, Row, TaskClass } from './lib/types.ts';
import { nearDuplicateKey } from './lib/near-duplicate.ts';
import { makers } from './classes/index.ts';

const CORPUS_SEED = 'rung-training-data-v1';
const ROWS_PER_CLASS = 265;
/** Gives up on a class after this many rejected candidates in a row (a pool is too small). */
const MAX_REJECTS_IN_A_ROW = 4000;

function generateClass(task: TaskClass, maker: DraftMaker, seenKeys: Set<string>): Row[] {
  const rng = createRng(seedFromString(`${CORPUS_SEED}:${task}`));
  const rows: Row[] = [];
  let rejects = 0;
  while (rows.length < ROWS_PER_CLASS) {
    const draft = maker(rng);
    const prompt = draft.prompt.trim();
    const key = nearDuplicateKey(prompt);
    if (seenKeys.has(key)) {
      rejects += 1;
      if (rejects > MAX_REJECTS_IN_A_ROW) throw new RangeError(`${task}: pool exhausted at ${rows.length} rows`);
      continue;
    }
    rejects = 0;
    seenKeys.add(key);
    rows.push({
      id: `${task}-${rows.length + 1}`,
      prompt,
      label: draft.label,
      task,
      difficulty: draft.difficulty,
      source: 'rung-authored',
    });
  }
  return rows;
}

function main(): void {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
  const seenKeys = new Set<string>();
  const lines: string[] = [];
  for (const task of TASK_CLASSES) {
    const rows = generateClass(task, makers[task], seenKeys);
    for (const row of rows) lines.push(JSON.stringify(row));
    console.log(`${task.padEnd(24)} ${rows.length} rows`);
  }
  const target = resolve(root, 'training-data', 'prompts.jsonl');
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, lines.join('\n') + '\n', 'utf8');
  console.log(`wrote ${lines.length} rows to ${target}`);
}

main();
