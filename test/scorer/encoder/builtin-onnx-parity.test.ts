import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RungError } from '../../../src/errors/rung-error.ts';
import { canonicalSpecJson, exportBuiltinEncoderOnnx } from '../../../src/scorer/encoder/builtin/export-onnx.ts';
import { roundToFloat16, toFloat16Bits } from './float16.ts';
import { featurize, type FeaturizerSpec } from '../../../src/scorer/encoder/builtin/featurize.ts';
import { BuiltinOnnxEncoder } from '../../../src/scorer/encoder/builtin/onnx-encoder.ts';
import { SeededRandom } from '../../../src/scorer/encoder/builtin/prng.ts';
import { embedReference, initBuiltinEncoderWeights, int8Columns, quantizeToInt8, type BuiltinEncoderWeights } from '../../../src/scorer/encoder/builtin/weights.ts';
import { readOnnxModelSummary } from '../../../src/scorer/onnx/onnx-reader.ts';
import { attribute, writeOnnxModel } from '../../../src/scorer/onnx/onnx-writer.ts';
import { parityCorpus } from './parity-corpus.ts';

const spec: FeaturizerSpec = { version: 1, buckets: 1 << 12, wordNgrams: 2, charNgramMin: 3, charNgramMax: 5, maxFeatures: 1024, seed: 7 };
const EMBEDDING_DIM = 24;
const OUTPUT_DIM = 12;

/** Random weights scaled up so tanh saturates for some inputs and int8 rounding is visible. */
function spreadWeights(): BuiltinEncoderWeights {
  const weights = initBuiltinEncoderWeights(spec, EMBEDDING_DIM, OUTPUT_DIM, 11);
  const random = new SeededRandom(12);
  for (let index = 0; index < weights.embedding.length; index++) weights.embedding[index] = (weights.embedding[index] ?? 0) * 8;
  for (let index = 0; index < weights.denseBias.length; index++) weights.denseBias[index] = random.nextFloat() - 0.5;
  return weights;
}

function norm(vector: Float32Array): number {
  return Math.sqrt(vector.reduce((sum, value) => sum + value * value, 0));
}

function cosine(left: Float32Array, right: Float32Array): number {
  let dot = 0;
  for (let index = 0; index < left.length; index++) dot += (left[index] ?? 0) * (right[index] ?? 0);
  return dot / (norm(left) * norm(right));
}

/** The graph exportBuiltinEncoderOnnx wrote before batching (kind /1: ids [n] → embedding [1, out]). */
function exportSingleTextGraph(source: BuiltinEncoderWeights): Uint8Array {
  const { spec: featurizer, embeddingDim, outputDim } = source;
  return writeOnnxModel(
    {
      name: 'legacy_encoder',
      inputs: [{ name: 'ids', dataType: 'int64', shape: ['feature_count'] }],
      outputs: [{ name: 'embedding', dataType: 'float', shape: [1, outputDim] }],
      initializers: [
        { name: 'table', dataType: 'float16', dims: [featurizer.buckets, embeddingDim], data: toFloat16Bits(source.embedding) },
        { name: 'w', dataType: 'float', dims: [embeddingDim, outputDim], data: source.dense },
        { name: 'b', dataType: 'float', dims: [outputDim], data: source.denseBias },
        { name: 'eps', dataType: 'float', dims: [], data: Float32Array.of(1e-12) },
      ],
      nodes: [
        { opType: 'Gather', inputs: ['table', 'ids'], outputs: ['rows16'], attributes: [attribute.int('axis', 0)] },
        { opType: 'Cast', inputs: ['rows16'], outputs: ['rows'], attributes: [attribute.int('to', 1)] },
        { opType: 'ReduceMean', inputs: ['rows'], outputs: ['mean'], attributes: [attribute.ints('axes', [0]), attribute.int('keepdims', 1)] },
        { opType: 'MatMul', inputs: ['mean', 'w'], outputs: ['projected'] },
        { opType: 'Add', inputs: ['projected', 'b'], outputs: ['biased'] },
        { opType: 'Tanh', inputs: ['biased'], outputs: ['activated'] },
        { opType: 'ReduceL2', inputs: ['activated'], outputs: ['norm'], attributes: [attribute.ints('axes', [1]), attribute.int('keepdims', 1)] },
        { opType: 'Max', inputs: ['norm', 'eps'], outputs: ['divisor'] },
        { opType: 'Div', inputs: ['activated', 'divisor'], outputs: ['embedding'] },
      ],
    },
    { opsetVersion: 17, irVersion: 8, metadata: { 'rung.encoder_kind': 'rung-builtin-hashed-encoder/1', 'rung.featurizer_spec': canonicalSpecJson(featurizer), 'rung.output_dim': String(outputDim) } },
  );
}

