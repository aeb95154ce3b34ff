// Reads the labelled prompts the demo draws from: training-data/prompts.jsonl, one JSON object a
// line with `prompt`, `label` (1 = a strong model is needed) and `task`.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface CorpusPrompt {
  id: string;
  prompt: string;
  /** 1 = a light model would likely fail; 0 = every tier answers it well. */
  label: 0 | 1;
  task: string;
}

export const DEFAULT_CORPUS_PATH = fileURLToPath(new URL('../../training-data/prompts.jsonl', import.meta.url));

export function loadCorpus(path: string = DEFAULT_CORPUS_PATH): CorpusPrompt[] {
  const rows: CorpusPrompt[] = [];
  const lines = readFileSync(path, 'utf8').split('\n');
  lines.forEach((line, position) => {
    if (line.trim() === '') return;
    const where = `${path}:${position + 1}`;
    const value: unknown = JSON.parse(line);
    if (typeof value !== 'object' || value === null) throw new Error(`${where}: expected a JSON object`);
    const row = value as Record<string, unknown>;
    if (typeof row.prompt !== 'string' || row.prompt.trim() === '') throw new Error(`${where}: missing "prompt"`);
    if (row.label !== 0 && row.label !== 1) throw new Error(`${where}: "label" must be 0 or 1`);
    rows.push({
      id: typeof row.id === 'string' ? row.id : `row-${position + 1}`,
      prompt: row.prompt,
      label: row.label,
      task: typeof row.task === 'string' ? row.task : 'unknown',
    });
  });
  if (rows.length === 0) throw new Error(`${path}: no prompts`);
  return rows;
}
