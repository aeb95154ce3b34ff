// Exports the built-in encoder as an ONNX model that computes embedReference over
// quantizeToInt8(weights) (up to float rounding), for a batch of texts in one run. The texts' ids are concatenated; each id
// carries the row of its text (`segments`), and each text the inverse of its id count:
//   ids int64 [n], segments int64 [n, 1], inverse_counts float [b, 1]
//   → Gather(embedding int8) → Cast float → ScatterND(zeros [b, dim], segments, add) → · inverse_counts
//   → MatMul(column scales · dense) → Add(bias) → Tanh → x / max(ReduceL2(x), 1e-12)
//   → embedding float [b, outputDim]
// The table holds int8 codes with one scale per column (int8Columns); mean(codes · diag(scales)) · W
// equals mean(codes) · (diag(scales) · W), so the scales are folded into the dense weights.
// One run per batch matters because onnxruntime's fixed cost per run (argument marshalling, kernel
// dispatch, with cold caches on a busy gateway) is larger than the arithmetic of one prompt; see
// docs/scorer.md ("Batched scoring"). The int8 table is a quarter of float32 (2 MB at 2^16 × 32):
// fewer bytes per looked-up row to fetch on a gateway whose caches the request path keeps busy. The
// featuriser spec is stored in the model metadata so a loader can refuse a model paired with the wrong
// featuriser. Kind /1 models (one text per run: ids [n] → embedding [1, outputDim]) are still loaded.
import { writeOnnxModel, attribute } from '../../onnx/onnx-writer.ts';
import type { FeaturizerSpec } from './featurize.ts';
import { int8Columns, L2_EPSILON, validateBuiltinEncoderWeights, type BuiltinEncoderWeights } from './weights.ts';

export const BUILTIN_ENCODER_INPUT = 'ids';
export const BUILTIN_ENCODER_SEGMENTS = 'segments';
export const BUILTIN_ENCODER_INVERSE_COUNTS = 'inverse_counts';
export const BUILTIN_ENCODER_OUTPUT = 'embedding';
/** The batched graph this module writes. */
export const BUILTIN_ENCODER_KIND = 'rung-builtin-hashed-encoder/2';
/** The single-text graph of models exported before batching (input `ids` only); still loadable. */
export const BUILTIN_ENCODER_KIND_SINGLE = 'rung-builtin-hashed-encoder/1';
export const METADATA_KIND = 'rung.encoder_kind';
export const METADATA_SPEC = 'rung.featurizer_spec';
export const METADATA_OUTPUT_DIM = 'rung.output_dim';

/** The spec as JSON with a fixed key order, so equal specs give equal strings. */
export function canonicalSpecJson(spec: FeaturizerSpec): string {
  const { version, buckets, wordNgrams, charNgramMin, charNgramMax, maxFeatures, seed } = spec;
  return JSON.stringify({ version, buckets, wordNgrams, charNgramMin, charNgramMax, maxFeatures, seed });
}

export function exportBuiltinEncoderOnnx(weights: BuiltinEncoderWeights): Uint8Array {
  validateBuiltinEncoderWeights(weights);
  const { spec, embeddingDim, outputDim } = weights;
  const table = int8Columns(weights.embedding, embeddingDim);
  const scaledDense = new Float32Array(weights.dense.length);
  for (let row = 0; row < embeddingDim; row++) {
    for (let column = 0; column < outputDim; column++) {
      scaledDense[row * outputDim + column] = (table.scales[row] ?? 1) * (weights.dense[row * outputDim + column] ?? 0);
    }
  }
  return writeOnnxModel(
    {
      name: 'rung_builtin_encoder',
      inputs: [
        { name: BUILTIN_ENCODER_INPUT, dataType: 'int64', shape: ['feature_count'] },
        { name: BUILTIN_ENCODER_SEGMENTS, dataType: 'int64', shape: ['feature_count', 1] },
        { name: BUILTIN_ENCODER_INVERSE_COUNTS, dataType: 'float', shape: ['batch', 1] },
      ],
      outputs: [{ name: BUILTIN_ENCODER_OUTPUT, dataType: 'float', shape: ['batch', outputDim] }],
      initializers: [
        { name: 'embedding_table', dataType: 'int8', dims: [spec.buckets, embeddingDim], data: table.codes },
        { name: 'dense_weight', dataType: 'float', dims: [embeddingDim, outputDim], data: scaledDense },
        { name: 'dense_bias', dataType: 'float', dims: [outputDim], data: weights.denseBias },
        { name: 'l2_epsilon', dataType: 'float', dims: [], data: Float32Array.of(L2_EPSILON) },
        // [batch, 1] · [1, embeddingDim] → the shape of the per-text sums.
        { name: 'sum_shape_factor', dataType: 'int64', dims: [2], data: BigInt64Array.of(1n, BigInt(embeddingDim)) },
      ],
      nodes: [
        { opType: 'Shape', inputs: [BUILTIN_ENCODER_INVERSE_COUNTS], outputs: ['batch_shape'] },
        { opType: 'Mul', inputs: ['batch_shape', 'sum_shape_factor'], outputs: ['sum_shape'] },
        { opType: 'ConstantOfShape', inputs: ['sum_shape'], outputs: ['zero_sums'], attributes: [attribute.tensor('value', { name: 'zero', dataType: 'float', dims: [1], data: Float32Array.of(0) })] },
        { opType: 'Gather', inputs: ['embedding_table', BUILTIN_ENCODER_INPUT], outputs: ['rows_int8'], attributes: [attribute.int('axis', 0)] },
        { opType: 'Cast', inputs: ['rows_int8'], outputs: ['rows'], attributes: [attribute.int('to', 1)] },
        { opType: 'ScatterND', inputs: ['zero_sums', BUILTIN_ENCODER_SEGMENTS, 'rows'], outputs: ['sums'], attributes: [attribute.string('reduction', 'add')] },
        { opType: 'Mul', inputs: ['sums', BUILTIN_ENCODER_INVERSE_COUNTS], outputs: ['mean'] },
        { opType: 'MatMul', inputs: ['mean', 'dense_weight'], outputs: ['projected'] },
        { opType: 'Add', inputs: ['projected', 'dense_bias'], outputs: ['biased'] },
        { opType: 'Tanh', inputs: ['biased'], outputs: ['activated'] },
        { opType: 'ReduceL2', inputs: ['activated'], outputs: ['norm'], attributes: [attribute.ints('axes', [1]), attribute.int('keepdims', 1)] },
        { opType: 'Max', inputs: ['norm', 'l2_epsilon'], outputs: ['divisor'] },
        { opType: 'Div', inputs: ['activated', 'divisor'], outputs: [BUILTIN_ENCODER_OUTPUT] },
      ],
    },
    {
      opsetVersion: 17,
      irVersion: 8,
      producerName: 'rung',
      docString: 'Rung built-in prompt encoder, batched: hashed n-gram bags → per-text mean → dense → tanh → L2.',
      metadata: { [METADATA_KIND]: BUILTIN_ENCODER_KIND, [METADATA_SPEC]: canonicalSpecJson(spec), [METADATA_OUTPUT_DIM]: String(outputDim) },
    },
  );
}
