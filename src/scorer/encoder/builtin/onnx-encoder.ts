// The built-in encoder at serving time: featurize (TypeScript) → ids → the exported ONNX graph in
// onnxruntime-node. One text per run; single-threaded session (the gateway scores many requests in
// parallel, so intra-op threads would only contend). Ids are written into a reused BigInt64Array through
// an Int32Array view (bucket ids are non-negative and fit in 32 bits; hosts are little-endian), which
// avoids creating one BigInt per id.
//
// The session is driven through onnxruntime-node's native binding (`onnxruntime-node/dist/binding.js`,
// the object its public InferenceSession wraps) when that module has the expected shape. Its run() is
// synchronous; the public InferenceSession.run defers the same call with setImmediate and re-validates
// its arguments, which cost about 10 µs of CPU per embedding (a quarter of the ONNX step) and a trip
// through the event loop. The binding is not public API, so anything unexpected (a missing module, a
// different shape, a model it refuses) falls back to the public InferenceSession; both paths run the
// same native session code with the same options (test/scorer/encoder/builtin-onnx-parity.test.ts).
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { InferenceSession, Tensor } from 'onnxruntime-node';
import type { Binding } from 'onnxruntime-node/dist/binding.js';
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

const SESSION_OPTIONS: InferenceSession.SessionOptions = {
  intraOpNumThreads: 1,
  interOpNumThreads: 1,
  graphOptimizationLevel: 'all',
  executionMode: 'sequential',
  // No effect with one thread (there is no pool to spin); keeps a raised thread count from burning CPU
  // in spin-waits between runs, which the request path would pay for without seeing it in its latency.
  extra: { session: { intra_op: { allow_spinning: '0' }, inter_op: { allow_spinning: '0' } } },
};

export interface BuiltinOnnxEncoderOptions {
  /** Use onnxruntime-node's synchronous native binding when available (default true); false forces the public API. */
  nativeBinding?: boolean;
}

/** onnxruntime-node's native session, loaded with the model, or undefined when its binding is not usable. */
async function loadNativeSession(bytes: Uint8Array, dimensions: number): Promise<Binding.InferenceSession | undefined> {
  let session: Binding.InferenceSession | undefined;
  try {
    const { binding, initOrt } = await import('onnxruntime-node/dist/binding.js');
    if (typeof initOrt !== 'function' || typeof binding?.InferenceSession !== 'function') return undefined;
    initOrt();
    session = new binding.InferenceSession();
    session.loadModel(bytes.buffer as ArrayBuffer, bytes.byteOffset, bytes.byteLength, SESSION_OPTIONS);
    // One run on the empty-text id checks names, output type and size before any request relies on them.
    const probe = session.run({ [BUILTIN_ENCODER_INPUT]: new Tensor('int64', BigInt64Array.of(BigInt(EMPTY_TEXT_BUCKET)), [1]) }, { [BUILTIN_ENCODER_OUTPUT]: null }, {});
    const data = probe[BUILTIN_ENCODER_OUTPUT]?.data;
    if (data instanceof Float32Array && data.length === dimensions) return session;
  } catch {
    // Fall through: the public API reports a real problem with the model in its own words.
  }
  try {
    session?.dispose();
  } catch {
    // Nothing was loaded into it.
  }
  return undefined;
}

export class BuiltinOnnxEncoder implements Encoder {
  readonly id: string;
  readonly dimensions: number;
  readonly spec: FeaturizerSpec;
  private readonly session: InferenceSession | undefined;
  private readonly native: Binding.InferenceSession | undefined;
  private idBuffer: BigInt64Array;
  private idWords: Int32Array;
  /** Public-API runs in flight: InferenceSession.run defers by a tick, so a shared buffer is only reused when idle. */
  private inFlight = 0;
  private closed = false;
  // Reused argument objects of the native run (it only reads them).
  private readonly fetches: Record<string, null> = { [BUILTIN_ENCODER_OUTPUT]: null };
  private readonly runOptions: InferenceSession.RunOptions = {};

  private constructor(id: string, dimensions: number, spec: FeaturizerSpec, session: InferenceSession | undefined, native: Binding.InferenceSession | undefined) {
    this.id = id;
    this.dimensions = dimensions;
    this.spec = spec;
    this.session = session;
    this.native = native;
    this.idBuffer = new BigInt64Array(spec.maxFeatures);
    this.idWords = new Int32Array(this.idBuffer.buffer);
  }

