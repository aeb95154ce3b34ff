// Featurises one text for two specs at once: the scorer needs the encoder's bucket ids and the lexical
// model's, and featurising twice normalised, tokenised and hashed every n-gram twice (about a fifth of a
// score call's CPU on an 800-character prompt). Specs with the same seed hash tokens and n-grams
// identically (featurize.ts); they differ only in which n-gram lengths they keep, their bucket mask and
// their budget. So the text is tokenised once, each n-gram hash is built and mixed once, and it is
// masked into each list that keeps it, in each list's own order. Each list is exactly
// featurize(text, spec) for its spec, head/tail truncation included (test/scorer/featurize-pair.test.ts).
// Specs with different seeds share nothing and fall back to two featurize calls.
import {
  CHAR_NGRAM_WORD_LIMIT,
  EMPTY_TEXT_BUCKET,
  KIND_CHAR_NGRAM,
  KIND_WORD_NGRAM_BASE,
  MARKER_BEGIN,
  MARKER_END,
  featurize,
  normaliseForFeatures,
  releaseLargeScratch,
  tokenArrays,
  tokenize,
  validateFeaturizerSpec,
  type FeaturizerSpec,
  type TokenArrays,
} from './featurize.ts';
import { feedByte, feedCodePoint, feedWord, mixHash, seededBasis } from './feature-hash.ts';

/** One output list: its spec's parameters, its ids and how many are filled. */
class FeatureList {
  readonly ids: Int32Array;
  count = 0;
  readonly mask: number;
  readonly limit: number;
  readonly headBudget: number;
  readonly wordNgrams: number;
  readonly charMin: number;
  readonly charMax: number;
  /** 1 at each character n-gram length the spec keeps (charMin..charMax), else 0. */
  readonly charSizes: Uint8Array;
  /** The last token the head pass gave this list (−1 before any). */
  lastHeadToken = -1;

  constructor(spec: FeaturizerSpec) {
    this.ids = new Int32Array(spec.maxFeatures);
    this.mask = spec.buckets - 1;
    this.limit = spec.maxFeatures;
    this.headBudget = Math.max(1, spec.maxFeatures >> 1);
    this.wordNgrams = spec.wordNgrams;
    this.charMin = spec.charNgramMin;
    this.charMax = spec.charNgramMax;
    this.charSizes = new Uint8Array(CHAR_NGRAM_WORD_LIMIT + 3);
    for (let size = spec.charNgramMin; size <= spec.charNgramMax; size++) this.charSizes[size] = 1;
  }

  copyFrom(ids: Int32Array): void {
    this.ids.set(ids);
    this.count = ids.length;
  }
}

const charSequence = new Int32Array(CHAR_NGRAM_WORD_LIMIT + 2);

export class PairFeaturizer {
  /** Ids of the first spec: `first.ids.subarray(0, first.count)` after `run`, valid until the next run. */
  readonly first: FeatureList;
  readonly second: FeatureList;
  private readonly firstSpec: FeaturizerSpec;
  private readonly secondSpec: FeaturizerSpec;
  private readonly shared: boolean;
  private readonly basis: number;

  constructor(first: FeaturizerSpec, second: FeaturizerSpec) {
    validateFeaturizerSpec(first);
    validateFeaturizerSpec(second);
    this.firstSpec = { ...first };
    this.secondSpec = { ...second };
    this.first = new FeatureList(first);
    this.second = new FeatureList(second);
    this.shared = first.seed === second.seed;
    this.basis = seededBasis(first.seed);
  }

  run(text: string): void {
    const first = this.first;
    const second = this.second;
    first.count = 0;
    second.count = 0;
    first.lastHeadToken = -1;
    second.lastHeadToken = -1;
    if (!this.shared) {
      first.copyFrom(featurize(text, this.firstSpec));
      second.copyFrom(featurize(text, this.secondSpec));
      return;
    }
    const tokenCount = tokenize(normaliseForFeatures(text), this.basis);
    if (tokenCount === 0) {
      first.ids[0] = EMPTY_TEXT_BUCKET;
      first.count = 1;
      second.ids[0] = EMPTY_TEXT_BUCKET;
      second.count = 1;
      releaseLargeScratch();
      return;
    }
    const arrays = tokenArrays();
    // Head: tokens from the start while a list is under half its budget (checked before each token).
    for (let token = 0; token < tokenCount; token++) {
      const toFirst = first.count < first.headBudget;
      const toSecond = second.count < second.headBudget;
      if (!toFirst && !toSecond) break;
      this.emitToken(arrays, token, toFirst, toSecond);
      if (toFirst) first.lastHeadToken = token;
      if (toSecond) second.lastHeadToken = token;
    }
    // Tail: tokens from the end backwards, down to the list's last head token, while it has room.
    for (let token = tokenCount - 1; token >= 0; token--) {
      const toFirst = token > first.lastHeadToken && first.count < first.limit;
      const toSecond = token > second.lastHeadToken && second.count < second.limit;
      if (!toFirst && !toSecond) break;
      this.emitToken(arrays, token, toFirst, toSecond);
    }
    releaseLargeScratch();
  }

