// Row-wise Adagrad for the embedding table: one accumulator per row (the running sum of that row's
// mean squared gradient) instead of one per value, applied per example. A batch touches thousands of
// scattered rows; per-value Adam over batch-accumulated gradients visited each row four times and
// dominated training. Here each row of an example is visited once: one square root per row, one
// multiply-add per value, and optimiser memory of one float per bucket.
import type { IdBag } from './id-bag.ts';

const EPSILON = 1e-10;

export class RowwiseAdagrad {
  private readonly accumulators: Float64Array;

  constructor(
    private readonly learningRate: number,
    rows: number,
    private readonly width: number,
  ) {
    this.accumulators = new Float64Array(rows);
  }

  /**
   * Mean pooling makes row r's gradient weight(r) × g, with g = d(loss)/d(mean); so each row's mean
   * squared gradient is weight² × mean(g²), and its update is −step × weight × g.
   */
  updateRows(parameters: Float32Array, bag: IdBag, meanGradient: Float64Array): void {
    const width = this.width;
    let squares = 0;
    for (let column = 0; column < width; column++) {
      const gradient = meanGradient[column] ?? 0;
      squares += gradient * gradient;
    }
    const meanSquare = squares / width;
    const accumulators = this.accumulators;
    for (let index = 0; index < bag.size; index++) {
      const row = bag.ids[index] ?? 0;
      const weight = bag.weights[index] ?? 0;
      const accumulator = (accumulators[row] ?? 0) + weight * weight * meanSquare;
      accumulators[row] = accumulator;
      const step = (this.learningRate * weight) / Math.sqrt(accumulator + EPSILON);
      const start = row * width;
      for (let column = 0; column < width; column++) parameters[start + column] = (parameters[start + column] ?? 0) - step * (meanGradient[column] ?? 0);
    }
  }
}
