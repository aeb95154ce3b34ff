// Reads a judge model's reply. Judges are asked for one bare JSON object but answer in many ways:
// fenced, with prose around it, with a string score ("0.8"), with yes/no for pass, or truncated.
// The reader tries, in order: every balanced {...} in the text that parses and has `pass` or
// `score`; then loose `key: value` matches. Returns undefined when neither pass nor score is found.
import { isPlainObject, parseJson } from './json-values.ts';

export interface JudgeReading {
  pass?: boolean;
  /** Within [0, 1]; a score outside that range is dropped rather than guessed at. */
  score?: number;
  reason?: string;
}

export function readJudgeOutput(text: string): JudgeReading | undefined {
  for (const candidate of balancedObjects(text)) {
    const parsed = parseJson(candidate);
    if (!parsed.ok || !isPlainObject(parsed.value)) continue;
    const reading = normalise(parsed.value.pass, parsed.value.score, parsed.value.reason);
    if (reading !== undefined) return reading;
  }
  const pass = /["']?pass["']?\s*[:=]\s*["']?(true|false|yes|no)\b/iu.exec(text)?.[1];
  const score = /["']?score["']?\s*[:=]\s*["']?(-?\d+(?:\.\d+)?)/iu.exec(text)?.[1];
  const reason = /["']?reason["']?\s*[:=]\s*"((?:[^"\\]|\\.)*)"/iu.exec(text)?.[1];
  return normalise(pass, score, reason);
}

function normalise(passValue: unknown, scoreValue: unknown, reasonValue: unknown): JudgeReading | undefined {
  const pass = toBoolean(passValue);
  const score = toScore(scoreValue);
  if (pass === undefined && score === undefined) return undefined;
  const reading: JudgeReading = {};
  if (pass !== undefined) reading.pass = pass;
  if (score !== undefined) reading.score = score;
  if (typeof reasonValue === 'string' && reasonValue.trim() !== '') reading.reason = reasonValue.trim();
  return reading;
}

function toBoolean(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value !== 'string') return undefined;
  const word = value.trim().toLowerCase();
  if (word === 'true' || word === 'yes') return true;
  if (word === 'false' || word === 'no') return false;
  return undefined;
}

function toScore(value: unknown): number | undefined {
  const number = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : Number.NaN;
  return Number.isFinite(number) && number >= 0 && number <= 1 ? number : undefined;
}

/** Opening braces tried; a reply full of braces must not cost quadratic time. */
const MAX_STARTS = 32;

/** Substrings from a '{' to its matching '}', string-aware, in order of their start. */
function* balancedObjects(text: string): Generator<string> {
  const limit = Math.min(text.length, 50_000);
  let starts = 0;
  for (let start = text.indexOf('{'); start >= 0 && start < limit && starts < MAX_STARTS; start = text.indexOf('{', start + 1), starts += 1) {
    let depth = 0;
    let inString = false;
    for (let index = start; index < limit; index += 1) {
      const char = text[index];
      if (inString) {
        if (char === '\\') index += 1;
        else if (char === '"') inString = false;
        continue;
      }
      if (char === '"') inString = true;
      else if (char === '{') depth += 1;
      else if (char === '}') {
        depth -= 1;
        if (depth === 0) {
          yield text.slice(start, index + 1);
          break;
        }
      }
    }
  }
}
