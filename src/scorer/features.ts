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

function countMatches(text: string, pattern: RegExp): number {
  pattern.lastIndex = 0;
  let count = 0;
  while (pattern.exec(text) !== null) count++;
  return count;
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
  let inWord = false;
  for (let i = 0; i < length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 48 && code <= 57) digits++;
    else if (code >= 65 && code <= 90) {
      uppercase++;
      letters++;
    } else if (code >= 97 && code <= 122) letters++;
    else if (code > 127) nonAscii++;
    if (code === 10) lines++;
    const space = code === 32 || code === 10 || code === 9 || code === 13;
    if (!space && !inWord) words++;
    inWord = !space;
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
    if (/^[-\d.,/\s$%]+$/.test(body)) numericOptions++;
    firstOptionAt = Math.min(firstOptionAt, match.index);
  }
  const values = [
    Math.log1p(length),
    Math.log1p(words),
    words === 0 ? 0 : Math.min(letters / words, 20) / 10,
    Math.log1p(lines),
    Math.log1p(countMatches(text, SENTENCE_END)),
    Math.log1p(countMatches(text, /```/g) / 2),
    Math.log1p(countMatches(text, CODE_TOKENS)),
    Math.log1p(countMatches(text, NUMBERS)),
    Math.log1p(countMatches(text, MATH_SYMBOLS)),
    length === 0 ? 0 : digits / length,
    Math.log1p(countMatches(text, /\?/g)),
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
