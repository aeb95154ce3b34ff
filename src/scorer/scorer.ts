// The scorer: prompt text → calibrated probability that the cheap tier will not do.
// text → embedding (built-in ONNX encoder) → k nearest labelled rows (hnswlib, cosine)
//      → [kNN statistics, hand features, (embedding)] → logistic head → calibration.
// A score call runs on every routed request, so with the built-in encoder it featurises once for both
// the encoder and the lexical model (PairFeaturizer), embeds synchronously when onnxruntime-node's
// binding allows it, and reuses its buffers; test/scorer/scorer-parity.test.ts pins its scores to a
// straightforward composition of the same steps.
// score() batches: the calls made during one event-loop turn are scored together at the end of it
// (setImmediate), with one encoder run for all their embeddings. onnxruntime's cost per run is mostly
// fixed, so under concurrent traffic this is most of the encoder's CPU saved; a lone call waits only
// for the turn to end. scoreSync() scores one text at once, for callers that cannot wait.
import { join } from 'node:path';
import { RungError } from '../errors/rung-error.ts';
import { featurize, type FeaturizerSpec } from './encoder/builtin/featurize.ts';
import { PairFeaturizer } from './encoder/builtin/featurize-pair.ts';
import type { IdBatch } from './encoder/builtin/id-batch.ts';
import { BuiltinOnnxEncoder, type BuiltinOnnxEncoderOptions } from './encoder/builtin/onnx-encoder.ts';
import { applyCalibration } from './calibration.ts';
import { featureDimension, writeFeatureVector } from './feature-vector.ts';
import { applyHead } from './apply-head.ts';
import { KnnIndex } from './knn-index.ts';
import { predictLexicalIds, type LexicalModel } from './lexical-model.ts';
import { HEAD_FILE, type ScorerManifest } from './manifest.ts';
import { readFloat32File, readJsonFile, readVerifiedManifest, tableFromNeighbourFile, type HeadFile, type NeighbourFile } from './model-store.ts';
import { KNN_FEATURE_COUNT, writeNeighbourFeatures, type NeighbourTable } from './neighbour-stats.ts';
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

/** The most calls one encoder run embeds; a larger turn is scored in several runs. */
export const MAX_SCORE_BATCH = 64;

interface QueuedScore {
  text: string;
  neighbours: boolean;
  resolve: (result: ScoreResult) => void;
  reject: (error: unknown) => void;
}

const NEIGHBOURS = { neighbours: true };

interface BuiltinPair {
  featurizer: PairFeaturizer;
  encoder: BuiltinOnnxEncoder;
  batch: IdBatch;
}

export class Scorer {
  readonly manifest: ScorerManifest;
  private readonly parts: ScorerParts;
  private readonly lexicalSpec: FeaturizerSpec;
  /**
   * Set when the embedder is the built-in encoder, whose ids can come from the same featuriser pass;
   * `batch` holds the ids of the calls score() gathers in a turn.
   */
  private readonly pair: BuiltinPair | undefined;
  // Per-call scratch. Each is filled and read within one synchronous stretch of score() (never across
  // an await), so concurrent calls cannot see each other's values.
  private readonly buffer: Float32Array;
  private readonly knnFeatures = new Float64Array(KNN_FEATURE_COUNT);
  private similarities: Float64Array;
  // The batch of score() calls waiting for the end of this event-loop turn, and its reused buffers.
  private queue: QueuedScore[] = [];
  private flushScheduled = false;
  private readonly batchLexical = new Float64Array(MAX_SCORE_BATCH);
  private readonly batchMembers = new Int32Array(MAX_SCORE_BATCH);

  constructor(parts: ScorerParts) {
    this.parts = parts;
    this.manifest = parts.manifest;
    this.buffer = new Float32Array(featureDimension(parts.head.layout));
    this.similarities = new Float64Array(parts.manifest.knn.k);
    this.lexicalSpec = parts.manifest.lexical.featurizer as FeaturizerSpec;
    const embedder = parts.embedder;
    this.pair =
      embedder instanceof BuiltinOnnxEncoder ? { featurizer: new PairFeaturizer(embedder.spec, this.lexicalSpec), encoder: embedder, batch: embedder.newBatch() } : undefined;
  }

  /**
   * Whether score() only does bounded work on this thread (it waits for the end of the current
   * event-loop turn, never for I/O), so a caller's deadline timer could not cut it short anyway.
   */
  get inProcess(): boolean {
    return this.pair?.encoder.synchronous === true;
  }

  get thresholds(): PolicyThresholds {
    return this.manifest.thresholds;
  }

  /**
   * The score computed now, on this thread, when the encoder runs synchronously (the built-in ONNX
   * encoder through onnxruntime-node's binding); undefined when only an asynchronous encoder is
   * available, and then `score` is the way. The request path calls this first: it saves the timer
   * and promises of an asynchronous call that would complete synchronously anyway.
   */
  scoreSync(input: ScoreInput, options?: { neighbours?: boolean }): ScoreResult | undefined {
    const pair = this.pair;
    if (pair === undefined || !pair.encoder.synchronous) return undefined;
    const lexicalScore = this.featurizeForPair(pair.featurizer, input.text);
    const embedding = pair.encoder.embedIdsSync(pair.featurizer.first.ids, pair.featurizer.first.count);
    if (embedding === undefined) return undefined;
    return this.finish(input.text, embedding, lexicalScore, options);
  }

