// The optimised request path must not move a score: Scorer.score() on the shipped model is compared
// with ReferenceScorer (reference-scorer.ts), a plain composition of the same steps, on a few hundred
// varied prompts. Both read whatever model is in models/rung-scorer-v1, so retraining it does not
// break this test. The public-API fallback of the encoder is held to the same standard.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_MODEL_DIRECTORY } from '../../src/scorer/default-model.ts';
import { KNN_FEATURE_COUNT, summariseNeighbours, writeNeighbourFeatures, type NeighbourTable } from '../../src/scorer/neighbour-stats.ts';
import { handFeatures } from '../../src/scorer/features.ts';
import { loadScorerModel, type ScoreResult, type Scorer } from '../../src/scorer/scorer.ts';
import { parityCorpus } from './encoder/parity-corpus.ts';
import { ReferenceScorer, referenceHandFeatures, referenceNeighbourFeatures } from './reference-scorer.ts';
import { routingCorpus } from './routing-corpus.ts';

const TOLERANCE = 1e-6;
const corpus = [...parityCorpus(200, 2024), ...routingCorpus(200, 7)];

function expectSameResult(actual: ScoreResult, expected: Required<ScoreResult>, text: string): void {
  const context = `prompt ${JSON.stringify(text.slice(0, 80))}`;
  expect(Math.abs(actual.score - expected.score), context).toBeLessThanOrEqual(TOLERANCE);
  expect(actual.taskClass ?? '', context).toBe(expected.taskClass);
}

describe('Scorer.score() against the straightforward reference', () => {
  let scorer: Scorer;
  let publicApiScorer: Scorer;
  let reference: ReferenceScorer;
  const expected: Required<ScoreResult>[] = [];

  beforeAll(async () => {
    scorer = await loadScorerModel(DEFAULT_MODEL_DIRECTORY);
    publicApiScorer = await loadScorerModel(DEFAULT_MODEL_DIRECTORY, { nativeBinding: false });
    reference = await ReferenceScorer.load(DEFAULT_MODEL_DIRECTORY);
    for (const text of corpus) expected.push(await reference.score(text));
  });

  afterAll(async () => {
    await scorer.close();
    await publicApiScorer.close();
    await reference.close();
  });

  it('uses a corpus with short, multiple-choice, code and truncated long prompts', () => {
    expect(corpus.length).toBe(400);
    expect(corpus.some((text) => text.length > 4000)).toBe(true);
    expect(corpus.some((text) => /\nD\. /.test(text))).toBe(true);
    expect(corpus.some((text) => text.includes('```'))).toBe(true);
    expect(new Set(expected.map((result) => result.score)).size).toBeGreaterThan(100);
  });

  it('gives the reference score, task class and neighbours for every prompt', async () => {
    let largest = 0;
    for (const [i, text] of corpus.entries()) {
      const want = expected[i];
      if (want === undefined) throw new Error('missing reference score');
      const actual = await scorer.score({ text }, { neighbours: true });
      expectSameResult(actual, want, text);
      expect(actual.neighbours).toEqual(want.neighbours);
      largest = Math.max(largest, Math.abs(actual.score - want.score));
    }
    expect(largest).toBeLessThanOrEqual(TOLERANCE);
  });

  it('gives the reference result synchronously through scoreSync, and none when the encoder is asynchronous', () => {
    for (const [i, text] of corpus.entries()) {
      const want = expected[i];
      if (want === undefined) throw new Error('missing reference score');
      const actual = scorer.scoreSync({ text }, { neighbours: true });
      if (actual === undefined) throw new Error('the native binding should make the shipped scorer synchronous');
      expectSameResult(actual, want, text);
      expect(actual.neighbours).toEqual(want.neighbours);
      expect(publicApiScorer.scoreSync({ text })).toBeUndefined();
    }
  });

  it('gives the same scores through the public onnxruntime API as through the native binding', async () => {
    for (const [i, text] of corpus.entries()) {
      const want = expected[i];
      if (want === undefined) throw new Error('missing reference score');
      expectSameResult(await publicApiScorer.score({ text }), want, text);
    }
  });

  it('gives the same scores under concurrent calls (shared scratch is never read across an await)', async () => {
    const texts = corpus.slice(0, 120);
    for (const instance of [scorer, publicApiScorer]) {
      const results = await Promise.all(texts.map((text) => instance.score({ text })));
      results.forEach((result, i) => {
        const want = expected[i];
        if (want === undefined) throw new Error('missing reference score');
        expectSameResult(result, want, texts[i] ?? '');
      });
    }
  });
});

describe('hand features and neighbour statistics against their earlier implementations', () => {
  it('hand features are identical on every corpus prompt', () => {
    for (const text of [...corpus, '', '\n', 'A\nB', 'ÀÉ ünï 中文\r\n\tX']) {
      expect([...handFeatures(text)], JSON.stringify(text.slice(0, 80))).toEqual([...Float32Array.from(referenceHandFeatures(text))]);
    }
  });

  const table: NeighbourTable = {
    targets: Float32Array.from([0.1, 0.9, 0.5, 0, 1, 0.25]),
    gaps: Float32Array.from([0.1, 0.8, -0.2, 0, 1, -0.5]),
    classes: Int32Array.from([0, 1, 1, -1, 2, 0]),
    classNames: ['a', 'b', 'c'],
    classMeans: [0.2, 0.6, 0.9],
    classGapMeans: [0.1, 0.3, 0.7],
    globalMean: 0.4,
    globalGapMean: 0.2,
  };

  function compare(labels: number[], similarities: number[]): void {
    const want = referenceNeighbourFeatures(table, labels, similarities);
    const out = new Float64Array(KNN_FEATURE_COUNT + 2).fill(-9);
    const taskClass = writeNeighbourFeatures(table, labels, similarities, labels.length, out, 1);
    expect(taskClass).toBe(want.taskClass);
    expect([...out.subarray(1, 1 + KNN_FEATURE_COUNT)]).toEqual(want.features);
    expect(out[0]).toBe(-9);
    expect(out[KNN_FEATURE_COUNT + 1]).toBe(-9);
    expect(summariseNeighbours(table, labels, similarities)).toEqual(want);
  }

  it('match on ordinary, empty and class-less neighbour lists', () => {
    compare([1, 2, 0, 4, 5, 3], [0.9, 0.85, 0.8, 0.5, 0.2, -0.1]);
    compare([], []);
    compare([3], [0.7]);
  });

  it('break equal class votes toward the lower class id, whatever the neighbour order', () => {
    compare([4, 0], [0.5, 0.5]);
    compare([0, 4], [0.5, 0.5]);
    compare([4, 1, 0], [0.5, 0.5, 0.5]);
  });

  it('let a class whose votes underflowed to zero beat having no class', () => {
    // exp(-1 / 0.05 × 40) is 0 in float64: the far neighbour's class still has a (zero) vote.
    compare([3, 1], [0.9, -39]);
  });
});
