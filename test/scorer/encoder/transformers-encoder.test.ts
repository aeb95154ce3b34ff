import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RungError } from '../../../src/errors/rung-error.ts';
import { TransformersEncoder } from '../../../src/scorer/encoder/transformers-encoder.ts';
import { HIDDEN, TYPE_ROW_0, tokenId, wordRow, writeTinyBertFolder } from './tiny-bert.ts';

/** Hand computation: tokens → rows (+ type row 0), then mean or first row, then optional L2. */
function expected(tokens: string[], pooling: 'mean' | 'cls', normalize: boolean): number[] {
  const rows = tokens.map((token) => wordRow(tokenId(token)).map((value, column) => value + (TYPE_ROW_0[column] ?? 0)));
  const pooled = pooling === 'cls' ? (rows[0] ?? []) : Array.from({ length: HIDDEN }, (_, column) => rows.reduce((sum, row) => sum + (row[column] ?? 0), 0) / rows.length);
  if (!normalize) return pooled;
  const norm = Math.sqrt(pooled.reduce((sum, value) => sum + value * value, 0));
  return pooled.map((value) => value / norm);
}

function expectClose(actual: Float32Array | undefined, wanted: number[]): void {
  expect(actual).toBeDefined();
  expect(actual?.length).toBe(wanted.length);
  wanted.forEach((value, index) => expect(actual?.[index]).toBeCloseTo(value, 5));
}

describe('TransformersEncoder', () => {
  let root = '';
  let folder = '';

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'rung-transformers-'));
    folder = join(root, 'tiny-bert');
    await writeTinyBertFolder(folder);
  });

  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('mean-pools over real tokens only and L2-normalises', async () => {
    const encoder = await TransformersEncoder.load({ folder, pooling: 'mean', normalize: true });
    try {
      expect(encoder.dimensions).toBe(HIDDEN);
      // A batch forces padding of the shorter text; padding must not change its vector.
      const [short, long] = await encoder.embed(['Hello', 'hello world routes the model']);
      expectClose(short, expected(['[CLS]', 'hello', '[SEP]'], 'mean', true));
      expectClose(long, expected(['[CLS]', 'hello', 'world', 'route', '##s', 'the', 'model', '[SEP]'], 'mean', true));
      const [alone] = await encoder.embed(['Hello']);
      expectClose(alone, [...(short ?? [])]);
      const norm = Math.sqrt([...(long ?? [])].reduce((sum, value) => sum + value * value, 0));
      expect(norm).toBeCloseTo(1, 5);
    } finally {
      await encoder.close();
    }
  });

  it('supports CLS pooling without normalisation, unknown words and truncation', async () => {
    const encoder = await TransformersEncoder.load({ folder, pooling: 'cls', normalize: false, maxLength: 4, id: 'tiny' });
    try {
      expect(encoder.id).toBe('tiny');
      const [vector] = await encoder.embed(['zebra rung rung rung rung rung']);
      expectClose(vector, expected(['[CLS]'], 'cls', false));
      const meanEncoder = await TransformersEncoder.load({ folder, pooling: 'mean', normalize: false, maxLength: 4 });
      try {
        // maxLength 4 keeps the first four tokens of the post-processed sequence: transformers.js v4
        // cuts after adding [CLS]/[SEP], so the final [SEP] is dropped (Python transformers keeps it).
        const [truncated] = await meanEncoder.embed(['zebra rung rung rung rung rung']);
        expectClose(truncated, expected(['[CLS]', '[UNK]', 'rung', 'rung'], 'mean', false));
        const [whole] = await meanEncoder.embed(['zebra rung']);
        expectClose(whole, expected(['[CLS]', '[UNK]', 'rung', '[SEP]'], 'mean', false));
      } finally {
        await meanEncoder.close();
      }
    } finally {
      await encoder.close();
    }
    expect(await encoder.embed([]).catch((error: unknown) => error)).toBeInstanceOf(RungError);
  });

  it('fails at load with the folder and the missing file named', async () => {
    const missingFolder = join(root, 'does-not-exist');
    await expect(TransformersEncoder.load({ folder: missingFolder, pooling: 'mean', normalize: true })).rejects.toThrow(missingFolder);
    for (const file of ['tokenizer.json', 'config.json', 'onnx/model.onnx']) {
      const partial = join(root, `without-${file.replace('/', '-')}`);
      await writeTinyBertFolder(partial, { skip: file });
      const error = await TransformersEncoder.load({ folder: partial, pooling: 'mean', normalize: true }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(RungError);
      expect(String((error as Error).message)).toContain(partial);
      expect(String((error as Error).message)).toContain(file);
    }
    // Asking for the quantised file names that file.
    await expect(TransformersEncoder.load({ folder, pooling: 'mean', normalize: true, dtype: 'q8' })).rejects.toThrow('onnx/model_quantized.onnx');
  });
});
