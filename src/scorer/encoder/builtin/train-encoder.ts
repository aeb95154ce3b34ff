// Trains the built-in encoder with hand-written backprop. The objective is multi-task over the
// L2-normalised output y: (a) a logistic head y·u + c → target (BCE with soft targets) and (b) a softmax
// head y·V + d → task class, when the class is known. Both heads are discarded; what the kNN index uses
// is y, which the heads shape so that prompts needing the same tier and of the same kind sit together.
// Optimisers: Adam over mini-batches for the dense layer and heads; row-wise Adagrad applied per
// example for the embedding table (sparse: only the rows of the example's ids are visited).
// Determinism: all randomness comes from SeededRandom(seed) and the arithmetic order is fixed, so the
// same examples, options and seed give byte-identical weights. `group` is accepted for the caller's
// bookkeeping (for example grouped train/test splits) and does not affect training.
import { RungError } from '../../../errors/rung-error.ts';
import { Adam, AdamParameter } from './adam.ts';
import { IdBag } from './id-bag.ts';
import { RowwiseAdagrad } from './rowwise-adagrad.ts';
import { EMPTY_TEXT_BUCKET, validateFeaturizerSpec, type FeaturizerSpec } from './featurize.ts';
import { SeededRandom } from './prng.ts';
import { forwardExample, type ForwardScratch, createForwardScratch } from './train-forward.ts';
import { initBuiltinEncoderWeights, type BuiltinEncoderWeights } from './weights.ts';

export interface EncoderTrainingExample {
  ids: Int32Array;
  /** Probability that the strong tier is needed, 0..1 (soft targets allowed). */
  target: number;
  /** Task class index in [0, taskClasses), or -1 when unknown. */
  taskClass: number;
  group?: number;
}

export interface EncoderTrainingOptions {
  embeddingDim: number;
  outputDim: number;
  /** Number of task classes; 0 disables the class head. */
  taskClasses: number;
  epochs: number;
  /** Adam step size (0.01 is a good start). */
  learningRate: number;
  seed: number;
  spec: FeaturizerSpec;
  /** Examples per optimiser step; 32 unless given. */
  batchSize?: number;
  /** Step size of the embedding table's row-wise Adagrad; learningRate × 5 unless given. */
  embeddingLearningRate?: number;
  /** Called after each epoch with the mean training loss of that epoch (before that epoch's last update). */
  onEpoch?: (epoch: number, loss: number) => void;
}

const EMPTY_IDS = Int32Array.of(EMPTY_TEXT_BUCKET);
const EMBEDDING_LEARNING_RATE_FACTOR = 5;

function validateExamples(examples: readonly EncoderTrainingExample[], buckets: number, taskClasses: number): void {
  examples.forEach((example, index) => {
    if (!(example.target >= 0 && example.target <= 1)) throw new RungError('internal_error', `training example ${index}: target must be in [0, 1], got ${example.target}`);
    if (!Number.isInteger(example.taskClass) || example.taskClass < -1 || example.taskClass >= taskClasses) {
      throw new RungError('internal_error', `training example ${index}: taskClass must be -1 or an integer in [0, ${taskClasses}), got ${example.taskClass}`);
    }
    for (const id of example.ids) {
      if (!Number.isInteger(id) || id < 0 || id >= buckets) throw new RungError('internal_error', `training example ${index}: bucket id ${id} is outside [0, ${buckets})`);
    }
  });
}

export function trainBuiltinEncoder(examples: EncoderTrainingExample[], options: EncoderTrainingOptions): BuiltinEncoderWeights {
  const { embeddingDim, outputDim, taskClasses, spec } = options;
  validateFeaturizerSpec(spec);
  if (!Number.isInteger(taskClasses) || taskClasses < 0) throw new RungError('internal_error', `taskClasses must be a non-negative integer, got ${taskClasses}`);
  if (!Number.isInteger(options.epochs) || options.epochs < 0) throw new RungError('internal_error', `epochs must be a non-negative integer, got ${options.epochs}`);
  if (!(options.learningRate > 0)) throw new RungError('internal_error', `learningRate must be positive, got ${options.learningRate}`);
  const batchSize = options.batchSize ?? 32;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new RungError('internal_error', `batchSize must be a positive integer, got ${batchSize}`);
  validateExamples(examples, spec.buckets, taskClasses);

  const weights = initBuiltinEncoderWeights(spec, embeddingDim, outputDim, options.seed);
  const random = new SeededRandom((options.seed ^ 0x5bd1e995) >>> 0);
  const headScale = 1 / Math.sqrt(outputDim);
  const headWeights = new Float32Array(outputDim + 1); // u then c
  for (let index = 0; index < outputDim; index++) headWeights[index] = (random.nextFloat() * 2 - 1) * headScale;
  const classWeights = new Float32Array((outputDim + 1) * taskClasses); // V (outputDim × K) then d (K)
  for (let index = 0; index < outputDim * taskClasses; index++) classWeights[index] = (random.nextFloat() * 2 - 1) * headScale;

  const optimizer = new Adam(options.learningRate);
  const dense = new AdamParameter(weights.dense);
  const bias = new AdamParameter(weights.denseBias);
  const head = new AdamParameter(headWeights);
  const classHead = new AdamParameter(classWeights);
  const embeddingOptimizer = new RowwiseAdagrad(options.embeddingLearningRate ?? options.learningRate * EMBEDDING_LEARNING_RATE_FACTOR, spec.buckets, embeddingDim);

  const denseGradient = new Float64Array(weights.dense.length);
  const biasGradient = new Float64Array(outputDim);
  const headGradient = new Float64Array(headWeights.length);
  const classGradient = new Float64Array(classWeights.length);
  const bag = new IdBag(spec.buckets);
  const scratch: ForwardScratch = createForwardScratch(embeddingDim, outputDim, taskClasses);
  const order = new Int32Array(examples.length);
  for (let index = 0; index < order.length; index++) order[index] = index;

  for (let epoch = 0; epoch < options.epochs; epoch++) {
    random.shuffle(order);
    let epochLoss = 0;
    for (let batchStart = 0; batchStart < order.length; batchStart += batchSize) {
      const batchEnd = Math.min(order.length, batchStart + batchSize);
      denseGradient.fill(0);
      biasGradient.fill(0);
      headGradient.fill(0);
      classGradient.fill(0);
      for (let position = batchStart; position < batchEnd; position++) {
        const example = examples[order[position] ?? 0];
        if (example === undefined) continue;
        bag.fill(example.ids.length === 0 ? EMPTY_IDS : example.ids);
        epochLoss += forwardExample(weights, headWeights, classWeights, bag, example.target, example.taskClass, scratch, {
          dense: denseGradient,
          bias: biasGradient,
          head: headGradient,
          classHead: classGradient,
        });
        // Embedding rows are updated per example (dense parameters per batch): see rowwise-adagrad.ts.
        embeddingOptimizer.updateRows(weights.embedding, bag, scratch.meanGradient);
      }
      const scale = 1 / (batchEnd - batchStart);
      for (const gradient of [denseGradient, biasGradient, headGradient, classGradient]) {
        for (let index = 0; index < gradient.length; index++) gradient[index] = (gradient[index] ?? 0) * scale;
      }
      optimizer.nextStep();
      dense.applyDense(optimizer, denseGradient);
      bias.applyDense(optimizer, biasGradient);
      head.applyDense(optimizer, headGradient);
      if (taskClasses > 0) classHead.applyDense(optimizer, classGradient);
    }
    options.onEpoch?.(epoch, examples.length === 0 ? 0 : epochLoss / examples.length);
  }
  return weights;
}
