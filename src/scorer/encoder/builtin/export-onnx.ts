// Exports the built-in encoder as an ONNX model that computes exactly embedReference over
// quantizeToFloat16(weights):
//   ids int64 [n] → Gather(embedding fp16) → Cast float → ReduceMean(axis 0, keepdims) → MatMul(dense)
//   → Add(bias) → Tanh → x / max(ReduceL2(x), 1e-12) → embedding float [1, outputDim]
// The embedding table is stored as float16 to halve the file (2^16 × 64 ≈ 8 MB). The featuriser spec is
// stored in the model metadata so a loader can refuse a model paired with the wrong featuriser.
import { writeOnnxModel, attribute } from '../../onnx/onnx-writer.ts';
import { toFloat16Bits } from './float16.ts';
import type { FeaturizerSpec } from './featurize.ts';
import { L2_EPSILON, validateBuiltinEncoderWeights, type BuiltinEncoderWeights } from './weights.ts';

export const BUILTIN_ENCODER_INPUT = 'ids';
export const BUILTIN_ENCODER_OUTPUT = 'embedding';
export const BUILTIN_ENCODER_KIND = 'rung-builtin-hashed-encoder/1';
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
  return writeOnnxModel(
    {
      name: 'rung_builtin_encoder',
      inputs: [{ name: BUILTIN_ENCODER_INPUT, dataType: 'int64', shape: ['feature_count'] }],
      outputs: [{ name: BUILTIN_ENCODER_OUTPUT, dataType: 'float', shape: [1, outputDim] }],
      initializers: [
        { name: 'embedding_table', dataType: 'float16', dims: [spec.buckets, embeddingDim], data: toFloat16Bits(weights.embedding) },
        { name: 'dense_weight', dataType: 'float', dims: [embeddingDim, outputDim], data: weights.dense },
        { name: 'dense_bias', dataType: 'float', dims: [outputDim], data: weights.denseBias },
        { name: 'l2_epsilon', dataType: 'float', dims: [], data: Float32Array.of(L2_EPSILON) },
      ],
      nodes: [
        { opType: 'Gather', inputs: ['embedding_table', BUILTIN_ENCODER_INPUT], outputs: ['rows_fp16'], attributes: [attribute.int('axis', 0)] },
        { opType: 'Cast', inputs: ['rows_fp16'], outputs: ['rows'], attributes: [attribute.int('to', 1)] },
        { opType: 'ReduceMean', inputs: ['rows'], outputs: ['mean'], attributes: [attribute.ints('axes', [0]), attribute.int('keepdims', 1)] },
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
      docString: 'Rung built-in prompt encoder: hashed n-gram bag → mean → dense → tanh → L2.',
      metadata: { [METADATA_KIND]: BUILTIN_ENCODER_KIND, [METADATA_SPEC]: canonicalSpecJson(spec), [METADATA_OUTPUT_DIM]: String(outputDim) },
    },
  );
}
