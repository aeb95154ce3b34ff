// A straightforward scorer, the definition the optimised Scorer (src/scorer/scorer.ts) is compared
// against: each step written the plain way, without the shared featuriser pass, reused buffers,
// onnxruntime-node's native binding or the branch-free counting. It reads the same model directory
// (through the same verified loaders) and shares only the steps the optimisation did not touch:
// featurize (one spec at a time), the ONNX graph through the public InferenceSession, hnswlib's
// searchKnn, applyHead and applyCalibration. The hand features and the neighbour statistics are
// the implementations as they were before the request path was optimised.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import hnswlib from 'hnswlib-node';
import { InferenceSession, Tensor } from 'onnxruntime-node';
import { applyCalibration } from '../../src/scorer/calibration.ts';
import { featurize, type FeaturizerSpec } from '../../src/scorer/encoder/builtin/featurize.ts';
import { HAND_FEATURE_COUNT } from '../../src/scorer/features.ts';
import { applyHead } from '../../src/scorer/apply-head.ts';
import type { LexicalModel } from '../../src/scorer/lexical-model.ts';
import type { ScorerManifest } from '../../src/scorer/manifest.ts';
import { readFloat32File, readJsonFile, readVerifiedManifest, tableFromNeighbourFile, type HeadFile, type NeighbourFile } from '../../src/scorer/model-store.ts';
import type { NeighbourTable } from '../../src/scorer/neighbour-stats.ts';
import type { ScoreResult } from '../../src/scorer/scorer.ts';

// ---- hand features, as written before the branch-free counting loop ----

const CONSTRAINT_WORDS =
  /\b(?:must|exactly|at (?:least|most)|no more than|without|only|ensure|should|format|limit|words?|bullet|json|table|concise|each|every|all of)\b/gi;
const REASONING_CUES =
  /\b(?:prove|derive|explain|why|step[- ]by[- ]step|calculate|compute|how (?:many|much)|solve|evaluate|estimate|determine|analy[sz]e|compare|justify|implies|therefore|suppose|assume|if and only if|probability|expected|rate|total|remaining|percent)\b/gi;
const NEGATION_CUES = /\b(?:NOT|EXCEPT|LEAST|FALSE|never|incorrect|cannot)\b/g;
const MATH_SYMBOLS = /[=+\-*/^<>≤≥≠√∑∫πθλμσ∞±×÷%$|]/g;
const NUMBERS = /\d+(?:[.,]\d+)?/g;
const CODE_TOKENS = /(?:\bdef |\bfunction\b|\breturn\b|\bclass |=>|\bconst |\bimport |#include|[{};]\s*$)/gm;
const CHOICE_LINE = /^\s*(?:\(?[A-Ja-j][.):])\s+(.*)$/gm;
const ENUMERATED = /^\s*(?:\d+[.)]|[-*•]|\([a-z0-9]+\))\s+/gm;
const STATEMENT_PAIR = /Statement \d\s*\|/g;
const ROMAN_COMBO = /\b(?:I{1,3}|IV|V)(?:,| and| only)\s/g;
const SENTENCE_END = /[.!?](?:\s|$)/g;

function countMatches(text: string, pattern: RegExp): number {
  pattern.lastIndex = 0;
  let count = 0;
  while (pattern.exec(text) !== null) count++;
  return count;
}