  score(input: ScoreInput, options?: { neighbours?: boolean }): Promise<ScoreResult> {
    if (!this.inProcess) return this.scoreAlone(input.text, options);
    return new Promise<ScoreResult>((resolve, reject) => {
      this.queue.push({ text: input.text, neighbours: options?.neighbours === true, resolve, reject });
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        setImmediate(this.flush);
      }
    });
  }

  /** Scores everything queued during the turn, MAX_SCORE_BATCH calls per encoder run. */
  private readonly flush = (): void => {
    this.flushScheduled = false;
    const queue = this.queue;
    this.queue = [];
    // Only calls of an in-process scorer are queued, and that means the built-in pair is set.
    const pair = this.pair as BuiltinPair;
    for (let start = 0; start < queue.length; start += MAX_SCORE_BATCH) this.scoreBatch(pair, queue, start, Math.min(queue.length, start + MAX_SCORE_BATCH));
  };

  /** queue[start, end) → featurise each, one encoder run, then each one's neighbours and head. */
  private scoreBatch(pair: BuiltinPair, queue: QueuedScore[], start: number, end: number): void {
    const batch = pair.batch;
    batch.reset();
    // Calls whose text made it into the batch (a text that fails to featurise is rejected alone).
    let members = 0;
    for (let at = start; at < end; at++) {
      const call = queue[at] as QueuedScore;
      try {
        this.batchLexical[members] = this.featurizeForPair(pair.featurizer, call.text);
        batch.add(pair.featurizer.first.ids, pair.featurizer.first.count);
        this.batchMembers[members++] = at;
      } catch (error) {
        call.reject(error);
      }
    }
    if (members === 0) return;
    let vectors: Float32Array | undefined;
    try {
      vectors = pair.encoder.embedBatchSync(batch);
      if (vectors === undefined) throw new RungError('internal_error', `encoder ${pair.encoder.id} cannot embed synchronously`);
    } catch (error) {
      for (let row = 0; row < members; row++) (queue[this.batchMembers[row] ?? 0] as QueuedScore).reject(error);
      return;
    }
    const dimensions = pair.encoder.dimensions;
    for (let row = 0; row < members; row++) {
      const call = queue[this.batchMembers[row] ?? 0] as QueuedScore;
      try {
        const embedding = vectors.subarray(row * dimensions, (row + 1) * dimensions);
        call.resolve(this.finish(call.text, embedding, this.batchLexical[row] ?? 0, call.neighbours ? NEIGHBOURS : undefined));
      } catch (error) {
        call.reject(error);
      }
    }
  }

  /** One call on its own, through whichever encoder API is available. */
  private async scoreAlone(text: string, options: { neighbours?: boolean } | undefined): Promise<ScoreResult> {
    const now = this.scoreSync({ text }, options);
    if (now !== undefined) return now;
    let embedding: Float32Array;
    let lexicalScore = 0;
    const pair = this.pair;
    if (pair !== undefined) {
      // Only the public (asynchronous) onnxruntime API is available. embedIds copies the ids before
      // it awaits, so the featuriser's scratch may be reused by another call meanwhile.
      lexicalScore = this.featurizeForPair(pair.featurizer, text);
      embedding = await pair.encoder.embedIds(pair.featurizer.first.ids.subarray(0, pair.featurizer.first.count));
    } else {
      embedding = await this.parts.embedder.embedOne(text);
      if (this.parts.head.layout.lexical) lexicalScore = predictLexicalIds(this.parts.lexical, featurize(text, this.lexicalSpec));
    }
    return this.finish(text, embedding, lexicalScore, options);
  }

  /** One featuriser pass for both the encoder and the lexical model; returns the lexical score. */
  private featurizeForPair(featurizer: PairFeaturizer, text: string): number {
    featurizer.run(text);
    return this.parts.head.layout.lexical ? predictLexicalIds(this.parts.lexical, featurizer.second.ids, featurizer.second.count) : 0;
  }

  /** Embedding → neighbours → head → calibration. Synchronous: the scratch buffers are safe here. */
  private finish(text: string, embedding: Float32Array, lexicalScore: number, options: { neighbours?: boolean } | undefined): ScoreResult {
    const { index, table, head, manifest } = this.parts;
    const hit = index.searchRaw(embedding, manifest.knn.k);
    const k = hit.neighbors.length;
    if (this.similarities.length < k) this.similarities = new Float64Array(k);
    const similarities = this.similarities;
    for (let i = 0; i < k; i++) similarities[i] = 1 - (hit.distances[i] ?? 0);
    const taskClassId = writeNeighbourFeatures(table, hit.neighbors, similarities, k, this.knnFeatures);
    writeFeatureVector(head.layout, text, embedding, this.knnFeatures, lexicalScore, this.buffer);
    const score = applyCalibration(head.calibration, applyHead(head.head, this.buffer));
    const result: ScoreResult = { score };
    const taskClass = table.classNames[taskClassId];
    if (taskClass !== undefined) result.taskClass = taskClass;
    if (options?.neighbours === true) {
      result.neighbours = hit.neighbors.map((label, i) => {
        const neighbourClass = table.classNames[table.classes[label] ?? -1];
        return {
          target: table.targets[label] ?? 0,
          similarity: similarities[i] ?? 0,
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
export async function loadScorerModel(directory: string, options: BuiltinOnnxEncoderOptions = {}): Promise<Scorer> {
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
  const encoder = await BuiltinOnnxEncoder.load(join(directory, manifest.encoder.file), manifest.encoder.featurizer, manifest.encoder.id, options);
  if (encoder.dimensions !== manifest.encoder.dimensions) {
    await encoder.close();
    throw new RungError('internal_error', `scorer model: ${manifest.encoder.file} yields ${encoder.dimensions} dimensions, the manifest says ${manifest.encoder.dimensions}`);
  }
  return new Scorer({ manifest, embedder: encoder, index, table, head, lexical });
}
