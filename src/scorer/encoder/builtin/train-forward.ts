// One training example's forward and backward pass (see train-encoder.ts for the objective). Dense
// gradients are accumulated into the caller's buffers; the gradient with respect to the pooled mean is
// left in scratch.meanGradient for the caller to scatter to embedding rows.
import type { IdBag } from './id-bag.ts';
import type { BuiltinEncoderWeights } from './weights.ts';
import { L2_EPSILON } from './weights.ts';

export interface ForwardScratch {
  mean: Float64Array;
  activated: Float64Array;
  output: Float64Array;
  outputGradient: Float64Array;
  logits: Float64Array;
  meanGradient: Float64Array;
}

export interface GradientBuffers {
  dense: Float64Array;
  bias: Float64Array;
  head: Float64Array;
  classHead: Float64Array;
}

export function createForwardScratch(embeddingDim: number, outputDim: number, taskClasses: number): ForwardScratch {
  return {
    mean: new Float64Array(embeddingDim),
    activated: new Float64Array(outputDim),
    output: new Float64Array(outputDim),
    outputGradient: new Float64Array(outputDim),
    logits: new Float64Array(Math.max(1, taskClasses)),
    meanGradient: new Float64Array(embeddingDim),
  };
}

const LOG_FLOOR = 1e-12;

/** Returns the example's loss; adds its gradients to `gradients` and leaves d/d(mean) in scratch. */
export function forwardExample(
  weights: BuiltinEncoderWeights,
  headWeights: Float32Array,
  classWeights: Float32Array,
  bag: IdBag,
  target: number,
  taskClass: number,
  scratch: ForwardScratch,
  gradients: GradientBuffers,
): number {
  const { embeddingDim, outputDim, embedding, dense, denseBias } = weights;
  const { mean, activated, output, outputGradient, logits, meanGradient } = scratch;
  const taskClasses = classWeights.length / (outputDim + 1);

  // Mean pooling over the distinct ids, each weighted by its share of the example's ids.
  mean.fill(0);
  for (let index = 0; index < bag.size; index++) {
    const rowStart = (bag.ids[index] ?? 0) * embeddingDim;
    const weight = bag.weights[index] ?? 0;
    for (let column = 0; column < embeddingDim; column++) mean[column] = (mean[column] ?? 0) + weight * (embedding[rowStart + column] ?? 0);
  }

  for (let column = 0; column < outputDim; column++) activated[column] = denseBias[column] ?? 0;
  for (let row = 0; row < embeddingDim; row++) {
    const value = mean[row] ?? 0;
    const rowStart = row * outputDim;
    for (let column = 0; column < outputDim; column++) activated[column] = (activated[column] ?? 0) + value * (dense[rowStart + column] ?? 0);
  }
  let squares = 0;
  for (let column = 0; column < outputDim; column++) {
    const value = Math.tanh(activated[column] ?? 0);
    activated[column] = value;
    squares += value * value;
  }
  const divisor = Math.max(Math.sqrt(squares), L2_EPSILON);
  for (let column = 0; column < outputDim; column++) output[column] = (activated[column] ?? 0) / divisor;

  // (a) Logistic head: loss = BCE(sigmoid(y·u + c), target).
  let score = headWeights[outputDim] ?? 0;
  for (let column = 0; column < outputDim; column++) score += (output[column] ?? 0) * (headWeights[column] ?? 0);
  const probability = 1 / (1 + Math.exp(-score));
  let loss = -(target * Math.log(Math.max(probability, LOG_FLOOR)) + (1 - target) * Math.log(Math.max(1 - probability, LOG_FLOOR)));
  const scoreGradient = probability - target;
  for (let column = 0; column < outputDim; column++) {
    outputGradient[column] = scoreGradient * (headWeights[column] ?? 0);
    gradients.head[column] = (gradients.head[column] ?? 0) + scoreGradient * (output[column] ?? 0);
  }
  gradients.head[outputDim] = (gradients.head[outputDim] ?? 0) + scoreGradient;

  // (b) Softmax head over task classes, only when the class is known.
  if (taskClasses > 0 && taskClass >= 0) {
    const biasOffset = outputDim * taskClasses;
    let largest = Number.NEGATIVE_INFINITY;
    for (let klass = 0; klass < taskClasses; klass++) {
      let logit = classWeights[biasOffset + klass] ?? 0;
      for (let column = 0; column < outputDim; column++) logit += (output[column] ?? 0) * (classWeights[column * taskClasses + klass] ?? 0);
      logits[klass] = logit;
      if (logit > largest) largest = logit;
    }
    let total = 0;
    for (let klass = 0; klass < taskClasses; klass++) {
      const value = Math.exp((logits[klass] ?? 0) - largest);
      logits[klass] = value;
      total += value;
    }
    loss -= Math.log(Math.max((logits[taskClass] ?? 0) / total, LOG_FLOOR));
    for (let klass = 0; klass < taskClasses; klass++) {
      const logitGradient = (logits[klass] ?? 0) / total - (klass === taskClass ? 1 : 0);
      gradients.classHead[biasOffset + klass] = (gradients.classHead[biasOffset + klass] ?? 0) + logitGradient;
      for (let column = 0; column < outputDim; column++) {
        const index = column * taskClasses + klass;
        outputGradient[column] = (outputGradient[column] ?? 0) + logitGradient * (classWeights[index] ?? 0);
        gradients.classHead[index] = (gradients.classHead[index] ?? 0) + logitGradient * (output[column] ?? 0);
      }
    }
  }

  // Back through y = t / |t|: dt = (dy − y (y·dy)) / |t|; then tanh: dz = dt (1 − t²).
  let projection = 0;
  for (let column = 0; column < outputDim; column++) projection += (output[column] ?? 0) * (outputGradient[column] ?? 0);
  for (let column = 0; column < outputDim; column++) {
    const activatedGradient = ((outputGradient[column] ?? 0) - (output[column] ?? 0) * projection) / divisor;
    const value = activated[column] ?? 0;
    const preActivationGradient = activatedGradient * (1 - value * value);
    outputGradient[column] = preActivationGradient;
    gradients.bias[column] = (gradients.bias[column] ?? 0) + preActivationGradient;
  }
  // Dense layer: dW += mean ⊗ dz; d(mean) = W · dz.
  for (let row = 0; row < embeddingDim; row++) {
    const value = mean[row] ?? 0;
    const rowStart = row * outputDim;
    let rowGradient = 0;
    for (let column = 0; column < outputDim; column++) {
      const preActivationGradient = outputGradient[column] ?? 0;
      gradients.dense[rowStart + column] = (gradients.dense[rowStart + column] ?? 0) + value * preActivationGradient;
      rowGradient += (dense[rowStart + column] ?? 0) * preActivationGradient;
    }
    meanGradient[row] = rowGradient;
  }
  return loss;
}
