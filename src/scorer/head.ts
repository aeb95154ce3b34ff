// The head: L2-regularised logistic regression over standardised features, trained by full-batch
// Adam in plain TypeScript (deterministic: no randomness, fixed iteration count). Its output is a
// raw score (the logit); calibration turns it into a probability.

export interface LogisticHead {
  kind: 'logistic';
  /** Per-feature mean and scale used to standardise inputs. */
  mean: number[];
  scale: number[];
  weights: number[];
  bias: number;
}

export interface HeadTrainingOptions {
  l2: number;
  iterations: number;
  learningRate: number;
}

export const DEFAULT_HEAD_OPTIONS: HeadTrainingOptions = { l2: 1e-3, iterations: 400, learningRate: 0.05 };

/** `rows` is row-major, `dimension` features per row; targets in [0, 1] (soft targets allowed). */
export function trainLogisticHead(
  rows: Float32Array,
  dimension: number,
  targets: readonly number[],
  options: HeadTrainingOptions = DEFAULT_HEAD_OPTIONS,
): LogisticHead {
  const count = targets.length;
  const mean = new Float64Array(dimension);
  const scale = new Float64Array(dimension);
  for (let r = 0; r < count; r++) for (let j = 0; j < dimension; j++) mean[j] = (mean[j] ?? 0) + (rows[r * dimension + j] ?? 0);
  for (let j = 0; j < dimension; j++) mean[j] = (mean[j] ?? 0) / Math.max(1, count);
  for (let r = 0; r < count; r++) {
    for (let j = 0; j < dimension; j++) {
      const d = (rows[r * dimension + j] ?? 0) - (mean[j] ?? 0);
      scale[j] = (scale[j] ?? 0) + d * d;
    }
  }
  for (let j = 0; j < dimension; j++) {
    const deviation = Math.sqrt((scale[j] ?? 0) / Math.max(1, count));
    scale[j] = deviation > 1e-9 ? deviation : 1;
  }
  const standardised = new Float64Array(count * dimension);
  for (let r = 0; r < count; r++) {
    for (let j = 0; j < dimension; j++) {
      const at = r * dimension + j;
      standardised[at] = ((rows[at] ?? 0) - (mean[j] ?? 0)) / (scale[j] ?? 1);
    }
  }
  const prior = Math.min(0.99, Math.max(0.01, targets.reduce((s, t) => s + t, 0) / Math.max(1, count)));
  const weights = new Float64Array(dimension);
  let bias = Math.log(prior / (1 - prior));
  // Adam state.
  const m = new Float64Array(dimension + 1);
  const v = new Float64Array(dimension + 1);
  const gradient = new Float64Array(dimension + 1);
  const beta1 = 0.9;
  const beta2 = 0.999;
  for (let step = 1; step <= options.iterations; step++) {
    gradient.fill(0);
    for (let r = 0; r < count; r++) {
      let z = bias;
      const base = r * dimension;
      for (let j = 0; j < dimension; j++) z += (weights[j] ?? 0) * (standardised[base + j] ?? 0);
      const error = 1 / (1 + Math.exp(-z)) - (targets[r] ?? 0);
      for (let j = 0; j < dimension; j++) gradient[j] = (gradient[j] ?? 0) + error * (standardised[base + j] ?? 0);
      gradient[dimension] = (gradient[dimension] ?? 0) + error;
    }
    for (let j = 0; j <= dimension; j++) {
      const parameter = j < dimension ? (weights[j] ?? 0) : bias;
      const g = (gradient[j] ?? 0) / Math.max(1, count) + (j < dimension ? options.l2 * parameter : 0);
      m[j] = beta1 * (m[j] ?? 0) + (1 - beta1) * g;
      v[j] = beta2 * (v[j] ?? 0) + (1 - beta2) * g * g;
      const mHat = (m[j] ?? 0) / (1 - beta1 ** step);
      const vHat = (v[j] ?? 0) / (1 - beta2 ** step);
      const update = (options.learningRate * mHat) / (Math.sqrt(vHat) + 1e-8);
      if (j < dimension) weights[j] = parameter - update;
      else bias = parameter - update;
    }
  }
  return { kind: 'logistic', mean: [...mean], scale: [...scale], weights: [...weights], bias };
}

/** The raw score (logit) of a logistic head for one feature vector. */
export function applyLogisticHead(head: LogisticHead, features: ArrayLike<number>): number {
  let z = head.bias;
  const { mean, scale, weights } = head;
  for (let j = 0; j < weights.length; j++) {
    z += (weights[j] ?? 0) * (((features[j] ?? 0) - (mean[j] ?? 0)) / (scale[j] ?? 1));
  }
  return z;
}
