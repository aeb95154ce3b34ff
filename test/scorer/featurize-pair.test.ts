// PairFeaturizer must give, for each of its two specs, exactly featurize(text, spec): the same ids in
// the same order (the encoder averages them in order, the lexical model sums them in order), with the
// same head/tail truncation. predictLexicalIds must equal predictLexical over distinctIds.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MODEL_DIRECTORY } from '../../src/scorer/default-model.ts';
import { featurize, type FeaturizerSpec } from '../../src/scorer/encoder/builtin/featurize.ts';
import { PairFeaturizer } from '../../src/scorer/encoder/builtin/featurize-pair.ts';
import { SeededRandom } from '../../src/scorer/encoder/builtin/prng.ts';
import { distinctIds, predictLexical, predictLexicalIds } from '../../src/scorer/lexical-model.ts';
import type { ScorerManifest } from '../../src/scorer/manifest.ts';
import { parityCorpus } from './encoder/parity-corpus.ts';
import { routingCorpus } from './routing-corpus.ts';

const manifest = JSON.parse(readFileSync(join(DEFAULT_MODEL_DIRECTORY, 'manifest.json'), 'utf8')) as ScorerManifest;
const shippedEncoder = manifest.encoder.featurizer;
const shippedLexical = manifest.lexical.featurizer as FeaturizerSpec;
const corpus = [...parityCorpus(150, 31), ...routingCorpus(100, 32)];

const base: FeaturizerSpec = { version: 1, buckets: 1 << 12, wordNgrams: 2, charNgramMin: 3, charNgramMax: 4, maxFeatures: 2048, seed: 9 };

function expectPairMatches(first: FeaturizerSpec, second: FeaturizerSpec, texts: readonly string[]): void {
  const pair = new PairFeaturizer(first, second);
  for (const text of texts) {
    pair.run(text);
    const context = JSON.stringify(text.slice(0, 60));
    expect([...pair.first.ids.subarray(0, pair.first.count)], context).toEqual([...featurize(text, first)]);
    expect([...pair.second.ids.subarray(0, pair.second.count)], context).toEqual([...featurize(text, second)]);
  }
}

describe('PairFeaturizer', () => {
  it('reproduces featurize for the shipped encoder and lexical specs', () => {
    expectPairMatches(shippedEncoder, shippedLexical, corpus);
  });

  it('reproduces featurize when the budgets cut inside tokens and differ between the specs', () => {
    const texts = corpus.filter((text) => text.length > 40);
    expectPairMatches({ ...base, maxFeatures: 37 }, { ...base, buckets: 1 << 20, charNgramMax: 6, maxFeatures: 101 }, texts);
    expectPairMatches({ ...base, maxFeatures: 1 }, { ...base, maxFeatures: 2 }, texts);
    expectPairMatches({ ...base, maxFeatures: 500, wordNgrams: 4 }, { ...base, maxFeatures: 64, wordNgrams: 1 }, texts);
  });

  it('reproduces featurize when one spec has no character n-grams or other lengths', () => {
    expectPairMatches({ ...base, charNgramMax: 0 }, { ...base, charNgramMin: 1, charNgramMax: 2 }, corpus);
    expectPairMatches({ ...base, charNgramMin: 2, charNgramMax: 5 }, { ...base, charNgramMax: 0, wordNgrams: 3 }, corpus);
  });

  it('falls back to two passes for specs with different seeds', () => {
    expectPairMatches(base, { ...base, seed: 10 }, corpus.slice(0, 60));
  });
});

describe('predictLexicalIds', () => {
  const random = new SeededRandom(5);
  const weights = Float32Array.from({ length: 1 << 16 }, () => random.nextFloat() * 2 - 1);
  const model = { weights, bias: 0.125 };

  it('equals predictLexical over the distinct ids, bit for bit', () => {
    for (const text of corpus) {
      const ids = featurize(text, { ...shippedLexical, buckets: 1 << 16 });
      expect(predictLexicalIds(model, ids, ids.length)).toBe(predictLexical(model, distinctIds(ids)));
    }
  });

  it('handles an empty list, a prefix, and more ids than its initial table holds', () => {
    expect(predictLexicalIds(model, new Int32Array(0))).toBe(0.125);
    const many = Int32Array.from({ length: 20_000 }, () => random.nextInt(1 << 16));
    expect(predictLexicalIds(model, many)).toBe(predictLexical(model, distinctIds(many)));
    expect(predictLexicalIds(model, many, 300)).toBe(predictLexical(model, distinctIds(many.subarray(0, 300))));
    const repeated = Int32Array.from({ length: 5000 }, (_, i) => i % 7);
    expect(predictLexicalIds(model, repeated)).toBe(predictLexical(model, distinctIds(repeated)));
  });
});
