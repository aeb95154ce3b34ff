// The built-in encoder's parameters and its reference forward pass in TypeScript. The forward pass is
// the definition the ONNX export must match (parity is tested): mean of the embedding rows of the ids
// → x·W + b → tanh → L2-normalise. An empty id list is read as [EMPTY_TEXT_BUCKET], like empty text.
import { RungError } from '../../../errors/rung-error.ts';
import { EMPTY_TEXT_BUCKET, validateFeaturizerSpec, type FeaturizerSpec } from './featurize.ts';
import { SeededRandom } from './prng.ts';

export interface BuiltinEncoderWeights {
  spec: FeaturizerSpec;
  embeddingDim: number;
  outputDim: number;
  /** buckets × embeddingDim, row-major. */
  embedding: Float32Array;
  /** embeddingDim × outputDim, row-major (x·W with x a row vector). */
  dense: Float32Array;
  /** outputDim. */
  denseBias: Float32Array;
}

/** Below this norm a vector is treated as zero; dividing by it keeps zero vectors at zero. */
export const L2_EPSILON = 1e-12;

export function validateBuiltinEncoderWeights(weights: BuiltinEncoderWeights): void {
  validateFeaturizerSpec(weights.spec);
  const { embeddingDim, outputDim, spec } = weights;
  const problems: string[] = [];
  if (!Number.isInteger(embeddingDim) || embeddingDim < 1) problems.push(`embeddingDim must be a positive integer, got ${embeddingDim}`);
  if (!Number.isInteger(outputDim) || outputDim < 1) problems.push(`outputDim must be a positive integer, got ${outputDim}`);
  if (weights.embedding.length !== spec.buckets * embeddingDim) problems.push(`embedding has ${weights.embedding.length} values, expected ${spec.buckets * embeddingDim}`);
  if (weights.dense.length !== embeddingDim * outputDim) problems.push(`dense has ${weights.dense.length} values, expected ${embeddingDim * outputDim}`);
  if (weights.denseBias.length !== outputDim) problems.push(`denseBias has ${weights.denseBias.length} values, expected ${outputDim}`);
  if (problems.length > 0) throw new RungError('internal_error', `invalid built-in encoder weights: ${problems.join('; ')}`);
}

/** Reference forward pass; returns an L2-normalised Float32Array of length outputDim. */
export function embedReference(weights: BuiltinEncoderWeights, ids: Int32Array): Float32Array {
  const { embeddingDim, outputDim, embedding, dense, denseBias } = weights;
  const buckets = weights.spec.buckets;
  const effectiveIds = ids.length === 0 ? Int32Array.of(EMPTY_TEXT_BUCKET) : ids;
  const mean = new Float64Array(embeddingDim);
  for (const id of effectiveIds) {
    if (id < 0 || id >= buckets) throw new RungError('internal_error', `bucket id ${id} is outside [0, ${buckets})`);
    const rowStart = id * embeddingDim;
    for (let column = 0; column < embeddingDim; column++) mean[column] = (mean[column] ?? 0) + (embedding[rowStart + column] ?? 0);
  }
  const scale = 1 / effectiveIds.length;
  for (let column = 0; column < embeddingDim; column++) mean[column] = (mean[column] ?? 0) * scale;
  const output = new Float64Array(outputDim);
  for (let column = 0; column < outputDim; column++) output[column] = denseBias[column] ?? 0;
  for (let row = 0; row < embeddingDim; row++) {
    const value = mean[row] ?? 0;
    const rowStart = row * outputDim;
    for (let column = 0; column < outputDim; column++) output[column] = (output[column] ?? 0) + value * (dense[rowStart + column] ?? 0);
  }
  let squares = 0;
  for (let column = 0; column < outputDim; column++) {
    const activated = Math.tanh(output[column] ?? 0);
    output[column] = activated;
    squares += activated * activated;
  }
  const divisor = Math.max(Math.sqrt(squares), L2_EPSILON);
  const result = new Float32Array(outputDim);
  for (let column = 0; column < outputDim; column++) result[column] = (output[column] ?? 0) / divisor;
  return result;
}

/** An embedding table as int8 codes with one scale per column: value ≈ code × scales[column]. */
export interface Int8Table {
  codes: Int8Array;
  scales: Float32Array;
}

/**
 * Symmetric int8 quantisation per column: scale = max |value| / 127, code = round(value / scale).
 * Applied to a table that is already on its grid (quantizeToInt8's output) it gives the same codes
 * back, so the exporter can re-derive them from the trained weights.
 */
export function int8Columns(embedding: Float32Array, columns: number): Int8Table {
  const scales = new Float32Array(columns);
  for (let index = 0; index < embedding.length; index++) {
    const column = index % columns;
    scales[column] = Math.max(scales[column] ?? 0, Math.abs(embedding[index] ?? 0));
  }
  // An all-zero column keeps scale 1 (codes 0), so nothing divides by zero.
  for (let column = 0; column < columns; column++) scales[column] = (scales[column] ?? 0) > 0 ? (scales[column] ?? 0) / 127 : 1;
  const codes = new Int8Array(embedding.length);
  for (let index = 0; index < embedding.length; index++) {
    const code = Math.round((embedding[index] ?? 0) / (scales[index % columns] ?? 1));
    codes[index] = Math.max(-127, Math.min(127, code));
  }
  return { codes, scales };
}

/**
 * A copy whose embedding table holds exactly the values the ONNX export computes with: int8 codes
 * times their column's scale (the export folds the scales into the dense layer). A quarter of the
 * float32 table's bytes: fewer cache lines per looked-up row on a busy gateway.
 */
export function quantizeToInt8(weights: BuiltinEncoderWeights): BuiltinEncoderWeights {
  const { codes, scales } = int8Columns(weights.embedding, weights.embeddingDim);
  const embedding = new Float32Array(codes.length);
  for (let index = 0; index < codes.length; index++) embedding[index] = (codes[index] ?? 0) * (scales[index % weights.embeddingDim] ?? 1);
  return {
    spec: { ...weights.spec },
    embeddingDim: weights.embeddingDim,
    outputDim: weights.outputDim,
    embedding,
    dense: weights.dense.slice(),
    denseBias: weights.denseBias.slice(),
  };
}

/** Random initial weights: embedding rows uniform in ±1/sqrt(embeddingDim), dense Glorot-uniform, zero bias. */
export function initBuiltinEncoderWeights(spec: FeaturizerSpec, embeddingDim: number, outputDim: number, seed: number): BuiltinEncoderWeights {
  const random = new SeededRandom(seed);
  const embedding = new Float32Array(spec.buckets * embeddingDim);
  const embeddingRange = 1 / Math.sqrt(embeddingDim);
  for (let index = 0; index < embedding.length; index++) embedding[index] = (random.nextFloat() * 2 - 1) * embeddingRange;
  const dense = new Float32Array(embeddingDim * outputDim);
  const denseRange = Math.sqrt(6 / (embeddingDim + outputDim));
  for (let index = 0; index < dense.length; index++) dense[index] = (random.nextFloat() * 2 - 1) * denseRange;
  const weights: BuiltinEncoderWeights = { spec: { ...spec }, embeddingDim, outputDim, embedding, dense, denseBias: new Float32Array(outputDim) };
  validateBuiltinEncoderWeights(weights);
  return weights;
}
