// The built-in encoder's featuriser: prompt text → bucket ids (hashed word n-grams and character n-grams).
// It runs on every scored request, so it builds no per-feature strings: one pass over the normalised
// text finds the tokens and hashes each token's UTF-8 bytes as it goes; n-gram features then chain those
// token hashes, and character n-grams are hashed from the kept code points.
// The rule (kept in step with README.md, because a trained model is only valid for the exact rule):
//   1. text.normalize('NFKC').toLowerCase(); whitespace, control and format characters separate tokens.
//   2. Tokens: maximal runs of letters/digits (\p{L}\p{N}), or one punctuation/symbol code point each.
//      Combining marks extend the token before them (dropped when nothing precedes them).
//   3. Features per token i: the token itself; word n-grams ending at i (n = 2..wordNgrams); for
//      word-run tokens, character n-grams (charNgramMin..charNgramMax code points) of BEGIN + word + END,
//      over at most the first 32 code points of the word (no END marker if the word was longer).
//   4. Hashing (feature-hash.ts): 32-bit FNV-1a from a seed-mixed basis. A token: its UTF-8 bytes. A word
//      n-gram: a kind byte, then the 32-bit hashes of its tokens. A character n-gram: a kind byte, then
//      UTF-8 bytes (markers as single control bytes). Then fmix32 and a mask to [0, buckets), 0 → 1:
//      bucket 0 is reserved as the single id of a text with no tokens.
//   5. Truncation: features are taken from the head of the prompt until half of maxFeatures is reached
//      (finishing the current token), then from the tail backwards until maxFeatures; the middle of an
//      over-long prompt is dropped. A prompt that fits keeps every feature. Order within the result is
//      unspecified (the encoder takes the mean), but deterministic.
import { RungError } from '../../../errors/rung-error.ts';
import { ASCII_CLASSES, CHAR_MARK, CHAR_SEPARATOR, CHAR_WORD, charClass } from './char-class.ts';
import { bucketOf, feedByte, feedCodePoint, feedWord, seededBasis } from './feature-hash.ts';

export interface FeaturizerSpec {
  version: 1;
  /** Number of hash buckets (rows of the embedding table); a power of two. */
  buckets: number;
  /** Longest word n-gram (1 = words only). */
  wordNgrams: number;
  /** Shortest character n-gram, in code points (boundary markers count as one). */
  charNgramMin: number;
  /** Longest character n-gram; 0 disables character n-grams. */
  charNgramMax: number;
  /** Most ids returned for one text (head + tail of the prompt, see the file comment). */
  maxFeatures: number;
  /** Mixed into every hash, so differently seeded specs give unrelated buckets. */
  seed: number;
}

export const DEFAULT_FEATURIZER_SPEC: FeaturizerSpec = Object.freeze({
  version: 1,
  buckets: 1 << 16,
  wordNgrams: 2,
  charNgramMin: 3,
  charNgramMax: 4,
  maxFeatures: 2048,
  seed: 0x5eed,
});

/** The id a text without any token maps to. */
export const EMPTY_TEXT_BUCKET = 0;

// Kind bytes start the byte string of n-gram features so kinds never collide; a word's own feature is
// just its UTF-8 bytes, whose first byte is never a control byte.
// (Exported for featurize-pair.ts, which must hash exactly as this file does.)
export const KIND_CHAR_NGRAM = 0x02;
export const KIND_WORD_NGRAM_BASE = 0x10;
export const MARKER_BEGIN = 0x03;
export const MARKER_END = 0x04;
/** Longest prefix of a word that contributes character n-grams; bounds work on base64 blobs and the like. */
export const CHAR_NGRAM_WORD_LIMIT = 32;
const MAX_WORD_NGRAMS = 8;

// Scratch buffers reused across calls (featurize is synchronous, so no call can interleave). Per token:
// its UTF-16 range is not needed after tokenising; what is kept is its content hash, whether it is a
// word run, and (for words) where its first code points sit in `wordChars`.
let tokenHashes = new Int32Array(256);
let tokenIsWord = new Uint8Array(256);
let tokenCharStart = new Int32Array(256);
let tokenCharCount = new Int32Array(256);
let tokenIsCut = new Uint8Array(256);
let wordChars = new Int32Array(256);
let features = new Int32Array(DEFAULT_FEATURIZER_SPEC.maxFeatures);