describe('built-in encoder: TypeScript reference vs exported ONNX', () => {
  let folder = '';
  let modelPath = '';
  let weights: BuiltinEncoderWeights;
  let encoder: BuiltinOnnxEncoder;

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'rung-encoder-'));
    modelPath = join(folder, 'encoder.onnx');
    weights = spreadWeights();
    await writeFile(modelPath, exportBuiltinEncoderOnnx(weights));
    encoder = await BuiltinOnnxEncoder.load(modelPath, spec);
  });

  afterAll(async () => {
    await encoder.close();
    await rm(folder, { recursive: true, force: true });
  });

  it('matches the reference forward pass on 240 varied prompts', async () => {
    const reference = quantizeToInt8(weights);
    const corpus = parityCorpus(240, 99);
    expect(corpus.length).toBe(240);
    let largestDifference = 0;
    let smallestCosine = 1;
    for (const text of corpus) {
      const ids = featurize(text, spec);
      const expected = embedReference(reference, ids);
      const actual = await encoder.embedOne(text);
      expect(actual.length).toBe(OUTPUT_DIM);
      for (let index = 0; index < OUTPUT_DIM; index++) largestDifference = Math.max(largestDifference, Math.abs((actual[index] ?? 0) - (expected[index] ?? 0)));
      smallestCosine = Math.min(smallestCosine, cosine(actual, expected));
      expect(norm(actual)).toBeCloseTo(1, 4);
    }
    expect(largestDifference).toBeLessThan(2e-3);
    expect(smallestCosine).toBeGreaterThan(0.999);
  });

  it('stays close to the unquantised weights (int8 only costs precision)', async () => {
    for (const text of ['Refactor this TypeScript class to use composition.', '数学の問題を解いてください', '']) {
      const exact = embedReference(weights, featurize(text, spec));
      expect(cosine(await encoder.embedOne(text), exact)).toBeGreaterThan(0.99);
    }
  });

  it('writes a batched graph ([batch, outputDim] output) and records the kind and spec in the metadata', () => {
    const summary = readOnnxModelSummary(exportBuiltinEncoderOnnx(weights));
    expect(summary.inputs).toEqual(['ids', 'segments', 'inverse_counts']);
    expect(summary.metadata['rung.encoder_kind']).toBe('rung-builtin-hashed-encoder/2');
    expect(summary.outputs).toEqual(['embedding']);
    expect(summary.opsets['']).toBe(17);
    expect(JSON.parse(summary.metadata['rung.featurizer_spec'] ?? '{}')).toEqual(spec);
    expect(encoder.dimensions).toBe(OUTPUT_DIM);
    expect(encoder.id).toMatch(/^builtin-hashed:[0-9a-f]{16}$/);
  });

  it('gives the same vectors under concurrent calls as sequentially (shared id buffer is safe)', async () => {
    const texts = parityCorpus(40, 5);
    const sequential: Float32Array[] = [];
    for (const text of texts) sequential.push(await encoder.embedOne(text));
    const concurrent = await Promise.all(texts.map((text) => encoder.embedOne(text)));
    expect(concurrent.map((vector) => [...vector])).toEqual(sequential.map((vector) => [...vector]));
    expect((await encoder.embed(texts)).map((vector) => [...vector])).toEqual(sequential.map((vector) => [...vector]));
  });

  it('treats an empty id list as empty text and rejects out-of-range ids', async () => {
    expect([...(await encoder.embedIds(new Int32Array(0)))]).toEqual([...(await encoder.embedOne(''))]);
    await expect(encoder.embedIds(Int32Array.of(spec.buckets))).rejects.toThrow(RungError);
    await expect(encoder.embedIds(Int32Array.of(-1))).rejects.toThrow(/outside/);
  });

  it('refuses a model paired with a different featuriser spec, a missing file, or a foreign model', async () => {
    await expect(BuiltinOnnxEncoder.load(modelPath, { ...spec, seed: 8 })).rejects.toThrow(/featurizer spec/);
    await expect(BuiltinOnnxEncoder.load(join(folder, 'absent.onnx'), spec)).rejects.toThrow(/absent\.onnx/);
    const foreignPath = join(folder, 'foreign.onnx');
    await writeFile(foreignPath, writeOnnxModel({ name: 'g', inputs: [{ name: 'x', dataType: 'float', shape: [1] }], outputs: [{ name: 'y', dataType: 'float', shape: [1] }], initializers: [], nodes: [{ opType: 'Relu', inputs: ['x'], outputs: ['y'] }] }));
    await expect(BuiltinOnnxEncoder.load(foreignPath, spec)).rejects.toThrow(/not a Rung built-in encoder/);
  });

  it('exports a default-sized table (2^16 × 32) as int8 codes in about 2 MB', () => {
    const big = initBuiltinEncoderWeights({ ...spec, buckets: 1 << 16 }, 32, 32, 3);
    const bytes = exportBuiltinEncoderOnnx(big);
    expect(bytes.length).toBeGreaterThan((1 << 16) * 32);
    expect(bytes.length).toBeLessThan((1 << 16) * 32 + 64 * 1024);
  });

  it('quantises each column to int8 within half a step, and re-quantising changes nothing', () => {
    const { codes, scales } = int8Columns(weights.embedding, EMBEDDING_DIM);
    expect(codes.length).toBe(weights.embedding.length);
    let largestError = 0;
    for (let index = 0; index < codes.length; index++) {
      const scale = scales[index % EMBEDDING_DIM] ?? Number.NaN;
      const error = Math.abs((codes[index] ?? 0) * scale - (weights.embedding[index] ?? 0));
      expect(error).toBeLessThanOrEqual(scale / 2 + 1e-9);
      largestError = Math.max(largestError, error);
    }
    expect(largestError).toBeGreaterThan(0);
    // Every column reaches ±127 (its largest value), so no code range is wasted.
    for (let column = 0; column < EMBEDDING_DIM; column++) {
      let peak = 0;
      for (let row = 0; row < spec.buckets; row++) peak = Math.max(peak, Math.abs(codes[row * EMBEDDING_DIM + column] ?? 0));
      expect(peak).toBe(127);
    }
    const once = quantizeToInt8(weights);
    expect([...int8Columns(once.embedding, EMBEDDING_DIM).codes]).toEqual([...codes]);
    expect([...quantizeToInt8(once).embedding]).toEqual([...once.embedding]);
    // An all-zero column stays zero instead of dividing by zero.
    const zeros = int8Columns(new Float32Array(8), 2);
    expect([...zeros.codes]).toEqual(new Array(8).fill(0));
    expect([...zeros.scales]).toEqual([1, 1]);
  });

  it('gives identical vectors through the native binding and the public API', async () => {
    const publicApi = await BuiltinOnnxEncoder.load(modelPath, spec, undefined, { nativeBinding: false });
    try {
      expect(encoder.synchronous).toBe(true);
      expect(publicApi.synchronous).toBe(false);
      for (const text of parityCorpus(120, 17)) {
        const ids = featurize(text, spec);
        const viaPublic = await publicApi.embedIds(ids);
        expect(publicApi.embedIdsSync(ids)).toBeUndefined();
        expect([...(encoder.embedIdsSync(ids) ?? [])]).toEqual([...viaPublic]);
        // A prefix of a longer buffer, as the scorer passes its reused id list.
        const padded = Int32Array.from([...ids, 1, 2, 3]);
        expect([...(encoder.embedIdsSync(padded, ids.length) ?? [])]).toEqual([...viaPublic]);
      }
    } finally {
      await publicApi.close();
    }
  });

  it('embeds a batch in one run exactly as each text alone, through the native binding and the public API', async () => {
    const texts = [...parityCorpus(30, 23), '', 'x'];
    const batch = encoder.newBatch();
    for (const text of texts) batch.add(featurize(text, spec));
    expect(batch.size).toBe(texts.length);
    const vectors = encoder.embedBatchSync(batch);
    expect(vectors?.length).toBe(texts.length * OUTPUT_DIM);
    const publicApi = await BuiltinOnnxEncoder.load(modelPath, spec, undefined, { nativeBinding: false });
    try {
      expect(publicApi.embedBatchSync(batch)).toBeUndefined();
      const viaPublic = await publicApi.embedBatch(batch);
      expect([...viaPublic]).toEqual([...(vectors ?? [])]);
    } finally {
      await publicApi.close();
    }
    texts.forEach((text, row) => {
      const alone = encoder.embedIdsSync(featurize(text, spec)) ?? new Float32Array(0);
      const inBatch = (vectors ?? new Float32Array(0)).subarray(row * OUTPUT_DIM, (row + 1) * OUTPUT_DIM);
      for (let index = 0; index < OUTPUT_DIM; index++) expect(inBatch[index]).toBeCloseTo(alone[index] ?? Number.NaN, 6);
    });
    // A reset batch is reusable and starts from row 0.
    batch.reset();
    batch.add(featurize(texts[3] ?? '', spec));
    expect([...(encoder.embedBatchSync(batch) ?? [])]).toEqual([...(encoder.embedIdsSync(featurize(texts[3] ?? '', spec)) ?? [])]);
  });

  it('still loads a single-text model (kind /1) and embeds batches with it one text per run', async () => {
    const legacyPath = join(folder, 'legacy.onnx');
    await writeFile(legacyPath, exportSingleTextGraph(weights));
    const legacy = await BuiltinOnnxEncoder.load(legacyPath, spec);
    try {
      expect(legacy.batched).toBe(false);
      expect(encoder.batched).toBe(true);
      const texts = parityCorpus(12, 31);
      const batch = legacy.newBatch();
      for (const text of texts) batch.add(featurize(text, spec));
      const vectors = legacy.embedBatchSync(batch) ?? new Float32Array(0);
      // The legacy graph stores the table as float16: its reference is the fp16-rounded weights.
      const reference = { ...weights, embedding: roundToFloat16(weights.embedding) };
      texts.forEach((text, row) => {
        const alone = legacy.embedIdsSync(featurize(text, spec)) ?? new Float32Array(0);
        const expected = embedReference(reference, featurize(text, spec));
        const inBatch = vectors.subarray(row * OUTPUT_DIM, (row + 1) * OUTPUT_DIM);
        for (let index = 0; index < OUTPUT_DIM; index++) {
          expect(inBatch[index]).toBe(alone[index]);
          expect(Math.abs((inBatch[index] ?? 0) - (expected[index] ?? 0))).toBeLessThan(2e-3);
        }
      });
    } finally {
      await legacy.close();
    }
  });

  it('rejects use after close', async () => {
    const second = await BuiltinOnnxEncoder.load(modelPath, spec, 'custom-id');
    expect(second.id).toBe('custom-id');
    await second.close();
    await expect(second.embedOne('x')).rejects.toThrow(/closed/);
    expect(() => second.embedIdsSync(Int32Array.of(1))).toThrow(/closed/);
  });
});