  /**
   * Loads a model written by exportBuiltinEncoderOnnx. Fails if the file is missing, is not a built-in
   * encoder, or was trained with a different featuriser spec than `spec`. The default id includes a
   * digest of the model bytes, so a kNN index built with one model is never reused with another.
   */
  static async load(modelPath: string, spec: FeaturizerSpec, id?: string, options: BuiltinOnnxEncoderOptions = {}): Promise<BuiltinOnnxEncoder> {
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
    const digest = createHash('sha256').update(bytes).digest('hex').slice(0, 16);
    const encoderId = id ?? `builtin-hashed:${digest}`;
    const native = options.nativeBinding === false ? undefined : await loadNativeSession(bytes, dimensions);
    if (native !== undefined) return new BuiltinOnnxEncoder(encoderId, dimensions, { ...spec }, undefined, native);
    let session: InferenceSession;
    try {
      session = await InferenceSession.create(bytes, SESSION_OPTIONS);
    } catch (error) {
      throw new RungError('internal_error', `onnxruntime could not load ${modelPath}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
    return new BuiltinOnnxEncoder(encoderId, dimensions, { ...spec }, session, undefined);
  }

  /** Whether embeddings are computed synchronously (embedIdsSync returns a vector). */
  get synchronous(): boolean {
    return this.native !== undefined;
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

  /**
   * The first `count` ids (default all) → a new L2-normalised vector, computed now on this thread; or
   * undefined when only the public asynchronous API is available (then use embedIds).
   */
  embedIdsSync(ids: Int32Array, count: number = ids.length): Float32Array | undefined {
    const native = this.native;
    if (native === undefined) return undefined;
    if (this.closed) throw new RungError('internal_error', `encoder ${this.id} is closed`);
    const input = this.writeIds(ids, count, true);
    const output = native.run({ [BUILTIN_ENCODER_INPUT]: input }, this.fetches, this.runOptions)[BUILTIN_ENCODER_OUTPUT];
    return this.checkedOutput(output?.data);
  }

  /** Runs the model on ids already produced by featurize (an empty list means empty text). */
  async embedIds(ids: Int32Array): Promise<Float32Array> {
    if (this.closed) throw new RungError('internal_error', `encoder ${this.id} is closed`);
    const now = this.embedIdsSync(ids);
    if (now !== undefined) return now;
    const session = this.session;
    if (session === undefined) throw new RungError('internal_error', `encoder ${this.id} has no session`);
    const input = this.writeIds(ids, ids.length, this.inFlight === 0);
    this.inFlight++;
    try {
      const results = await session.run({ [BUILTIN_ENCODER_INPUT]: input });
      return this.checkedOutput(results[BUILTIN_ENCODER_OUTPUT]?.data);
    } finally {
      this.inFlight--;
    }
  }

  /** The int64 input tensor of the first `count` ids, in the shared buffer when `shared`. */
  private writeIds(ids: Int32Array, count: number, shared: boolean): Tensor {
    const length = Math.max(1, count);
    let words: Int32Array;
    let values: BigInt64Array;
    if (shared) {
      if (this.idBuffer.length < length) {
        this.idBuffer = new BigInt64Array(length);
        this.idWords = new Int32Array(this.idBuffer.buffer);
      }
      values = this.idBuffer.subarray(0, length);
      words = this.idWords;
    } else {
      values = new BigInt64Array(length);
      words = new Int32Array(values.buffer);
    }
    const buckets = this.spec.buckets;
    // Only low words are written: ids are checked non-negative, so every high word stays the 0 it was
    // allocated with.
    if (count === 0) words[0] = EMPTY_TEXT_BUCKET;
    for (let index = 0; index < count; index++) {
      const id = ids[index] ?? 0;
      // Out-of-range ids would make Gather fail with an opaque message; check here instead.
      if (id < 0 || id >= buckets) throw new RungError('internal_error', `bucket id ${id} is outside [0, ${buckets})`);
      words[2 * index] = id;
    }
    return new Tensor('int64', values, [length]);
  }

  private checkedOutput(data: unknown): Float32Array {
    if (!(data instanceof Float32Array) || data.length !== this.dimensions) {
      throw new RungError('internal_error', `encoder ${this.id} returned no ${this.dimensions}-value float output`);
    }
    return data;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.native !== undefined) this.native.dispose();
    if (this.session !== undefined) await this.session.release();
  }
}