export function referenceHandFeatures(text: string): number[] {
  const length = text.length;
  let digits = 0;
  let uppercase = 0;
  let letters = 0;
  let nonAscii = 0;
  let lines = 1;
  let words = 0;
  let inWord = false;
  for (let i = 0; i < length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 48 && code <= 57) digits++;
    else if (code >= 65 && code <= 90) {
      uppercase++;
      letters++;
    } else if (code >= 97 && code <= 122) letters++;
    else if (code > 127) nonAscii++;
    if (code === 10) lines++;
    const space = code === 32 || code === 10 || code === 9 || code === 13;
    if (!space && !inWord) words++;
    inWord = !space;
  }
  let options = 0;
  let optionChars = 0;
  let longestOption = 0;
  let numericOptions = 0;
  CHOICE_LINE.lastIndex = 0;
  let firstOptionAt = length;
  for (let match = CHOICE_LINE.exec(text); match !== null; match = CHOICE_LINE.exec(text)) {
    const body = match[1] ?? '';
    options++;
    optionChars += body.length;
    longestOption = Math.max(longestOption, body.length);
    if (/^[-\d.,/\s$%]+$/.test(body)) numericOptions++;
    firstOptionAt = Math.min(firstOptionAt, match.index);
  }
  const values = [
    Math.log1p(length),
    Math.log1p(words),
    words === 0 ? 0 : Math.min(letters / words, 20) / 10,
    Math.log1p(lines),
    Math.log1p(countMatches(text, SENTENCE_END)),
    Math.log1p(countMatches(text, /```/g) / 2),
    Math.log1p(countMatches(text, CODE_TOKENS)),
    Math.log1p(countMatches(text, NUMBERS)),
    Math.log1p(countMatches(text, MATH_SYMBOLS)),
    length === 0 ? 0 : digits / length,
    Math.log1p(countMatches(text, /\?/g)),
    Math.log1p(countMatches(text, ENUMERATED)),
    Math.log1p(countMatches(text, CONSTRAINT_WORDS)),
    Math.log1p(options),
    options === 0 ? 0 : Math.log1p(optionChars / options),
    optionChars === 0 ? 0 : longestOption / optionChars,
    options === 0 ? 0 : numericOptions / options,
    Math.log1p(countMatches(text, REASONING_CUES)),
    Math.log1p(countMatches(text, NEGATION_CUES)),
    Math.log1p(countMatches(text, STATEMENT_PAIR)),
    Math.log1p(countMatches(text, ROMAN_COMBO)),
    length === 0 ? 0 : nonAscii / length,
    letters === 0 ? 0 : uppercase / letters,
    length === 0 ? 1 : firstOptionAt / length,
  ];
  if (values.length !== HAND_FEATURE_COUNT) throw new Error(`reference hand features: ${values.length} values for ${HAND_FEATURE_COUNT} names`);
  return values;
}

// ---- neighbour statistics, as written before the array-based class votes ----

const TEMPERATURE = 0.05;
const SHRINK = 2;

export function referenceNeighbourFeatures(table: NeighbourTable, labels: readonly number[], similarities: readonly number[]): { features: number[]; taskClass: number } {
  const k = labels.length;
  if (k === 0) {
    const g = table.globalMean;
    return { features: [g, g, table.globalGapMean, g, 0, 0, g, table.globalGapMean, table.globalGapMean, g, 0, 0], taskClass: -1 };
  }
  const top = similarities[0] ?? 0;
  let plainSum = 0;
  let plainGap = 0;
  let weightSum = 0;
  let weightedTarget = 0;
  let weightedGap = 0;
  let linearWeight = 0;
  let linearTarget = 0;
  let similaritySum = 0;
  const classVotes = new Map<number, number>();
  for (let i = 0; i < k; i++) {
    const row = labels[i] ?? 0;
    const similarity = similarities[i] ?? 0;
    const target = table.targets[row] ?? 0;
    const weight = Math.exp((similarity - top) / TEMPERATURE);
    plainSum += target;
    plainGap += table.gaps[row] ?? 0;
    weightSum += weight;
    weightedTarget += weight * target;
    weightedGap += weight * (table.gaps[row] ?? 0);
    const positive = Math.max(0, similarity);
    linearWeight += positive;
    linearTarget += positive * target;
    similaritySum += similarity;
    const taskClass = table.classes[row] ?? -1;
    if (taskClass >= 0) classVotes.set(taskClass, (classVotes.get(taskClass) ?? 0) + weight);
  }
  let taskClass = -1;
  let bestVote = -1;
  for (const [candidate, vote] of classVotes) {
    if (vote > bestVote || (vote === bestVote && candidate < taskClass)) {
      taskClass = candidate;
      bestVote = vote;
    }
  }
  const classPrior = taskClass >= 0 ? (table.classMeans[taskClass] ?? table.globalMean) : table.globalMean;
  const classGapPrior = taskClass >= 0 ? (table.classGapMeans[taskClass] ?? table.globalGapMean) : table.globalGapMean;
  return {
    features: [
      plainSum / k,
      weightedTarget / weightSum,
      weightedGap / weightSum,
      (linearTarget + SHRINK * table.globalMean) / (linearWeight + SHRINK),
      top,
      similaritySum / k,
      classPrior,
      classGapPrior,
      plainGap / k,
      table.targets[labels[0] ?? 0] ?? 0,
      (weightedGap / weightSum) * top,
      classGapPrior * top,
    ],
    taskClass,
  };
}

// ---- lexical model: the binary bag through a Set ----

export function referenceLexicalScore(model: LexicalModel, ids: Int32Array): number {
  const bag = [...new Set(ids)];
  if (bag.length === 0) return model.bias;
  let sum = 0;
  for (const id of bag) sum += model.weights[id] ?? 0;
  return model.bias + sum / Math.sqrt(bag.length);
}

// ---- the whole pipeline ----

export class ReferenceScorer {
  private constructor(
    private readonly manifest: ScorerManifest,
    private readonly head: HeadFile,
    private readonly lexical: LexicalModel,
    private readonly table: NeighbourTable,
    private readonly index: hnswlib.HierarchicalNSW,
    private readonly session: InferenceSession,
  ) {}

  static async load(directory: string): Promise<ReferenceScorer> {
    const manifest = readVerifiedManifest(directory);
    const head = readJsonFile<HeadFile>(directory, manifest.head_file ?? 'head.json');
    const lexical = { weights: readFloat32File(directory, manifest.lexical.file, manifest.lexical.featurizer.buckets), bias: head.lexicalBias };
    const table = tableFromNeighbourFile(readJsonFile<NeighbourFile>(directory, manifest.knn.neighbours_file));
    const index = new hnswlib.HierarchicalNSW('cosine', manifest.encoder.dimensions);
    index.readIndexSync(join(directory, manifest.knn.index_file));
    index.setEf(manifest.knn.ef_search);
    // The session options Rung used before the request path was optimised.
    const session = await InferenceSession.create(readFileSync(join(directory, manifest.encoder.file)), {
      intraOpNumThreads: 1,
      interOpNumThreads: 1,
      graphOptimizationLevel: 'all',
      executionMode: 'sequential',
    });
    return new ReferenceScorer(manifest, head, lexical, table, index, session);
  }

  async embed(text: string): Promise<Float32Array> {
    const ids = featurize(text, this.manifest.encoder.featurizer);
    const values = BigInt64Array.from(ids, (id) => BigInt(id));
    // The model's batched graph with a batch of one: every id in row 0, the mean's 1 / count.
    const results = await this.session.run({
      ids: new Tensor('int64', values, [values.length]),
      segments: new Tensor('int64', new BigInt64Array(values.length), [values.length, 1]),
      inverse_counts: new Tensor('float32', Float32Array.of(1 / values.length), [1, 1]),
    });
    const data = results.embedding?.data;
    if (!(data instanceof Float32Array)) throw new Error('reference encoder: no float output');
    return data;
  }

  async score(text: string): Promise<Required<ScoreResult>> {
    const { manifest, head, table } = this;
    const layout = head.layout;
    const embedding = await this.embed(text);
    const wanted = Math.min(manifest.knn.k, this.index.getCurrentCount());
    const hit = wanted === 0 ? { neighbors: [], distances: [] } : this.index.searchKnn(Array.from(embedding), wanted);
    const similarities = hit.distances.map((distance) => 1 - distance);
    const neighbours = referenceNeighbourFeatures(table, hit.neighbors, similarities);
    const lexicalScore = layout.lexical ? referenceLexicalScore(this.lexical, featurize(text, manifest.lexical.featurizer as FeaturizerSpec)) : 0;
    const values: number[] = [];
    if (layout.embedding) values.push(...Array.from(embedding).slice(0, layout.embeddingDimensions));
    if (layout.knn) values.push(...neighbours.features);
    if (layout.lexical) values.push(lexicalScore);
    if (layout.hand) values.push(...referenceHandFeatures(text));
    // Float32, as the head was trained on (training writes its rows into a Float32Array).
    const score = applyCalibration(head.calibration, applyHead(head.head, Float32Array.from(values)));
    return {
      score,
      taskClass: table.classNames[neighbours.taskClass] ?? '',
      neighbours: hit.neighbors.map((label, i) => {
        const taskClass = table.classNames[table.classes[label] ?? -1];
        return { target: table.targets[label] ?? 0, similarity: similarities[i] ?? 0, ...(taskClass === undefined ? {} : { taskClass }) };
      }),
    };
  }

  async close(): Promise<void> {
    await this.session.release();
  }
}
