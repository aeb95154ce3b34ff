import { describe, expect, it } from 'vitest';
import type { FeaturizerSpec } from '../../../src/scorer/encoder/builtin/featurize.ts';
import { IdBag } from '../../../src/scorer/encoder/builtin/id-bag.ts';
import { SeededRandom } from '../../../src/scorer/encoder/builtin/prng.ts';
import { createForwardScratch, forwardExample, type GradientBuffers } from '../../../src/scorer/encoder/builtin/train-forward.ts';
import { initBuiltinEncoderWeights } from '../../../src/scorer/encoder/builtin/weights.ts';

const spec: FeaturizerSpec = { version: 1, buckets: 16, wordNgrams: 1, charNgramMin: 3, charNgramMax: 3, maxFeatures: 64, seed: 0 };
const EMBEDDING_DIM = 3;
const OUTPUT_DIM = 4;
const CLASSES = 3;

function setup() {
  const weights = initBuiltinEncoderWeights(spec, EMBEDDING_DIM, OUTPUT_DIM, 5);
  const random = new SeededRandom(9);
  for (let index = 0; index < weights.embedding.length; index++) weights.embedding[index] = random.nextFloat() * 2 - 1;
  for (let index = 0; index < OUTPUT_DIM; index++) weights.denseBias[index] = random.nextFloat() - 0.5;
  const head = Float32Array.from({ length: OUTPUT_DIM + 1 }, () => random.nextFloat() * 2 - 1);
  const classes = Float32Array.from({ length: (OUTPUT_DIM + 1) * CLASSES }, () => random.nextFloat() * 2 - 1);
  const bag = new IdBag(spec.buckets);
  bag.fill(Int32Array.of(3, 7, 3, 11, 3));
  return { weights, head, classes, bag };
}

function zeroGradients(headLength: number, classLength: number): GradientBuffers {
  return { dense: new Float64Array(EMBEDDING_DIM * OUTPUT_DIM), bias: new Float64Array(OUTPUT_DIM), head: new Float64Array(headLength), classHead: new Float64Array(classLength) };
}

describe('forwardExample gradients', () => {
  it('collapses repeated ids into shares', () => {
    const { bag } = setup();
    expect([...bag.ids.subarray(0, bag.size)]).toEqual([3, 7, 11]);
    [0.6, 0.2, 0.2].forEach((share, index) => expect(bag.weights[index]).toBeCloseTo(share, 12));
  });

  it('match central finite differences for every parameter block', () => {
    const { weights, head, classes, bag } = setup();
    const scratch = createForwardScratch(EMBEDDING_DIM, OUTPUT_DIM, CLASSES);
    const target = 0.7;
    const taskClass = 2;
    const gradients = zeroGradients(head.length, classes.length);
    forwardExample(weights, head, classes, bag, target, taskClass, scratch, gradients);
    const meanGradient = Float64Array.from(scratch.meanGradient);
    const loss = (): number => forwardExample(weights, head, classes, bag, target, taskClass, createForwardScratch(EMBEDDING_DIM, OUTPUT_DIM, CLASSES), zeroGradients(head.length, classes.length));

    const step = 1e-3;
    const numeric = (values: Float32Array, index: number): number => {
      const original = values[index] ?? 0;
      values[index] = original + step;
      const up = loss();
      values[index] = original - step;
      const down = loss();
      values[index] = original;
      return (up - down) / (2 * step);
    };
    const check = (values: Float32Array, analytic: (index: number) => number): void => {
      for (let index = 0; index < values.length; index++) {
        const expected = numeric(values, index);
        expect(Math.abs(analytic(index) - expected)).toBeLessThan(2e-3 + 2e-2 * Math.abs(expected));
      }
    };
    check(weights.dense, (index) => gradients.dense[index] ?? 0);
    check(weights.denseBias, (index) => gradients.bias[index] ?? 0);
    check(head, (index) => gradients.head[index] ?? 0);
    check(classes, (index) => gradients.classHead[index] ?? 0);
    // Embedding rows: d(loss)/d(E[id][c]) = share(id) × d(loss)/d(mean[c]).
    for (let slot = 0; slot < bag.size; slot++) {
      const id = bag.ids[slot] ?? 0;
      const share = bag.weights[slot] ?? 0;
      for (let column = 0; column < EMBEDDING_DIM; column++) {
        const expected = numeric(weights.embedding, id * EMBEDDING_DIM + column);
        expect(Math.abs(share * (meanGradient[column] ?? 0) - expected)).toBeLessThan(2e-3 + 2e-2 * Math.abs(expected));
      }
    }
  });
});
