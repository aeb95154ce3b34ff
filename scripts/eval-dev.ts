// Quality check of the scorer design on the RouteLLM dev file (not shipped with the repo):
//   (b) 5-fold cross-validation grouped by subject (`domain`): train on 4 folds' subjects,
//       score the unseen subjects of the fifth; the pooled out-of-fold scores are evaluated once.
//   (c) a random 50/50 split: train on one half, score the other.
// Each next to the prompt-length and random baselines, with the route_eval definitions.
// usage: npx tsx scripts/eval-dev.ts /path/to/routing-dev.jsonl ['{"k":32,…}' option overrides]
//        [--scores-dir DIR]  also write the scores as {id,score} JSONL for route_eval.mjs
//        [--only b|c]        run one of the two settings
//        [--seeds 1,2,3]     (c) once per split seed, each line and the mean (the split moves
//                            APGR by about ±0.005, so compare designs on several seeds)
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadDataset, type TrainingExample } from '../src/training/dataset.ts';
import { evaluateRandom, evaluateScores, promptLengthScore, type RoutingMetrics } from '../src/training/metrics/index.ts';
import { groupedFolds, trainValidationSplit } from '../src/training/split.ts';
import { trainScorer } from '../src/training/train.ts';
import type { TrainOptions } from '../src/training/train-options.ts';

const args = process.argv.slice(2);
const flagValue = (flag: string): string | undefined => {
  const at = args.indexOf(flag);
  return at >= 0 ? args[at + 1] : undefined;
};
const VALUE_FLAGS = ['--scores-dir', '--only', '--seeds'];
const scoresDir = flagValue('--scores-dir');
const only = flagValue('--only');
const positional = args.filter((_, i) => !VALUE_FLAGS.includes(args[i] ?? '') && !VALUE_FLAGS.includes(args[i - 1] ?? ''));
const dataPath = positional[0];
if (dataPath === undefined) {
  console.error('usage: npx tsx scripts/eval-dev.ts DEV.jsonl [options-json] [--scores-dir DIR]');
  process.exit(2);
}
const overrides = JSON.parse(positional[1] ?? '{}') as Partial<TrainOptions>;
const examples = loadDataset(dataPath).examples;
const outcome = (e: TrainingExample) => ({ strong: e.strong ?? 0, weak: e.weak ?? 0 });
const seed = overrides.seed ?? 1;
const splitSeeds = (flagValue('--seeds') ?? String(seed)).split(',').map((value) => Number(value));
if (splitSeeds.some((value) => !Number.isInteger(value) || value < 0)) {
  console.error('--seeds takes non-negative integers, e.g. --seeds 1,2,3');
  process.exit(2);
}

function writeScores(name: string, rows: readonly TrainingExample[], scores: readonly number[]): void {
  if (scoresDir === undefined) return;
  mkdirSync(scoresDir, { recursive: true });
  writeFileSync(join(scoresDir, `${name}.jsonl`), rows.map((e, i) => JSON.stringify({ id: e.id, score: scores[i] })).join('\n') + '\n');
  writeFileSync(join(scoresDir, `${name}-data.jsonl`), rows.map((e) => JSON.stringify({ id: e.id, source: e.source ?? 'x', prompt: e.prompt, strong: e.strong, weak: e.weak })).join('\n') + '\n');
}

// (b) grouped 5-fold CV.
const runB = only !== 'c';
const runC = only !== 'b';
const folds = groupedFolds(examples.map((e) => e.domain ?? ''), 5, seed);
const cvScores = new Array<number>(examples.length).fill(0);
for (let fold = 0; fold < (runB ? 5 : 0); fold++) {
  const trainRows = examples.filter((_, i) => folds[i] !== fold);
  const testIndices = examples.flatMap((_, i) => (folds[i] === fold ? [i] : []));
  const model = trainScorer(trainRows, { ...overrides, seed });
  const scores = model.scoreTexts(testIndices.map((i) => (examples[i] as TrainingExample).prompt));
  testIndices.forEach((row, j) => (cvScores[row] = scores[j] ?? 0));
  console.error(`grouped CV fold ${fold + 1}/5: trained on ${trainRows.length}, scored ${testIndices.length}`);
}
writeScores('grouped-cv', examples, cvScores);

// (c) random 50/50 split (stratified by label, seeded), once per split seed.
function randomHalf(splitSeed: number): { testHalf: TrainingExample[]; scores: number[] } {
  const half = trainValidationSplit(examples.map((e) => String(e.target > 0.5)), 0.5, splitSeed);
  const trainHalf = half.train.map((i) => examples[i] as TrainingExample);
  const testHalf = half.validation.map((i) => examples[i] as TrainingExample);
  return { testHalf, scores: trainScorer(trainHalf, { ...overrides, seed: splitSeed }).scoreTexts(testHalf.map((e) => e.prompt)) };
}
const halves = runC ? splitSeeds.map((splitSeed) => ({ splitSeed, ...randomHalf(splitSeed) })) : [];
for (const { splitSeed, testHalf, scores } of halves) writeScores(splitSeeds.length === 1 ? 'random-half' : `random-half-seed${splitSeed}`, testHalf, scores);

function row(name: string, metrics: RoutingMetrics): string {
  const f = (v: number | null, d: number) => (v === null ? 'n/a' : v.toFixed(d)).padStart(9);
  return `${name.padEnd(34)}${f(metrics.apgr, 4)}${f(metrics.cpt50, 1)}%${f(metrics.cpt80, 1)}%${f(metrics.rocAuc, 4)}`;
}
const lines = [`${'setting / router'.padEnd(34)}${'APGR'.padStart(9)}${'CPT50'.padStart(10)}${'CPT80'.padStart(10)}${'ROC-AUC'.padStart(9)}`];
const allOutcomes = examples.map(outcome);
if (runB) {
lines.push(row('(b) grouped 5-fold CV: scorer', evaluateScores(cvScores, allOutcomes)));
lines.push(row('(b) grouped 5-fold CV: length', evaluateScores(examples.map((e) => promptLengthScore(e.prompt)), allOutcomes)));
lines.push(row('(b) grouped 5-fold CV: random', evaluateRandom(allOutcomes, { seed: 0 })));
}
const apgrs: number[] = [];
for (const { splitSeed, testHalf, scores } of halves) {
  const halfOutcomes = testHalf.map(outcome);
  const label = splitSeeds.length === 1 ? '(c) random 50/50 split' : `(c) random split, seed ${splitSeed}`;
  const metrics = evaluateScores(scores, halfOutcomes);
  apgrs.push(metrics.apgr ?? Number.NaN);
  lines.push(row(`${label}: scorer`, metrics));
  lines.push(row(`${label}: length`, evaluateScores(testHalf.map((e) => promptLengthScore(e.prompt)), halfOutcomes)));
  lines.push(row(`${label}: random`, evaluateRandom(halfOutcomes, { seed: 0 })));
}
if (apgrs.length > 1) lines.push(`(c) scorer APGR over ${apgrs.length} split seeds: mean ${(apgrs.reduce((a, b) => a + b, 0) / apgrs.length).toFixed(4)}, min ${Math.min(...apgrs).toFixed(4)}, max ${Math.max(...apgrs).toFixed(4)}`);
console.log(lines.join('\n'));
