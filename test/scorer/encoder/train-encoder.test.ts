import { describe, expect, it } from 'vitest';
import { RungError } from '../../../src/errors/rung-error.ts';
import { featurize, type FeaturizerSpec } from '../../../src/scorer/encoder/builtin/featurize.ts';
import { SeededRandom } from '../../../src/scorer/encoder/builtin/prng.ts';
import { trainBuiltinEncoder, type EncoderTrainingExample } from '../../../src/scorer/encoder/builtin/train-encoder.ts';
import { embedReference, type BuiltinEncoderWeights } from '../../../src/scorer/encoder/builtin/weights.ts';

const spec: FeaturizerSpec = { version: 1, buckets: 1 << 12, wordNgrams: 2, charNgramMin: 3, charNgramMax: 4, maxFeatures: 512, seed: 1 };

const CLASS_WORDS = [
  ['translate', 'french', 'spanish', 'sentence', 'language', 'german', 'phrase', 'meaning'],
  ['function', 'bug', 'compile', 'typescript', 'refactor', 'stack', 'trace', 'variable'],
  ['prove', 'theorem', 'integral', 'lemma', 'derivative', 'matrix', 'eigenvalue', 'induction'],
];
const TARGETS = [0.1, 0.6, 0.9];
const FILLER = ['please', 'can', 'you', 'help', 'me', 'with', 'this', 'the', 'a', 'quickly', 'thanks'];

interface Prompt {
  text: string;
  taskClass: number;
}

function syntheticPrompts(count: number, seed: number): Prompt[] {
  const random = new SeededRandom(seed);
  const prompts: Prompt[] = [];
  for (let index = 0; index < count; index++) {
    const taskClass = index % CLASS_WORDS.length;
    const words: string[] = [];
    const length = 6 + random.nextInt(8);
    for (let position = 0; position < length; position++) {
      const pool = random.nextInt(2) === 0 ? (CLASS_WORDS[taskClass] ?? []) : FILLER;
      words.push(pool[random.nextInt(pool.length)] ?? '');
    }
    prompts.push({ text: words.join(' '), taskClass });
  }
  return prompts;
}

function toExamples(prompts: Prompt[]): EncoderTrainingExample[] {
  // Every fourth example hides its class: the class head must cope with unknown classes.
  return prompts.map((prompt, index) => ({ ids: featurize(prompt.text, spec), target: TARGETS[prompt.taskClass] ?? 0, taskClass: index % 4 === 3 ? -1 : prompt.taskClass }));
}

const baseOptions = { embeddingDim: 16, outputDim: 16, taskClasses: 3, epochs: 6, learningRate: 0.02, seed: 42, spec };

function bytesOf(weights: BuiltinEncoderWeights): Buffer {
  return Buffer.concat([weights.embedding, weights.dense, weights.denseBias].map((array) => Buffer.from(array.buffer, array.byteOffset, array.byteLength)));
}

function dot(left: Float32Array, right: Float32Array): number {
  let sum = 0;
  for (let index = 0; index < left.length; index++) sum += (left[index] ?? 0) * (right[index] ?? 0);
  return sum;
}

/** Mean cosine of same-class pairs minus that of different-class pairs (outputs are unit vectors). */
function classSeparation(weights: BuiltinEncoderWeights, prompts: Prompt[]): { same: number; different: number } {
  const vectors = prompts.map((prompt) => embedReference(weights, featurize(prompt.text, spec)));
  let same = 0;
  let sameCount = 0;
  let different = 0;
  let differentCount = 0;
  for (let left = 0; left < prompts.length; left++) {
    for (let right = left + 1; right < prompts.length; right++) {
      const similarity = dot(vectors[left] ?? new Float32Array(0), vectors[right] ?? new Float32Array(0));
      if (prompts[left]?.taskClass === prompts[right]?.taskClass) {
        same += similarity;
        sameCount++;
      } else {
        different += similarity;
        differentCount++;
      }
    }
  }
  return { same: same / sameCount, different: different / differentCount };
}

describe('trainBuiltinEncoder', () => {
  const trainPrompts = syntheticPrompts(300, 1);
  const heldOut = syntheticPrompts(60, 2);

  it('reduces the training loss', () => {
    const losses: number[] = [];
    trainBuiltinEncoder(toExamples(trainPrompts), { ...baseOptions, onEpoch: (_epoch, loss) => losses.push(loss) });
    expect(losses.length).toBe(baseOptions.epochs);
    for (const loss of losses) expect(Number.isFinite(loss)).toBe(true);
    expect(losses.at(-1) ?? Infinity).toBeLessThan((losses[0] ?? 0) * 0.6);
  });

  it('is deterministic for a seed and differs across seeds', () => {
    const examples = toExamples(trainPrompts.slice(0, 90));
    const options = { ...baseOptions, epochs: 2 };
    const first = trainBuiltinEncoder(examples, options);
    const second = trainBuiltinEncoder(examples, options);
    expect(bytesOf(first).equals(bytesOf(second))).toBe(true);
    expect(bytesOf(trainBuiltinEncoder(examples, { ...options, seed: 43 })).equals(bytesOf(first))).toBe(false);
  });

  it('places held-out prompts of the same class closer together than prompts of different classes', () => {
    const trained = trainBuiltinEncoder(toExamples(trainPrompts), baseOptions);
    const after = classSeparation(trained, heldOut);
    expect(after.same).toBeGreaterThan(after.different + 0.3);
    // The untrained encoder (zero epochs) does not separate the classes nearly as well.
    const before = classSeparation(trainBuiltinEncoder(toExamples(trainPrompts), { ...baseOptions, epochs: 0 }), heldOut);
    expect(after.same - after.different).toBeGreaterThan(before.same - before.different + 0.2);
  });

  it('learns the target through the encoder output alone when classes are unknown', () => {
    const examples = toExamples(trainPrompts).map((example) => ({ ...example, taskClass: -1 }));
    const trained = trainBuiltinEncoder(examples, { ...baseOptions, taskClasses: 0 });
    const easy = classSeparation(trained, heldOut.filter((prompt) => prompt.taskClass !== 1));
    expect(easy.same).toBeGreaterThan(easy.different);
  });

  it('returns weights shaped for export', () => {
    const trained = trainBuiltinEncoder(toExamples(trainPrompts.slice(0, 30)), { ...baseOptions, epochs: 1 });
    expect(trained.embedding.length).toBe(spec.buckets * baseOptions.embeddingDim);
    expect(trained.dense.length).toBe(baseOptions.embeddingDim * baseOptions.outputDim);
    expect(trained.denseBias.length).toBe(baseOptions.outputDim);
    expect(trained.spec).toEqual(spec);
  });

  it('rejects invalid examples and options with a RungError', () => {
    const good = toExamples(trainPrompts.slice(0, 3));
    const first = good[0];
    if (first === undefined) throw new Error('no example');
    expect(() => trainBuiltinEncoder([{ ...first, target: 1.5 }], baseOptions)).toThrow(/target/);
    expect(() => trainBuiltinEncoder([{ ...first, taskClass: 3 }], baseOptions)).toThrow(/taskClass/);
    expect(() => trainBuiltinEncoder([{ ...first, ids: Int32Array.of(spec.buckets) }], baseOptions)).toThrow(RungError);
    expect(() => trainBuiltinEncoder(good, { ...baseOptions, learningRate: 0 })).toThrow(/learningRate/);
  });
});
