import { describe, expect, it } from 'vitest';
import { RungError } from '../../../src/errors/rung-error.ts';
import { bucketOf, seededBasis } from '../../../src/scorer/encoder/builtin/feature-hash.ts';
import { DEFAULT_FEATURIZER_SPEC, EMPTY_TEXT_BUCKET, featurize, type FeaturizerSpec } from '../../../src/scorer/encoder/builtin/featurize.ts';

const spec = DEFAULT_FEATURIZER_SPEC;
/** Word unigrams only: one id per token, which makes token boundaries observable. */
const wordsOnly: FeaturizerSpec = { ...spec, wordNgrams: 1, charNgramMax: 0 };

function sorted(ids: Int32Array): number[] {
  return [...ids].sort((left, right) => left - right);
}

/** Independent FNV-1a over Node's own UTF-8 encoding of a token (checks the incremental UTF-8 feeding). */
function expectedWordBucket(token: string, featurizerSpec: FeaturizerSpec): number {
  let hash = seededBasis(featurizerSpec.seed);
  for (const byte of Buffer.from(token, 'utf8')) hash = Math.imul(hash ^ byte, 0x01000193);
  return bucketOf(hash, featurizerSpec.buckets - 1);
}

describe('featurize', () => {
  it('is deterministic and depends on the seed', () => {
    const text = 'Explain the difference between TCP and UDP, with examples.';
    expect([...featurize(text, spec)]).toEqual([...featurize(text, spec)]);
    expect(sorted(featurize(text, { ...spec, seed: spec.seed + 1 }))).not.toEqual(sorted(featurize(text, spec)));
  });

  it('returns ids inside [1, buckets) for real text', () => {
    const texts = ['hello', 'fn main() { println!("{}", x + 1); }', '你好，世界', 'مرحبا بالعالم', '🙂🚀', 'x'.repeat(300)];
    for (const text of texts) {
      const ids = featurize(text, spec);
      expect(ids.length).toBeGreaterThan(0);
      for (const id of ids) {
        expect(Number.isInteger(id)).toBe(true);
        expect(id).toBeGreaterThanOrEqual(1);
        expect(id).toBeLessThan(spec.buckets);
      }
    }
  });

  it('maps empty, whitespace-only and invisible-only text to the reserved bucket', () => {
    for (const text of ['', '   ', '\n\t \r\n', '\u200b\u200d\u2060', '\u0301\u0302']) {
      expect([...featurize(text, spec)]).toEqual([EMPTY_TEXT_BUCKET]);
    }
  });

  it('hashes word tokens as FNV-1a over their UTF-8 bytes', () => {
    for (const token of ['hello', 'café', '你好', 'שלום', '😀', '{', '$']) {
      expect([...featurize(token, wordsOnly)]).toEqual([expectedWordBucket(token, wordsOnly)]);
    }
  });

  it('gives NFKC-equivalent, case-variant and whitespace-variant inputs the same ids', () => {
    const pairs: [string, string][] = [
      ['ｆｕｌｌｗｉｄｔｈ　ｔｅｘｔ', 'fullwidth text'],
      ['cafe\u0301', 'café'],
      ['\ufb01le', 'file'],
      ['HELLO World', 'hello world'],
      ['a  b\n\t c', 'a b c'],
      ['x²', 'x2'],
    ];
    for (const [left, right] of pairs) expect([...featurize(left, spec)]).toEqual([...featurize(right, spec)]);
  });

  it('splits words from punctuation and symbols, one token per symbol', () => {
    // a+b → tokens a, +, b; each symbol is its own token even when repeated.
    expect(featurize('a+b', wordsOnly).length).toBe(3);
    expect(featurize('{{}}', wordsOnly).length).toBe(4);
    expect(featurize('f(x)=x^2', wordsOnly).length).toBe(8);
    expect(sorted(featurize('a+b', spec))).not.toEqual(sorted(featurize('a*b', spec)));
    expect(sorted(featurize('()', spec))).not.toEqual(sorted(featurize('{}', spec)));
    expect(sorted(featurize('`code`', spec))).not.toEqual(sorted(featurize('code', spec)));
  });

  it('keeps CJK runs, RTL words and combining marks inside their word', () => {
    expect(featurize('你好世界', wordsOnly).length).toBe(1);
    expect(featurize('مرحبا بالعالم', wordsOnly).length).toBe(2);
    expect(featurize('שלום עולם', wordsOnly).length).toBe(2);
    // Devanagari vowel signs and virama are combining marks: the word stays one token.
    expect(featurize('नमस्ते', wordsOnly).length).toBe(1);
    // A mark with nothing to attach to is dropped; a mark after a symbol extends the symbol.
    expect([...featurize('\u0301abc', spec)]).toEqual([...featurize('abc', spec)]);
    expect(featurize('👍\ufe0f', wordsOnly).length).toBe(1);
    expect([...featurize('👍\ufe0f', wordsOnly)]).not.toEqual([...featurize('👍', wordsOnly)]);
  });

  it('treats emoji as symbols and ZWJ as a separator', () => {
    expect(featurize('👨\u200d👩\u200d👧', wordsOnly).length).toBe(3);
    expect(sorted(featurize('🙂', spec))).not.toEqual(sorted(featurize('🙃', spec)));
  });

  it('survives lone surrogates', () => {
    expect([...featurize('\ud800abc\udfff', spec)]).toEqual([...featurize('abc', spec)]);
  });

  it('emits word n-grams and character n-grams', () => {
    // "ab cd": unigrams ab, cd; bigram "ab cd"; char 3..4-grams of <ab> and <cd>: 2 + 1 each.
    expect(featurize('ab cd', { ...spec, charNgramMin: 3, charNgramMax: 4 }).length).toBe(2 + 1 + 3 + 3);
    // Word order matters through the bigrams only.
    const forward = sorted(featurize('red fox', spec));
    const backward = sorted(featurize('fox red', spec));
    expect(forward).not.toEqual(backward);
    expect(forward.length).toBe(backward.length);
  });

  it('caps long prompts at maxFeatures, keeping the head and the tail', () => {
    const filler = Array.from({ length: 3000 }, (_, index) => `filler${index}`).join(' ');
    const text = `openingword ${filler} closingword`;
    const small: FeaturizerSpec = { ...spec, maxFeatures: 256 };
    const ids = featurize(text, small);
    expect(ids.length).toBe(256);
    const unigram = (word: string): number => featurize(word, { ...wordsOnly, maxFeatures: 256 })[0] ?? -1;
    expect(ids).toContain(unigram('openingword'));
    expect(ids).toContain(unigram('closingword'));
    expect(ids).not.toContain(unigram('filler1500'));
    expect(featurize('y'.repeat(100_000), spec).length).toBeLessThanOrEqual(spec.maxFeatures);
  });

  it('keeps every feature of a prompt that fits', () => {
    const text = 'Summarise this paragraph about distributed consensus and leader election in Raft.';
    const all = featurize(text, { ...spec, maxFeatures: 100_000 });
    expect(all.length).toBeLessThan(spec.maxFeatures);
    expect(sorted(featurize(text, { ...spec, maxFeatures: all.length }))).toEqual(sorted(all));
  });

  it('bounds character n-grams of very long words', () => {
    const longWord = 'q'.repeat(5000);
    const ids = featurize(longWord, spec);
    // 1 unigram + n-grams over BEGIN + 32 code points (no END): (33 − 2) + (33 − 3).
    expect(ids.length).toBe(1 + 31 + 30);
  });

  it('rejects invalid specs with a RungError', () => {
    expect(() => featurize('x', { ...spec, buckets: 1000 })).toThrow(RungError);
    expect(() => featurize('x', { ...spec, charNgramMin: 5, charNgramMax: 3 })).toThrow(/charNgramMin/);
    expect(() => featurize('x', { ...spec, maxFeatures: 0 })).toThrow(/maxFeatures/);
  });

  it('pins the hashing rule (a change here invalidates every trained model)', () => {
    expect([...featurize('Hello, world!', { ...spec, buckets: 1024 })]).toEqual(GOLDEN_HELLO_WORLD);
  });
});

// Recorded from the implementation when the rule was fixed; tokens: hello , world !
const GOLDEN_HELLO_WORLD: number[] = [187, 980, 434, 996, 722, 390, 656, 117, 525, 640, 894, 653, 620, 340, 156, 990, 952, 532, 530, 366, 620, 976, 85, 478, 653];
