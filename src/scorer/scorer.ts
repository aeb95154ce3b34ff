// The scorer: prompt text → calibrated probability that the cheap tier will not do.
// text → embedding (built-in ONNX encoder) → k nearest labelled rows (hnswlib, cosine)
//      → [kNN statistics, hand features, (embedding)] → logistic head → calibration.
import { join } from 'node:path';
import { RungError } from '../errors/rung-error.ts';
import { featurize, type FeaturizerSpec } from './encoder/builtin/featurize.ts';
import { BuiltinOnnxEncoder } from './encoder/builtin/onnx-encoder.ts';
import { applyCalibration } from './calibration.ts';
import { featureDimension, writeFeatureVector } from './feature-vector.ts';
import { applyHead } from './head.ts';
import { KnnIndex } from './knn-index.ts';
import { distinctIds, predictLexical, type LexicalModel } from './lexical-model.ts';
import { HEAD_FILE, type ScorerManifest } from './manifest.ts';
import { readFloat32File, readJsonFile, readVerifiedManifest, tableFromNeighbourFile, type HeadFile, type NeighbourFile } from './model-store.ts';
import { summariseNeighbours, type NeighbourTable } from './neighbour-stats.ts';
import type { PolicyThresholds } from './thresholds.ts';

export interface ScoreInput {
  text: string;
}

export interface ScoredNeighbour {
  target: number;
  taskClass?: string;
  similarity: number;
}

export interface ScoreResult {
  /** Calibrated probability in [0, 1] that the strong tier is needed. */
  score: number;
  /** The similarity-weighted majority task class of the neighbours, when they have one. */
  taskClass?: string;
  neighbours?: ScoredNeighbour[];
}

/** The text → embedding step; the built-in ONNX encoder in production. */
export interface ScorerEmbedder {
  embedOne(text: string): Promise<Float32Array>;
  close(): Promise<void>;
}

export interface ScorerParts {
  manifest: ScorerManifest;
  embedder: ScorerEmbedder;
  index: KnnIndex;
  table: NeighbourTable;
  head: HeadFile;
  lexical: LexicalModel;
}

export class Scorer {
  readonly manifest: ScorerManifest;
  private readonly parts: ScorerParts;
  private readonly buffer: Float32Array;

  constructor(parts: ScorerParts) {
    this.parts = parts;
    this.manifest = parts.manifest;
    this.buffer = new Float32Array(featureDimension(parts.head.layout));
  }

  get thresholds(): PolicyThresholds {
    return this.manifest.thresholds;
  }

  async score(input: ScoreInput, options: { neighbours?: boolean } = {}): Promise<ScoreResult> {
    const { embedder, index, table, head, manifest, lexical } = this.parts;
    const embedding = await embedder.embedOne(input.text);
    // The encoder featurises too; doing it again here costs microseconds and keeps the seam clean.
    const lexicalScore = head.layout.lexical ? predictLexical(lexical, distinctIds(featurize(input.text, manifest.lexical.featurizer as FeaturizerSpec))) : 0;
    const hit = index.search(embedding, manifest.knn.k);
    const summary = summariseNeighbours(table, hit.labels, hit.similarities);
    writeFeatureVector(head.layout, input.text, embedding, summary.features, lexicalScore, this.buffer);
    const score = applyCalibration(head.calibration, applyHead(head.head, this.buffer));
    const result: ScoreResult = { score };
    const taskClass = table.classNames[summary.taskClass];
    if (taskClass !== undefined) result.taskClass = taskClass;
    if (options.neighbours === true) {
      result.neighbours = hit.labels.map((label, i) => {
        const neighbourClass = table.classNames[table.classes[label] ?? -1];
        return {
          target: table.targets[label] ?? 0,
          similarity: hit.similarities[i] ?? 0,
          ...(neighbourClass === undefined ? {} : { taskClass: neighbourClass }),
        };
      });
    }
    return result;
  }

  async close(): Promise<void> {
    await this.parts.embedder.close();
  }
}

/** Loads a model directory, verifying format version and checksums first. */
export async function loadScorerModel(directory: string): Promise<Scorer> {
  const manifest = readVerifiedManifest(directory);
  for (const name of [manifest.encoder.file, manifest.knn.index_file, manifest.knn.neighbours_file, manifest.head_file, manifest.lexical.file]) {
    if (manifest.files[name] === undefined) {
      throw new RungError('internal_error', `scorer model: ${join(directory, 'manifest.json')} does not list a checksum for ${name}`);
    }
  }
  const head = readJsonFile<HeadFile>(directory, manifest.head_file ?? HEAD_FILE);
  const lexical: LexicalModel = {
    weights: readFloat32File(directory, manifest.lexical.file, manifest.lexical.featurizer.buckets),
    bias: head.lexicalBias,
  };
  const table = tableFromNeighbourFile(readJsonFile<NeighbourFile>(directory, manifest.knn.neighbours_file));
  const index = KnnIndex.load(join(directory, manifest.knn.index_file), manifest.encoder.dimensions, manifest.knn.ef_search);
  if (index.size !== table.targets.length) {
    throw new RungError('internal_error', `scorer model: ${manifest.knn.index_file} holds ${index.size} rows but ${manifest.knn.neighbours_file} describes ${table.targets.length}`);
  }
  const encoder = await BuiltinOnnxEncoder.load(join(directory, manifest.encoder.file), manifest.encoder.featurizer, manifest.encoder.id);
  if (encoder.dimensions !== manifest.encoder.dimensions) {
    await encoder.close();
    throw new RungError('internal_error', `scorer model: ${manifest.encoder.file} yields ${encoder.dimensions} dimensions, the manifest says ${manifest.encoder.dimensions}`);
  }
  return new Scorer({ manifest, embedder: encoder, index, table, head, lexical });
}