export function validateFeaturizerSpec(spec: FeaturizerSpec): void {
  const problems: string[] = [];
  if (spec.version !== 1) problems.push(`version must be 1, got ${String(spec.version)}`);
  if (!Number.isInteger(spec.buckets) || spec.buckets < 2 || spec.buckets > 1 << 30 || (spec.buckets & (spec.buckets - 1)) !== 0) {
    problems.push(`buckets must be a power of two between 2 and 2^30, got ${spec.buckets}`);
  }
  if (!Number.isInteger(spec.wordNgrams) || spec.wordNgrams < 1 || spec.wordNgrams > MAX_WORD_NGRAMS) {
    problems.push(`wordNgrams must be an integer in 1..${MAX_WORD_NGRAMS}, got ${spec.wordNgrams}`);
  }
  if (!Number.isInteger(spec.charNgramMax) || spec.charNgramMax < 0 || spec.charNgramMax > CHAR_NGRAM_WORD_LIMIT) {
    problems.push(`charNgramMax must be an integer in 0..${CHAR_NGRAM_WORD_LIMIT}, got ${spec.charNgramMax}`);
  }
  if (spec.charNgramMax > 0 && (!Number.isInteger(spec.charNgramMin) || spec.charNgramMin < 1 || spec.charNgramMin > spec.charNgramMax)) {
    problems.push(`charNgramMin must be an integer in 1..charNgramMax, got ${spec.charNgramMin}`);
  }
  if (!Number.isInteger(spec.maxFeatures) || spec.maxFeatures < 1) problems.push(`maxFeatures must be a positive integer, got ${spec.maxFeatures}`);
  if (!Number.isInteger(spec.seed) || spec.seed < 0 || spec.seed > 0xffffffff) problems.push(`seed must be a 32-bit unsigned integer, got ${spec.seed}`);
  if (problems.length > 0) throw new RungError('internal_error', `invalid featurizer spec: ${problems.join('; ')}`);
}

/** Scratch capacity kept between calls; a larger one (a huge prompt) is released after the call. */
const RETAINED_CAPACITY = 1 << 16;

/** Tokens and kept word characters never outnumber UTF-16 units, so `length` is always enough. */
function ensureCapacity(length: number): void {
  if (length <= tokenHashes.length) return;
  const size = Math.max(length, tokenHashes.length * 2);
  tokenHashes = new Int32Array(size);
  tokenIsWord = new Uint8Array(size);
  tokenCharStart = new Int32Array(size);
  tokenCharCount = new Int32Array(size);
  tokenIsCut = new Uint8Array(size);
  wordChars = new Int32Array(size);
}

/** Drops scratch grown by a huge prompt (call once the token arrays are no longer read). */
export function releaseLargeScratch(): void {
  if (tokenHashes.length <= RETAINED_CAPACITY) return;
  tokenHashes = new Int32Array(256);
  tokenIsWord = new Uint8Array(256);
  tokenCharStart = new Int32Array(256);
  tokenCharCount = new Int32Array(256);
  tokenIsCut = new Uint8Array(256);
  wordChars = new Int32Array(256);
}

