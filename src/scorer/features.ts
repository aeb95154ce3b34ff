// Cheap hand features of a prompt: signals of difficulty that do not depend on the topic, so
// they carry over to subjects the scorer never saw. All are O(length) regex/scan counts; counts
// are log1p-compressed so one very long prompt does not dominate the head's scale.

export const HAND_FEATURE_NAMES = [
  'log_chars',
  'log_words',
  'mean_word_length',
  'log_lines',
  'log_sentences',
  'code_blocks',
  'code_tokens',
  'log_numbers',
  'log_math_symbols',
  'digit_share',
  'questions',
  'enumerated_parts',
  'constraint_words',
  'choice_options',
  'mean_option_length',
  'longest_option_share',
  'numeric_options',
  'reasoning_cues',
  'negation_cues',
  'statement_pairs',
  'roman_combinations',
  'non_ascii_share',
  'uppercase_share',
  'stem_share',
] as const;

export const HAND_FEATURE_COUNT = HAND_FEATURE_NAMES.length;

const CONSTRAINT_WORDS =
  /\b(?:must|exactly|at (?:least|most)|no more than|without|only|ensure|should|format|limit|words?|bullet|json|table|concise|each|every|all of)\b/gi;
const REASONING_CUES =
  /\b(?:prove|derive|explain|why|step[- ]by[- ]step|calculate|compute|how (?:many|much)|solve|evaluate|estimate|determine|analy[sz]e|compare|justify|implies|therefore|suppose|assume|if and only if|probability|expected|rate|total|remaining|percent)\b/gi;
const NEGATION_CUES = /\b(?:NOT|EXCEPT|LEAST|FALSE|never|incorrect|cannot)\b/g;
const MATH_SYMBOLS = /[=+\-*/^<>≤≥≠√∑∫πθλμσ∞±×÷%$|]/g;
const NUMBERS = /\d+(?:[.,]\d+)?/g;
const CODE_TOKENS = /(?:\bdef |\bfunction\b|\breturn\b|\bclass |=>|\bconst |\bimport |#include|[{};]\s*$)/gm;
const CHOICE_LINE = /^\s*(?:\(?[A-Ja-j][.):])\s+(.*)$/gm;
const ENUMERATED = /^\s*(?:\d+[.)]|[-*•]|\([a-z0-9]+\))\s+/gm;
const STATEMENT_PAIR = /Statement \d\s*\|/g;
const ROMAN_COMBO = /\b(?:I{1,3}|IV|V)(?:,| and| only)\s/g;
const SENTENCE_END = /[.!?](?:\s|$)/g;
const CODE_FENCE = /```/g;
const QUESTION_MARK = /\?/g;
const NUMERIC_OPTION = /^[-\d.,/\s$%]+$/;

function countMatches(text: string, pattern: RegExp): number {
  pattern.lastIndex = 0;
  let count = 0;
  while (pattern.exec(text) !== null) count++;
  return count;
}

// Per UTF-16 unit, the classes the counting loop needs, as bits. A branchy loop over the text paid a
// mispredicted branch at most letter/space boundaries (about 12 ns per character, a third of the hand
// features on long prompts); table lookups and bit arithmetic count the same things without branches.
const DIGIT = 1;
const UPPERCASE = 2;
const LETTER = 4;
const NEWLINE = 8;
const SPACE = 16;
const NON_ASCII = 32;
const UNIT_FLAGS = new Uint8Array(0x10000);
for (let code = 0; code < UNIT_FLAGS.length; code++) {
  let flags = 0;
  if (code >= 48 && code <= 57) flags |= DIGIT;
  else if (code >= 65 && code <= 90) flags |= UPPERCASE | LETTER;
  else if (code >= 97 && code <= 122) flags |= LETTER;
  else if (code > 127) flags |= NON_ASCII;
  if (code === 10) flags |= NEWLINE;
  if (code === 32 || code === 10 || code === 9 || code === 13) flags |= SPACE;
  UNIT_FLAGS[code] = flags;
}

/** Writes the features of `text` into `out` starting at `offset`; returns `out`. */
export function handFeatures(text: string, out: Float32Array = new Float32Array(HAND_FEATURE_COUNT), offset = 0): Float32Array {
  const length = text.length;
  let digits = 0;
  let uppercase = 0;
  let letters = 0;
  let nonAscii = 0;
  let lines = 1;
  let words = 0;
  // 1 while inside a run of non-space units; a word starts at each non-space unit after a space.
  let inWord = 0;
  const unitFlags = UNIT_FLAGS;
  for (let i = 0; i < length; i++) {
    const flags = unitFlags[text.charCodeAt(i)] ?? 0;
    digits += flags & DIGIT;
    uppercase += (flags & UPPERCASE) >> 1;
    letters += (flags & LETTER) >> 2;
    lines += (flags & NEWLINE) >> 3;
    nonAscii += (flags & NON_ASCII) >> 5;
    const nonSpace = ((flags & SPACE) >> 4) ^ 1;
    words += nonSpace & (inWord ^ 1);
    inWord = nonSpace;
  }
  // Options of a multiple-choice question: their count, size and whether they are numeric.
  let options = 0;
  let optionChars = 0;
  let longestOption = 0;
  let numericOptions = 0;
  CHOICE_LINE.lastIndex = 0;
  let firstOptionAt = length;
  for (let match = CHOICE_LINE.exec(text); match !== null; match = CHOICE_LINE.exec(text)) {
    const body = match[1] ?? '';
    options++;
    optionChars += body.length;
    longestOption = Math.max(longestOption, body.length);
    if (NUMERIC_OPTION.test(body)) numericOptions++;
    firstOptionAt = Math.min(firstOptionAt, match.index);
  }
  const values = [
    Math.log1p(length),
    Math.log1p(words),
    words === 0 ? 0 : Math.min(letters / words, 20) / 10,
    Math.log1p(lines),
    Math.log1p(countMatches(text, SENTENCE_END)),
    Math.log1p(countMatches(text, CODE_FENCE) / 2),
    Math.log1p(countMatches(text, CODE_TOKENS)),
    Math.log1p(countMatches(text, NUMBERS)),
    Math.log1p(countMatches(text, MATH_SYMBOLS)),
    length === 0 ? 0 : digits / length,
    Math.log1p(countMatches(text, QUESTION_MARK)),
    Math.log1p(countMatches(text, ENUMERATED)),
    Math.log1p(countMatches(text, CONSTRAINT_WORDS)),
    Math.log1p(options),
    options === 0 ? 0 : Math.log1p(optionChars / options),
    optionChars === 0 ? 0 : longestOption / optionChars,
    options === 0 ? 0 : numericOptions / options,
    Math.log1p(countMatches(text, REASONING_CUES)),
    Math.log1p(countMatches(text, NEGATION_CUES)),
    Math.log1p(countMatches(text, STATEMENT_PAIR)),
    Math.log1p(countMatches(text, ROMAN_COMBO)),
    length === 0 ? 0 : nonAscii / length,
    letters === 0 ? 0 : uppercase / letters,
    length === 0 ? 1 : firstOptionAt / length,
  ];
  for (let i = 0; i < values.length; i++) out[offset + i] = values[i] ?? 0;
  return out;
}