  /**
   * featurize.ts's emitToken for both lists: the token, its word n-grams, then its character n-grams.
   * A list takes an id only while it has room, which is where featurize stops. State is held in locals
   * (an inactive list gets limit 0) because this loop is most of the featuriser's time.
   */
  private emitToken(arrays: TokenArrays, token: number, toFirst: boolean, toSecond: boolean): void {
    const first = this.first;
    const second = this.second;
    const basis = this.basis;
    const { hashes, isWord, charStart, charCount, isCut, chars } = arrays;
    const firstIds = first.ids;
    const secondIds = second.ids;
    const firstMask = first.mask;
    const secondMask = second.mask;
    const firstLimit = toFirst ? first.limit : 0;
    const secondLimit = toSecond ? second.limit : 0;
    let firstCount = first.count;
    let secondCount = second.count;
    let bucket = 0;
    let mixed = mixHash(hashes[token] ?? 0);
    if (firstCount < firstLimit) {
      bucket = mixed & firstMask;
      firstIds[firstCount++] = bucket === 0 ? 1 : bucket;
    }
    if (secondCount < secondLimit) {
      bucket = mixed & secondMask;
      secondIds[secondCount++] = bucket === 0 ? 1 : bucket;
    }
    const firstWords = toFirst ? first.wordNgrams : 0;
    const secondWords = toSecond ? second.wordNgrams : 0;
    const wordNgrams = Math.min(Math.max(firstWords, secondWords), token + 1);
    for (let n = 2; n <= wordNgrams; n++) {
      let hash = feedByte(basis, KIND_WORD_NGRAM_BASE + n);
      for (let part = token - n + 1; part <= token; part++) hash = feedWord(hash, hashes[part] ?? 0);
      mixed = mixHash(hash);
      if (n <= firstWords && firstCount < firstLimit) {
        bucket = mixed & firstMask;
        firstIds[firstCount++] = bucket === 0 ? 1 : bucket;
      }
      if (n <= secondWords && secondCount < secondLimit) {
        bucket = mixed & secondMask;
        secondIds[secondCount++] = bucket === 0 ? 1 : bucket;
      }
    }
    const firstMax = toFirst ? first.charMax : 0;
    const secondMax = toSecond ? second.charMax : 0;
    const maxLength = Math.max(firstMax, secondMax);
    if (isWord[token] === 1 && maxLength > 0) {
      const minLength = Math.min(firstMax === 0 ? maxLength : first.charMin, secondMax === 0 ? maxLength : second.charMin);
      const firstSizes = first.charSizes;
      const secondSizes = second.charSizes;
      // BEGIN + code points + END (END only when the whole word was kept); markers are negative.
      const sequence = charSequence;
      const start = charStart[token] ?? 0;
      const kept = charCount[token] ?? 0;
      let length = 0;
      sequence[length++] = -MARKER_BEGIN;
      for (let offset = 0; offset < kept; offset++) sequence[length++] = chars[start + offset] ?? 0;
      if (isCut[token] !== 1) sequence[length++] = -MARKER_END;
      for (let at = 0; at < length && (firstCount < firstLimit || secondCount < secondLimit); at++) {
        let hash = feedByte(basis, KIND_CHAR_NGRAM);
        const last = Math.min(length, at + maxLength);
        for (let position = at; position < last; position++) {
          const value = sequence[position] ?? 0;
          hash = value < 0 ? feedByte(hash, -value) : feedCodePoint(hash, value);
          const size = position - at + 1;
          if (size < minLength) continue;
          mixed = mixHash(hash);
          if (firstSizes[size] === 1 && firstCount < firstLimit) {
            bucket = mixed & firstMask;
            firstIds[firstCount++] = bucket === 0 ? 1 : bucket;
          }
          if (secondSizes[size] === 1 && secondCount < secondLimit) {
            bucket = mixed & secondMask;
            secondIds[secondCount++] = bucket === 0 ? 1 : bucket;
          }
        }
      }
    }
    first.count = firstCount;
    second.count = secondCount;
  }
}
