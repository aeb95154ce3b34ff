// Synthetic labelled prompts for tests: "hard" prompts (multi-step maths, proofs) need the strong
// tier, "easy" ones (greetings, lookups) do not — a signal any working scorer must pick up.
import { seededRandom } from '../../src/training/metrics/numeric.ts';
import type { TrainingExample } from '../../src/training/dataset.ts';
import type { TrainOptions } from '../../src/training/train-options.ts';

const EASY = ['say hello to', 'what colour is', 'translate the word', 'spell the name', 'give a synonym for', 'what day follows'];
const HARD = ['prove that the integral of', 'derive step by step the eigenvalues of', 'solve the system of equations for', 'compute the expected value of', 'explain why the limit of', 'determine the probability that'];
const NOUNS = ['apple', 'river', 'matrix', 'train', 'garden', 'planet', 'vector', 'bridge', 'engine', 'forest'];

export function syntheticExamples(count: number, seed = 7, invert = false): TrainingExample[] {
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  return Array.from({ length: count }, (_, i) => {
    const hard = random() < 0.4;
    const noun = pick(NOUNS);
    const prompt = hard
      ? `${pick(HARD)} ${noun} ${Math.floor(random() * 90) + 10} when x = ${Math.floor(random() * 9)}?`
      : `${pick(EASY)} ${noun}`;
    const strong = 1;
    const weak = hard !== invert ? 0 : 1;
    return { id: `syn-${seed}-${i}`, prompt, target: strong - weak, gap: strong - weak, strong, weak, source: i % 2 === 0 ? 'alpha' : 'beta', task: hard ? 'reasoning' : 'chat' };
  });
}

/** Small, fast settings for tests. */
export const FAST_OPTIONS: Partial<TrainOptions> = {
  featurizer: { version: 1, buckets: 1 << 12, wordNgrams: 2, charNgramMin: 3, charNgramMax: 4, maxFeatures: 256, seed: 11 },
  lexicalFeaturizer: { version: 1, buckets: 1 << 12, wordNgrams: 2, charNgramMin: 3, charNgramMax: 5, maxFeatures: 256, seed: 11 },
  embeddingDim: 16,
  outputDim: 16,
  encoderEpochs: 2,
  encoderLearningRate: 0.05,
  k: 8,
  head: { l2: 1e-3, iterations: 100, learningRate: 0.05 },
};

export function toJsonl(examples: readonly TrainingExample[]): string {
  return examples.map((e) => JSON.stringify({ id: e.id, prompt: e.prompt, strong: e.strong, weak: e.weak, source: e.source, task: e.task })).join('\n') + '\n';
}
