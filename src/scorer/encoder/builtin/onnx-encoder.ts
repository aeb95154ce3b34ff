// The built-in encoder at serving time: featurize (TypeScript) → ids → the exported ONNX graph in
// onnxruntime-node. One text per run; single-threaded session (the gateway scores many requests in
// parallel, so intra-op threads would only contend). Ids are written into a reused BigInt64Array through
// an Int32Array view (bucket ids are non-negative and fit in 32 bits; hosts are little-endian), which
// avoids creating one BigInt per id.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { InferenceSession, Tensor } from 'onnxruntime-node';
import { RungError } from '../../../errors/rung-error.ts';
import { readOnnxModelSummary } from '../../onnx/onnx-reader.ts';
import type { Encoder } from '../encoder.ts';
import {
  BUILTIN_ENCODER_INPUT,
  BUILTIN_ENCODER_KIND,
  BUILTIN_ENCODER_OUTPUT,
  METADATA_KIND,
  METADATA_OUTPUT_DIM,
  METADATA_SPEC,
  canonicalSpecJson,
} from './export-onnx.ts';
import { EMPTY_TEXT_BUCKET, featurize, validateFeaturizerSpec, type FeaturizerSpec } from './featurize.ts';

const IS_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

export class BuiltinOnnxEncoder implements Encoder {
  readonly id: string;
  readonly dimensions: number;
  readonly spec: FeaturizerSpec;
  private readonly session: InferenceSession;
  private idBuffer: BigInt64Array;
  private idWords: Int32Array;
  /** Runs in flight: onnxruntime-node defers run() by a tick, so a shared buffer is only reused when idle. */
  private inFlight = 0;
  private closed = false;

  private constructor(id: string, dimensions: number, spec: FeaturizerSpec, session: InferenceSession) {
    this.id = id;
    this.dimensions = dimensions;
    this.spec = spec;
    this.session = session;
    this.idBuffer = new BigInt64Array(spec.maxFeatures);
    this.idWords = new Int32Array(this.idBuffer.buffer);
  }

  /**
   * Loads a model written by exportBuiltinEncoderOnnx. Fails if the file is missing, is not a built-in
   * encoder, or was trained with a different featuriser spec than `spec`. The default id includes a
   * digest of the model bytes, so a kNN index built with one model is never reused with another.
   */
  static async load(modelPath: string, spec: FeaturizerSpec, id?: string): Promise<BuiltinOnnxEncoder> {
    validateFeaturizerSpec(spec);
    if (!IS_LITTLE_ENDIAN) throw new RungError('internal_error', 'the built-in encoder needs a little-endian host');
    let bytes: Uint8Array;
    try {
      bytes = await readFile(modelPath);
    } catch (error) {
      throw new RungError('internal_error', `built-in encoder model cannot be read at ${modelPath}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
    const summary = readOnnxModelSummary(bytes);
    if (summary.metadata[METADATA_KIND] !== BUILTIN_ENCODER_KIND) {
      throw new RungError('internal_error', `${modelPath} is not a Rung built-in encoder model (metadata ${METADATA_KIND} is ${JSON.stringify(summary.metadata[METADATA_KIND] ?? null)})`);
    }
    const expectedSpec = canonicalSpecJson(spec);
    if (summary.metadata[METADATA_SPEC] !== expectedSpec) {
      throw new RungError('internal_error', `${modelPath} was trained with featurizer spec ${summary.metadata[METADATA_SPEC] ?? '(none)'}, but ${expectedSpec} was given`);
    }
    const dimensions = Number(summary.metadata[METADATA_OUTPUT_DIM]);
    if (!Number.isInteger(dimensions) || dimensions < 1) throw new RungError('internal_error', `${modelPath} has no valid ${METADATA_OUTPUT_DIM} metadata`);
    let session: InferenceSession;
    try {
      session = await InferenceSession.create(bytes, {
        intraOpNumThreads: 1,
        interOpNumThreads: 1,
        graphOptimizationLevel: 'all',
        executionMode: 'sequential',
      });
    } catch (error) {
      throw new RungError('internal_error', `onnxruntime could not load ${modelPath}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
    const digest = createHash('sha256').update(bytes).digest('hex').slice(0, 16);
    return new BuiltinOnnxEncoder(id ?? `builtin-hashed:${digest}`, dimensions, { ...spec }, session);
  }

  async embed(texts: string[]): Promise<Float32Array[]> {
    const vectors: Float32Array[] = [];
    for (const text of texts) vectors.push(await this.embedOne(text));
    return vectors;
  }

  /** Fast path for the request path: one prompt → one L2-normalised vector. */
  embedOne(text: string): Promise<Float32Array> {
    return this.embedIds(featurize(text, this.spec));
  }

  /** Runs the model on ids already produced by featurize (an empty list means empty text). */
  async embedIds(ids: Int32Array): Promise<Float32Array> {
    if (this.closed) throw new RungError('internal_error', `encoder ${this.id} is closed`);
    const count = Math.max(1, ids.length);
    let words: Int32Array;
    let values: BigInt64Array;
    if (this.inFlight === 0) {
      if (this.idBuffer.length < count) {
        this.idBuffer = new BigInt64Array(count);
        this.idWords = new Int32Array(this.idBuffer.buffer);
      }
      values = this.idBuffer.subarray(0, count);
      words = this.idWords;
    } else {
      values = new BigInt64Array(count);
      words = new Int32Array(values.buffer);
    }
    const buckets = this.spec.buckets;
    if (ids.length === 0) {
      words[0] = EMPTY_TEXT_BUCKET;
      words[1] = 0;
    }
    for (let index = 0; index < ids.length; index++) {
      const id = ids[index] ?? 0;
      // Out-of-range ids would make Gather fail with an opaque message; check here instead.
      if (id < 0 || id >= buckets) throw new RungError('internal_error', `bucket id ${id} is outside [0, ${buckets})`);
      words[2 * index] = id;
      words[2 * index + 1] = 0;
    }
    this.inFlight++;
    try {
      const results = await this.session.run({ [BUILTIN_ENCODER_INPUT]: new Tensor('int64', values, [count]) });
      const output = results[BUILTIN_ENCODER_OUTPUT];
      if (output === undefined || !(output.data instanceof Float32Array) || output.data.length !== this.dimensions) {
        throw new RungError('internal_error', `encoder ${this.id} returned no ${this.dimensions}-value float output`);
      }
      return output.data;
    } finally {
      this.inFlight--;
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.session.release();
  }
}
