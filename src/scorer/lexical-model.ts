// A linear model over the hashed n-gram bag (the built-in featuriser's bucket ids): ridge
// regression, solved by conjugate gradients on the normal equations. It is the scorer's "which
// words signal difficulty" component, the part of a lexical model that carries over to unseen
// subjects better than neighbours do.
// Row features: each distinct bucket j of the text gets idf_j / sqrt(#distinct buckets) (TF-IDF
// with binary term frequency and an approximate length normalisation). The stored weights are
// already multiplied by idf, so scoring is one sum: bias + Σ weights[j] / sqrt(n).

export interface LexicalModel {
  weights: Float32Array;
  bias: number;
}

export interface LexicalTrainingOptions {
  /** Ridge penalty λ on ‖w‖². */
  l2: number;
  /** Conjugate-gradient iterations (fixed, for determinism and bounded time). */
  iterations: number;
}

export const DEFAULT_LEXICAL_OPTIONS: LexicalTrainingOptions = { l2: 50, iterations: 60 };

/** Distinct ids of a featurised text (the binary bag). */
export function distinctIds(ids: Int32Array): Int32Array {
  return Int32Array.from(new Set(ids));
}

export function predictLexical(model: LexicalModel, bag: Int32Array): number {
  if (bag.length === 0) return model.bias;
  let sum = 0;
  for (const id of bag) sum += model.weights[id] ?? 0;
  return model.bias + sum / Math.sqrt(bag.length);
}

// Scratch of predictLexicalIds: an open-addressing set of the ids seen in the current call. A slot
// counts as filled only when its stamp is the current generation, so emptying it costs nothing.
let seenKeys = new Int32Array(4096);
let seenStamps = new Uint32Array(4096);
let seenBits = 12;
let generation = 0;

/**
 * predictLexical(model, distinctIds(ids.subarray(0, count))) without building the Set or the bag: on
 * the request path the Set cost more than the rest of the lexical model. Distinct ids are summed in
 * first-occurrence order, as the Set iterates, so the result is bit-identical.
 */
export function predictLexicalIds(model: LexicalModel, ids: Int32Array, count: number = ids.length): number {
  if (count === 0) return model.bias;
  if (seenKeys.length < count * 2) {
    seenBits = Math.ceil(Math.log2(count * 2));
    seenKeys = new Int32Array(1 << seenBits);
    seenStamps = new Uint32Array(1 << seenBits);
    generation = 0;
  }
  generation = (generation + 1) >>> 0;
  if (generation === 0) {
    seenStamps.fill(0);
    generation = 1;
  }
  const keys = seenKeys;
  const stamps = seenStamps;
  const mask = keys.length - 1;
  const shift = 32 - seenBits;
  const weights = model.weights;
  const current = generation;
  let distinct = 0;
  let sum = 0;
  for (let i = 0; i < count; i++) {
    const id = ids[i] ?? 0;
    // Fibonacci hashing: the top bits of id × 2^32/φ spread nearby bucket ids over the table.
    let slot = Math.imul(id, 0x9e3779b1) >>> shift;
    for (;;) {
      if (stamps[slot] !== current) {
        stamps[slot] = current;
        keys[slot] = id;
        distinct++;
        sum += weights[id] ?? 0;
        break;
      }
      if (keys[slot] === id) break;
      slot = (slot + 1) & mask;
    }
  }
  return model.bias + sum / Math.sqrt(distinct);
}

