// Adam for the trainer's small dense parameter blocks (dense layer, bias, training heads). The
// embedding table uses row-wise Adagrad instead (rowwise-adagrad.ts).

const BETA1 = 0.9;
const BETA2 = 0.999;
const EPSILON = 1e-8;

/** The shared step counter and step size; call nextStep once per batch, before that batch's updates. */
export class Adam {
  private step = 0;
  correction1 = 1;
  correction2 = 1;

  constructor(readonly learningRate: number) {}

  nextStep(): void {
    this.step++;
    this.correction1 = 1 - BETA1 ** this.step;
    this.correction2 = 1 - BETA2 ** this.step;
  }
}

/** A parameter block with its Adam moments. */
export class AdamParameter {
  private readonly first: Float32Array;
  private readonly second: Float32Array;

  constructor(readonly values: Float32Array) {
    this.first = new Float32Array(values.length);
    this.second = new Float32Array(values.length);
  }

  /** One Adam update from gradients aligned with `values`. */
  applyDense(optimizer: Adam, gradients: Float64Array): void {
    const { learningRate, correction1, correction2 } = optimizer;
    const { values, first, second } = this;
    for (let index = 0; index < values.length; index++) {
      const gradient = gradients[index] ?? 0;
      const moment1 = BETA1 * (first[index] ?? 0) + (1 - BETA1) * gradient;
      const moment2 = BETA2 * (second[index] ?? 0) + (1 - BETA2) * gradient * gradient;
      first[index] = moment1;
      second[index] = moment2;
      values[index] = (values[index] ?? 0) - (learningRate * (moment1 / correction1)) / (Math.sqrt(moment2 / correction2) + EPSILON);
    }
  }
}