/** Step 1 of the rule: the text the tokeniser sees. */
export function normaliseForFeatures(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

/** The per-token arrays the last tokenize() call filled; valid until the next featurize or tokenize call. */
export interface TokenArrays {
  hashes: Int32Array;
  isWord: Uint8Array;
  charStart: Int32Array;
  charCount: Int32Array;
  isCut: Uint8Array;
  chars: Int32Array;
}

export function tokenArrays(): TokenArrays {
  return { hashes: tokenHashes, isWord: tokenIsWord, charStart: tokenCharStart, charCount: tokenCharCount, isCut: tokenIsCut, chars: wordChars };
}

/**
 * Splits the normalised text into tokens in one pass, hashing each token's UTF-8 bytes as it goes and
 * keeping the first CHAR_NGRAM_WORD_LIMIT code points of each word for character n-grams.
 * Returns the token count.
 */
export function tokenize(text: string, basis: number): number {
  let count = 0;
  let open = false;
  let openIsWord = false;
  let hash = 0;
  let charsUsed = 0;
  const length = text.length;
  ensureCapacity(length);
  // Locals, not the module bindings: hot loops should not reload (and hole-check) module variables.
  const hashes = tokenHashes;
  const isWord = tokenIsWord;
  const charStarts = tokenCharStart;
  const charCounts = tokenCharCount;
  const isCut = tokenIsCut;
  const chars = wordChars;
  const asciiClasses = ASCII_CLASSES;
  for (let index = 0; index < length; ) {
    let codePoint = text.charCodeAt(index);
    let width = 1;
    if (codePoint >= 0xd800 && codePoint <= 0xdbff && index + 1 < length) {
      const low = text.charCodeAt(index + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        codePoint = ((codePoint - 0xd800) << 10) + (low - 0xdc00) + 0x10000;
        width = 2;
      }
    }
    index += width;
    const kind = codePoint < 0x80 ? (asciiClasses[codePoint] ?? CHAR_SEPARATOR) : charClass(codePoint);
    if (kind === CHAR_SEPARATOR) {
      if (open) hashes[count - 1] = hash;
      open = false;
    } else if (open && (kind === CHAR_MARK || (kind === CHAR_WORD && openIsWord))) {
      hash = feedCodePoint(hash, codePoint);
      if (openIsWord) {
        const token = count - 1;
        const used = charCounts[token] ?? 0;
        if (used < CHAR_NGRAM_WORD_LIMIT) {
          chars[charsUsed++] = codePoint;
          charCounts[token] = used + 1;
        } else {
          isCut[token] = 1;
        }
      }
    } else if (kind !== CHAR_MARK) {
      if (open) hashes[count - 1] = hash;
      hash = feedCodePoint(basis, codePoint);
      openIsWord = kind === CHAR_WORD;
      isWord[count] = openIsWord ? 1 : 0;
      isCut[count] = 0;
      charStarts[count] = charsUsed;
      charCounts[count] = 0;
      if (openIsWord) {
        chars[charsUsed++] = codePoint;
        charCounts[count] = 1;
      }
      open = true;
      count++;
    }
    // A mark with no open token (start of text, after whitespace) is dropped.
  }
  if (open) hashes[count - 1] = hash;
  return count;
}

const charSequence = new Int32Array(CHAR_NGRAM_WORD_LIMIT + 2);

/** Writes token `token`'s features into `features` from `count`, stopping at `limit`; returns the new count. */
function emitToken(spec: FeaturizerSpec, basis: number, mask: number, token: number, count: number, limit: number): number {
  const out = features;
  const sequence = charSequence;
  if (count < limit) out[count++] = bucketOf(tokenHashes[token] ?? 0, mask);
  const wordNgrams = spec.wordNgrams;
  for (let n = 2; n <= wordNgrams && n <= token + 1 && count < limit; n++) {
    let hash = feedByte(basis, KIND_WORD_NGRAM_BASE + n);
    for (let part = token - n + 1; part <= token; part++) hash = feedWord(hash, tokenHashes[part] ?? 0);
    out[count++] = bucketOf(hash, mask);
  }
  const maxLength = spec.charNgramMax;
  if (maxLength === 0 || tokenIsWord[token] !== 1) return count;
  const minLength = spec.charNgramMin;
  // BEGIN + code points + END (END only when the whole word was kept); markers are negative.
  const charStart = tokenCharStart[token] ?? 0;
  const charCount = tokenCharCount[token] ?? 0;
  let length = 0;
  sequence[length++] = -MARKER_BEGIN;
  for (let offset = 0; offset < charCount; offset++) sequence[length++] = wordChars[charStart + offset] ?? 0;
  if (tokenIsCut[token] !== 1) sequence[length++] = -MARKER_END;
  for (let first = 0; first < length && count < limit; first++) {
    let hash = feedByte(basis, KIND_CHAR_NGRAM);
    const last = Math.min(length, first + maxLength);
    for (let position = first; position < last; position++) {
      const value = sequence[position] ?? 0;
      hash = value < 0 ? feedByte(hash, -value) : feedCodePoint(hash, value);
      if (position - first + 1 >= minLength) {
        out[count++] = bucketOf(hash, mask);
        if (count >= limit) return count;
      }
    }
  }
  return count;
}

/** Bucket ids for one text, each in [0, spec.buckets); never empty (see the file comment for the rule). */
export function featurize(text: string, spec: FeaturizerSpec): Int32Array {
  validateFeaturizerSpec(spec);
  const basis = seededBasis(spec.seed);
  const tokenCount = tokenize(normaliseForFeatures(text), basis);
  if (tokenCount === 0) {
    releaseLargeScratch();
    return Int32Array.of(EMPTY_TEXT_BUCKET);
  }
  const maxFeatures = spec.maxFeatures;
  if (features.length < maxFeatures) features = new Int32Array(maxFeatures);
  const mask = spec.buckets - 1;
  const headBudget = Math.max(1, maxFeatures >> 1);
  let count = 0;
  let lastHeadToken = -1;
  while (lastHeadToken + 1 < tokenCount && count < headBudget) {
    lastHeadToken++;
    count = emitToken(spec, basis, mask, lastHeadToken, count, maxFeatures);
  }
  for (let token = tokenCount - 1; token > lastHeadToken && count < maxFeatures; token--) {
    count = emitToken(spec, basis, mask, token, count, maxFeatures);
  }
  releaseLargeScratch();
  return features.slice(0, count);
}