export function trainLexicalModel(
  bags: readonly Int32Array[],
  targets: readonly number[],
  buckets: number,
  options: LexicalTrainingOptions = DEFAULT_LEXICAL_OPTIONS,
): LexicalModel {
  const rows = bags.length;
  // Work over the buckets that occur (compact ids): the solve never touches the empty ones, whose
  // ridge solution is 0 anyway. The design matrix is kept in CSR form with its values.
  const compactOf = new Int32Array(buckets).fill(-1);
  const bucketOf: number[] = [];
  const documentFrequency: number[] = [];
  let nonZeros = 0;
  for (const bag of bags) {
    nonZeros += bag.length;
    for (const id of bag) {
      let compact = compactOf[id] ?? -1;
      if (compact < 0) {
        compact = bucketOf.length;
        compactOf[id] = compact;
        bucketOf.push(id);
        documentFrequency.push(0);
      }
      documentFrequency[compact] = (documentFrequency[compact] ?? 0) + 1;
    }
  }
  const size = bucketOf.length;
  // Smoothed idf, as scikit-learn: ln((1 + n) / (1 + df)) + 1.
  const idf = Float64Array.from(documentFrequency, (df) => Math.log((1 + rows) / (1 + df)) + 1);
  const rowStart = new Int32Array(rows + 1);
  const columns = new Int32Array(nonZeros);
  const values = new Float64Array(nonZeros);
  let at = 0;
  bags.forEach((bag, i) => {
    rowStart[i] = at;
    const scale = bag.length === 0 ? 0 : 1 / Math.sqrt(bag.length);
    for (const id of bag) {
      const compact = compactOf[id] ?? 0;
      columns[at] = compact;
      values[at] = (idf[compact] ?? 0) * scale;
      at++;
    }
  });
  rowStart[rows] = at;
  const mean = rows === 0 ? 0 : targets.reduce((s, t) => s + t, 0) / rows;

  const rowBuffer = new Float64Array(rows);
  /** out = (XᵀX + λI) vector */
  const normalMatrixTimes = (vector: Float64Array, out: Float64Array): void => {
    for (let i = 0; i < rows; i++) {
      let sum = 0;
      for (let k = rowStart[i] ?? 0; k < (rowStart[i + 1] ?? 0); k++) sum += (values[k] ?? 0) * (vector[columns[k] ?? 0] ?? 0);
      rowBuffer[i] = sum;
    }
    for (let j = 0; j < size; j++) out[j] = options.l2 * (vector[j] ?? 0);
    for (let i = 0; i < rows; i++) {
      const value = rowBuffer[i] ?? 0;
      for (let k = rowStart[i] ?? 0; k < (rowStart[i + 1] ?? 0); k++) {
        const column = columns[k] ?? 0;
        out[column] = (out[column] ?? 0) + value * (values[k] ?? 0);
      }
    }
  };
  const dot = (a: Float64Array, b: Float64Array): number => {
    let sum = 0;
    for (let j = 0; j < size; j++) sum += (a[j] ?? 0) * (b[j] ?? 0);
    return sum;
  };

  // Conjugate gradients from w = 0: r = Xᵀ(y − ȳ).
  const solution = new Float64Array(size);
  const residual = new Float64Array(size);
  for (let i = 0; i < rows; i++) {
    const centred = (targets[i] ?? 0) - mean;
    for (let k = rowStart[i] ?? 0; k < (rowStart[i + 1] ?? 0); k++) {
      const column = columns[k] ?? 0;
      residual[column] = (residual[column] ?? 0) + centred * (values[k] ?? 0);
    }
  }
  const direction = residual.slice();
  const product = new Float64Array(size);
  let residualNorm = dot(residual, residual);
  for (let iteration = 0; iteration < options.iterations && residualNorm > 1e-20; iteration++) {
    normalMatrixTimes(direction, product);
    const step = residualNorm / dot(direction, product);
    for (let j = 0; j < size; j++) {
      solution[j] = (solution[j] ?? 0) + step * (direction[j] ?? 0);
      residual[j] = (residual[j] ?? 0) - step * (product[j] ?? 0);
    }
    const nextNorm = dot(residual, residual);
    const beta = nextNorm / residualNorm;
    residualNorm = nextNorm;
    for (let j = 0; j < size; j++) direction[j] = (residual[j] ?? 0) + beta * (direction[j] ?? 0);
  }
  const weights = new Float32Array(buckets);
  for (let j = 0; j < size; j++) weights[bucketOf[j] ?? 0] = (solution[j] ?? 0) * (idf[j] ?? 0);
  return { weights, bias: mean };
}
