// Code-point classes for the featuriser's tokeniser. Classifying with a regular expression per character
// would dominate featurisation time, so classes are looked up in a table filled one 256-code-point block
// at a time, the first time a block is seen (ASCII is filled at load). Memory stays proportional to the
// scripts actually met, at most ~1.1 MB.

/** Whitespace, control, format (ZWJ, bidi marks) and lone surrogates: separate tokens, never part of one. */
export const CHAR_SEPARATOR = 0;
/** Letters and digits (\p{L}\p{N}): form word runs. */
export const CHAR_WORD = 1;
/** Combining marks (\p{M}, including variation selectors): extend the token before them. */
export const CHAR_MARK = 2;
/** Punctuation, symbols, private-use and unassigned code points: each is a token on its own. */
export const CHAR_SYMBOL = 3;

const BLOCK_BITS = 8;
const BLOCK_SIZE = 1 << BLOCK_BITS;
const BLOCK_COUNT = 0x110000 >> BLOCK_BITS;

const SEPARATOR_PATTERN = /^[\s\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}\p{Zs}]$/u;
const WORD_PATTERN = /^[\p{L}\p{N}]$/u;
const MARK_PATTERN = /^\p{M}$/u;

const blocks: (Uint8Array | undefined)[] = new Array<Uint8Array | undefined>(BLOCK_COUNT);

function classifySlow(codePoint: number): number {
  // Lone surrogates cannot round-trip through String.fromCodePoint as a matchable code point.
  if (codePoint >= 0xd800 && codePoint <= 0xdfff) return CHAR_SEPARATOR;
  const character = String.fromCodePoint(codePoint);
  if (SEPARATOR_PATTERN.test(character)) return CHAR_SEPARATOR;
  if (WORD_PATTERN.test(character)) return CHAR_WORD;
  if (MARK_PATTERN.test(character)) return CHAR_MARK;
  return CHAR_SYMBOL;
}

function fillBlock(blockIndex: number): Uint8Array {
  const block = new Uint8Array(BLOCK_SIZE);
  const base = blockIndex << BLOCK_BITS;
  for (let offset = 0; offset < BLOCK_SIZE; offset++) block[offset] = classifySlow(base + offset);
  blocks[blockIndex] = block;
  return block;
}

const asciiBlock = fillBlock(0);
/** Classes of U+0000..U+007F, for callers that test ASCII inline before calling charClass. */
export const ASCII_CLASSES: Uint8Array = asciiBlock.subarray(0, 0x80);

/** The class of one code point (one of the CHAR_* constants). */
export function charClass(codePoint: number): number {
  if (codePoint < BLOCK_SIZE) return asciiBlock[codePoint] ?? CHAR_SEPARATOR;
  const blockIndex = codePoint >> BLOCK_BITS;
  const block = blocks[blockIndex] ?? fillBlock(blockIndex);
  return block[codePoint & (BLOCK_SIZE - 1)] ?? CHAR_SEPARATOR;
}
