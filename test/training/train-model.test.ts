// End to end on a small synthetic set: train → write → load (checksums) → score.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadScorerModel } from '../../src/scorer/scorer.ts';
import { trainScorer } from '../../src/training/train.ts';
import { writeScorerModel } from '../../src/training/write-model.ts';
import { FAST_OPTIONS, syntheticExamples } from './synthetic.ts';

const examples = syntheticExamples(300);
const sources = [{ path: '/somewhere/private/synthetic.jsonl', sha256: 'a'.repeat(64), rows: examples.length }];

function trainInto(directory: string, seed = 3): void {
  writeScorerModel(directory, trainScorer(examples, { ...FAST_OPTIONS, seed }), sources, new Date('2025-01-01T00:00:00Z'));
}

function copyModel(from: string): string {
  const to = mkdtempSync(join(tmpdir(), 'rung-model-copy-'));
  for (const name of readdirSync(from)) writeFileSync(join(to, name), readFileSync(join(from, name)));
  return to;
}

describe('scorer model round trip', () => {
  let directory = '';
  beforeAll(() => {
    directory = mkdtempSync(join(tmpdir(), 'rung-model-'));
    trainInto(directory);
  });

  it('writes a manifest with version, checksums, sources (file name only), rows, seed and thresholds', () => {
    const manifest = JSON.parse(readFileSync(join(directory, 'manifest.json'), 'utf8')) as Record<string, unknown> & {
      files: Record<string, string>;
      training: { sources: { name: string }[]; seed: number; rows: { total: number } };
      thresholds: Record<string, number>;
    };
    expect(manifest.format_version).toBe(2);
    expect(Object.keys(manifest.files).sort()).toEqual(['encoder.onnx', 'head.json', 'knn-index.bin', 'lexical.bin', 'neighbours.json']);
    expect(manifest.training.sources).toEqual([{ name: 'synthetic.jsonl', sha256: 'a'.repeat(64), rows: 300 }]);
    expect(manifest.training.seed).toBe(3);
    expect(manifest.training.rows.total).toBe(300);
    expect(manifest.thresholds.cost_optimized).toBeGreaterThanOrEqual(manifest.thresholds.quality_first ?? Infinity);
    // No prompt text is stored anywhere in the model directory.
    for (const name of readdirSync(directory)) expect(readFileSync(join(directory, name)).includes('eigenvalues')).toBe(false);
  });

  it('loads and scores: hard prompts score higher than easy ones, with neighbours and a task class', async () => {
    const scorer = await loadScorerModel(directory);
    try {
      const hard = await scorer.score({ text: 'prove that the integral of vector 42 when x = 3?' }, { neighbours: true });
      const easy = await scorer.score({ text: 'say hello to garden' });
      expect(hard.score).toBeGreaterThan(easy.score);
      expect(hard.score).toBeGreaterThanOrEqual(0);
      expect(hard.score).toBeLessThanOrEqual(1);
      expect(hard.taskClass).toBe('reasoning');
      expect(easy.taskClass).toBe('chat');
      expect(hard.neighbours?.length).toBe(8);
      expect(hard.neighbours?.[0]?.similarity).toBeGreaterThan(0.5);
    } finally {
      await scorer.close();
    }
  });

  it('refuses a tampered file, naming it', async () => {
    const copy = copyModel(directory);
    // One extra byte: still valid JSON, but no longer the file the manifest describes.
    writeFileSync(join(copy, 'head.json'), `${readFileSync(join(copy, 'head.json'), 'utf8')} `);
    await expect(loadScorerModel(copy)).rejects.toThrow(/checksum mismatch for .*head\.json/);
  });

  it('refuses a different format version with a clear message', async () => {
    const copy = copyModel(directory);
    const manifest = JSON.parse(readFileSync(join(copy, 'manifest.json'), 'utf8')) as { format_version: number };
    manifest.format_version = 99;
    writeFileSync(join(copy, 'manifest.json'), JSON.stringify(manifest));
    await expect(loadScorerModel(copy)).rejects.toThrow(/format_version 99, this Rung reads 1 or 2/);
  });

  it('still reads a format version 1 directory (a logistic head) and scores with it', async () => {
    const v1 = mkdtempSync(join(tmpdir(), 'rung-model-v1-'));
    writeScorerModel(v1, trainScorer(examples, { ...FAST_OPTIONS, seed: 3, headGate: 'none' }), sources, new Date('2025-01-01T00:00:00Z'));
    const manifest = JSON.parse(readFileSync(join(v1, 'manifest.json'), 'utf8')) as { format_version: number };
    manifest.format_version = 1;
    writeFileSync(join(v1, 'manifest.json'), JSON.stringify(manifest));
    const scorer = await loadScorerModel(v1);
    try {
      const hard = await scorer.score({ text: 'prove that the integral of vector 42 when x = 3?' });
      const easy = await scorer.score({ text: 'say hello to garden' });
      expect(hard.score).toBeGreaterThan(easy.score);
    } finally {
      await scorer.close();
    }
  });

  it('is deterministic: the same seed gives the same bytes in every file but the manifest date', () => {
    const again = mkdtempSync(join(tmpdir(), 'rung-model-again-'));
    writeScorerModel(again, trainScorer(examples, { ...FAST_OPTIONS, seed: 3 }), sources, new Date('2030-06-01T00:00:00Z'));
    for (const name of readdirSync(directory)) {
      const first = readFileSync(join(directory, name), 'utf8');
      const second = readFileSync(join(again, name), 'utf8');
      if (name === 'manifest.json') expect(second.replace(/"created": "[^"]+"/, '')).toBe(first.replace(/"created": "[^"]+"/, ''));
      else expect(readFileSync(join(again, name)).equals(readFileSync(join(directory, name)))).toBe(true);
    }
  });
});
