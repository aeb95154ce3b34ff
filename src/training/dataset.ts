// Training data: JSONL files of labelled prompts, parsed strictly so a bad line names file:line.
//
// Accepted line shapes (one JSON object per line, blank lines ignored):
//   {"prompt": "...", "label": 0|1}                 label 1 = the strong tier was needed
//   {"prompt": "...", "strong": s, "weak": w}       s, w in [0, 1]: each tier's answer quality
// plus optional "id", "task", "source", "domain" strings.
//
// Target choice (documented in docs/scorer.md): target = max(0, strong − weak), the soft gap.
// For 0/1 outcomes that is exactly [strong > weak]; for graded outcomes (a judge score / 10) it
// keeps the size of the gain. `gap` keeps the signed strong − weak (negative when the cheap tier
// did better), which the kNN statistics use as a second signal. For `label` lines gap = label.
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { RungError } from '../errors/rung-error.ts';

export interface TrainingExample {
  id: string;
  prompt: string;
  /** In [0, 1]: how much the strong tier was needed. */
  target: number;
  /** In [−1, 1]: strong − weak quality, or the label for label-only rows. */
  gap: number;
  /** Present when the row gave both tier outcomes (needed by the routing metrics). */
  strong?: number;
  weak?: number;
  task?: string;
  source?: string;
  domain?: string;
}

export interface DatasetFile {
  path: string;
  sha256: string;
  rows: number;
}

export interface LoadedDataset {
  examples: TrainingExample[];
  files: DatasetFile[];
}

function fail(where: string, message: string): never {
  throw new RungError('invalid_request', `${where}: ${message}`);
}

function optionalString(value: unknown, field: string, where: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') fail(where, `"${field}" must be a string`);
  return value;
}

function unitNumber(value: unknown, field: string, where: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 1) {
    fail(where, `"${field}" must be a number in [0, 1]`);
  }
  return value;
}

/** Parses one JSONL line; `where` is "file:line" for error messages. */
export function parseExampleLine(line: string, where: string, fallbackId: string): TrainingExample {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch (error) {
    fail(where, `not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) fail(where, 'expected a JSON object');
  const record = parsed as Record<string, unknown>;
  if (typeof record.prompt !== 'string') fail(where, 'missing "prompt" (a string)');
  const id = optionalString(record.id, 'id', where) ?? fallbackId;
  const meta = {
    task: optionalString(record.task, 'task', where),
    source: optionalString(record.source, 'source', where),
    domain: optionalString(record.domain, 'domain', where),
  };
  const base = { id, prompt: record.prompt, ...definedOnly(meta) };
  if (record.strong !== undefined || record.weak !== undefined) {
    const strong = unitNumber(record.strong, 'strong', where);
    const weak = unitNumber(record.weak, 'weak', where);
    return { ...base, target: Math.max(0, strong - weak), gap: strong - weak, strong, weak };
  }
  if (record.label === undefined) fail(where, 'needs "label" (0 or 1) or both "strong" and "weak"');
  if (record.label !== 0 && record.label !== 1 && record.label !== true && record.label !== false) {
    fail(where, '"label" must be 0 or 1');
  }
  const label = record.label === 1 || record.label === true ? 1 : 0;
  return { ...base, target: label, gap: label };
}

function definedOnly<T extends Record<string, string | undefined>>(value: T): Partial<Record<keyof T, string>> {
  const out: Partial<Record<keyof T, string>> = {};
  for (const [key, entry] of Object.entries(value)) if (entry !== undefined) out[key as keyof T] = entry;
  return out;
}

/** Parses JSONL text. `name` is used in error messages and fallback ids. */
export function parseExamples(text: string, name: string): TrainingExample[] {
  const examples: TrainingExample[] = [];
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index++) {
    const line = (lines[index] ?? '').trim();
    if (line === '') continue;
    examples.push(parseExampleLine(line, `${name}:${index + 1}`, `${name}#${index + 1}`));
  }
  return examples;
}

export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Loads one or more files ("a.jsonl,b.jsonl" or an array). Duplicate ids across files are an error. */
export function loadDataset(paths: string | readonly string[]): LoadedDataset {
  const list = (typeof paths === 'string' ? paths.split(',') : [...paths]).map((p) => p.trim()).filter(Boolean);
  if (list.length === 0) throw new RungError('invalid_request', 'no data files given');
  const examples: TrainingExample[] = [];
  const files: DatasetFile[] = [];
  const seen = new Map<string, string>();
  for (const path of list) {
    let bytes: Buffer;
    try {
      bytes = readFileSync(path);
    } catch (error) {
      throw new RungError('invalid_request', `cannot read ${path}: ${error instanceof Error ? error.message : String(error)}`);
    }
    const parsed = parseExamples(bytes.toString('utf8'), path);
    for (const example of parsed) {
      const previous = seen.get(example.id);
      if (previous !== undefined) {
        throw new RungError('invalid_request', `${path}: duplicate id "${example.id}" (first seen in ${previous})`);
      }
      seen.set(example.id, path);
    }
    examples.push(...parsed);
    files.push({ path, sha256: sha256Hex(bytes), rows: parsed.length });
  }
  return { examples, files };
}

/**
 * Extension point for other example sources (the outcome store): anything that yields
 * `TrainingExample[]` can be appended to a loaded dataset under a named, hashed pseudo-file.
 */
export type ExampleSupplier = () => TrainingExample[] | Promise<TrainingExample[]>;

export async function withSuppliedExamples(
  dataset: LoadedDataset,
  name: string,
  supplier: ExampleSupplier,
): Promise<LoadedDataset> {
  const supplied = await supplier();
  const digest = sha256Hex(JSON.stringify(supplied.map((e) => [e.id, e.prompt, e.target, e.gap])));
  return {
    examples: [...dataset.examples, ...supplied],
    files: [...dataset.files, { path: name, sha256: digest, rows: supplied.length }],
  };
}
