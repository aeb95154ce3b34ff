// Hash primitives of the featuriser: 32-bit FNV-1a fed one byte (or one code point's UTF-8 bytes, or
// one 32-bit word's little-endian bytes) at a time, so no feature string is ever built; and the final
// mapping of a hash to a bucket. Changing anything here changes every bucket id: trained models are
// only valid with the exact hashing they were trained with.

const FNV_OFFSET_BASIS = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
const SEED_MULTIPLIER = 0x9e3779b1;

/** The FNV-1a state every feature hash starts from, mixed with the spec's seed. */
export function seededBasis(seed: number): number {
  return Math.imul(FNV_OFFSET_BASIS ^ Math.imul(seed, SEED_MULTIPLIER), FNV_PRIME);
}

export function feedByte(hash: number, byte: number): number {
  return Math.imul(hash ^ byte, FNV_PRIME);
}

/** Feeds the four little-endian bytes of a 32-bit value (used to chain token hashes into n-grams). */
export function feedWord(hash: number, word: number): number {
  hash = Math.imul(hash ^ (word & 0xff), FNV_PRIME);
  hash = Math.imul(hash ^ ((word >>> 8) & 0xff), FNV_PRIME);
  hash = Math.imul(hash ^ ((word >>> 16) & 0xff), FNV_PRIME);
  return Math.imul(hash ^ (word >>> 24), FNV_PRIME);
}

/** Feeds the UTF-8 encoding of one code point (lone surrogates never reach here: they are separators). */
export function feedCodePoint(hash: number, codePoint: number): number {
  if (codePoint < 0x80) return Math.imul(hash ^ codePoint, FNV_PRIME);
  if (codePoint < 0x800) {
    hash = Math.imul(hash ^ (0xc0 | (codePoint >> 6)), FNV_PRIME);
    return Math.imul(hash ^ (0x80 | (codePoint & 0x3f)), FNV_PRIME);
  }
  if (codePoint < 0x10000) {
    hash = Math.imul(hash ^ (0xe0 | (codePoint >> 12)), FNV_PRIME);
    hash = Math.imul(hash ^ (0x80 | ((codePoint >> 6) & 0x3f)), FNV_PRIME);
    return Math.imul(hash ^ (0x80 | (codePoint & 0x3f)), FNV_PRIME);
  }
  hash = Math.imul(hash ^ (0xf0 | (codePoint >> 18)), FNV_PRIME);
  hash = Math.imul(hash ^ (0x80 | ((codePoint >> 12) & 0x3f)), FNV_PRIME);
  hash = Math.imul(hash ^ (0x80 | ((codePoint >> 6) & 0x3f)), FNV_PRIME);
  return Math.imul(hash ^ (0x80 | (codePoint & 0x3f)), FNV_PRIME);
}

/**
 * Maps a hash to a bucket in [1, buckets): murmur3's fmix32 first (FNV's low bits mix poorly), then a
 * mask (buckets is a power of two; a mask avoids an integer division per feature). The one hash in
 * `buckets` that lands on 0 goes to 1, because bucket 0 is reserved for text without tokens.
 */
export function bucketOf(hash: number, mask: number): number {
  const bucket = mixHash(hash) & mask;
  return bucket === 0 ? 1 : bucket;
}

/**
 * murmur3's fmix32: the part of bucketOf that does not depend on the bucket count, so a featuriser
 * serving two specs with the same seed mixes each n-gram hash once and masks it twice.
 */
export function mixHash(hash: number): number {
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  return hash ^ (hash >>> 16);
}
