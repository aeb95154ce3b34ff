// The built-in encoder at serving time: featurize (TypeScript) → ids → the exported ONNX graph in
// onnxruntime-node. One run embeds a batch of texts (IdBatch: ids concatenated, each tagged with its
// text's row), so a scorer that gathers the prompts of one event-loop turn pays onnxruntime's fixed
// cost per run once for all of them; a single text is a batch of one. Models of the older single-text
// kind run once per text. Single-threaded session (the gateway scores many requests in parallel, so
// intra-op threads would only contend).
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
  BUILTIN_ENCODER_INVERSE_COUNTS,
  BUILTIN_ENCODER_KIND,
  BUILTIN_ENCODER_KIND_SINGLE,
  BUILTIN_ENCODER_OUTPUT,
  BUILTIN_ENCODER_SEGMENTS,
  METADATA_KIND,
  METADATA_OUTPUT_DIM,
  METADATA_SPEC,
  canonicalSpecJson,
} from './export-onnx.ts';
import { EMPTY_TEXT_BUCKET, featurize, validateFeaturizerSpec, type FeaturizerSpec } from './featurize.ts';
import { IdBatch } from './id-batch.ts';

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
async function loadNativeSession(bytes: Uint8Array, dimensions: number, batched: boolean): Promise<Binding.InferenceSession | undefined> {
  let session: Binding.InferenceSession | undefined;
  try {
    const { binding, initOrt } = await import('onnxruntime-node/dist/binding.js');
    if (typeof initOrt !== 'function' || typeof binding?.InferenceSession !== 'function') return undefined;
    initOrt();
    session = new binding.InferenceSession();
    session.loadModel(bytes.buffer as ArrayBuffer, bytes.byteOffset, bytes.byteLength, SESSION_OPTIONS);
    // One run on the empty-text id checks names, output type and size before any request relies on them.
    const probe = session.run(probeFeeds(batched), { [BUILTIN_ENCODER_OUTPUT]: null }, {});
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

/** The empty text alone, in the feeds of either graph kind. */
function probeFeeds(batched: boolean): Record<string, Tensor> {
  const ids = new Tensor('int64', BigInt64Array.of(BigInt(EMPTY_TEXT_BUCKET)), [1]);
  if (!batched) return { [BUILTIN_ENCODER_INPUT]: ids };
  return {
    [BUILTIN_ENCODER_INPUT]: ids,
    [BUILTIN_ENCODER_SEGMENTS]: new Tensor('int64', BigInt64Array.of(0n), [1, 1]),
    [BUILTIN_ENCODER_INVERSE_COUNTS]: new Tensor('float32', Float32Array.of(1), [1, 1]),
  };
}

export class BuiltinOnnxEncoder implements Encoder {
  readonly id: string;
  readonly dimensions: number;
  readonly spec: FeaturizerSpec;
  private readonly session: InferenceSession | undefined;
  private readonly native: Binding.InferenceSession | undefined;
  /** Whether the model is the batched kind; a single-text model runs once per text of a batch. */
  readonly batched: boolean;
  /** The batch of one behind embedIdsSync / embedIds. */
  private readonly single: IdBatch;
  /** Public-API runs in flight: InferenceSession.run defers by a tick, so a shared buffer is only reused when idle. */
  private inFlight = 0;
  private closed = false;
  // Reused argument objects of the native run (it only reads them).
  private readonly fetches: Record<string, null> = { [BUILTIN_ENCODER_OUTPUT]: null };
  private readonly runOptions: InferenceSession.RunOptions = {};

  private constructor(
    id: string,
    dimensions: number,
    spec: FeaturizerSpec,
    batched: boolean,
    session: InferenceSession | undefined,
    native: Binding.InferenceSession | undefined,
  ) {
    this.id = id;
    this.dimensions = dimensions;
    this.spec = spec;
    this.batched = batched;
    this.session = session;
    this.native = native;
    this.single = this.newBatch();
  }

  /** An empty batch for this encoder's buckets, to fill with `add` and pass to embedBatch(Sync). */
  newBatch(): IdBatch {
    return new IdBatch(this.spec.buckets, this.spec.maxFeatures);
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
    const kind = summary.metadata[METADATA_KIND];
    if (kind !== BUILTIN_ENCODER_KIND && kind !== BUILTIN_ENCODER_KIND_SINGLE) {
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
    const batched = kind === BUILTIN_ENCODER_KIND;
    const native = options.nativeBinding === false ? undefined : await loadNativeSession(bytes, dimensions, batched);
    if (native !== undefined) return new BuiltinOnnxEncoder(encoderId, dimensions, { ...spec }, batched, undefined, native);
    let session: InferenceSession;
    try {
      session = await InferenceSession.create(bytes, SESSION_OPTIONS);
    } catch (error) {
      throw new RungError('internal_error', `onnxruntime could not load ${modelPath}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
    return new BuiltinOnnxEncoder(encoderId, dimensions, { ...spec }, batched, session, undefined);
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
    if (this.native === undefined) return undefined;
    const batch = this.single;
    batch.reset();
    batch.add(ids, count);
    return this.embedBatchSync(batch);
  }

  /** Runs the model on ids already produced by featurize (an empty list means empty text). */
  async embedIds(ids: Int32Array): Promise<Float32Array> {
    if (this.closed) throw new RungError('internal_error', `encoder ${this.id} is closed`);
    const now = this.embedIdsSync(ids);
    if (now !== undefined) return now;
    // The shared batch of one is only reused while no public-API run is reading it.
    const batch = this.inFlight === 0 ? this.single : this.newBatch();
    batch.reset();
    batch.add(ids);
    return this.embedBatch(batch);
  }

  /**
   * Every text of `batch` → its L2-normalised vector, row after row in one array of
   * `batch.size × dimensions`, computed now on this thread; undefined when only the public asynchronous
   * API is available (then use embedBatch).
   */
  embedBatchSync(batch: IdBatch): Float32Array | undefined {
    const native = this.native;
    if (native === undefined) return undefined;
    if (this.closed) throw new RungError('internal_error', `encoder ${this.id} is closed`);
    return this.collect(batch, this.runFeeds(batch).map((feeds) => native.run(feeds, this.fetches, this.runOptions)[BUILTIN_ENCODER_OUTPUT]?.data));
  }

  /** embedBatchSync through whichever API is available. `batch` must not change until this settles. */
  async embedBatch(batch: IdBatch): Promise<Float32Array> {
    if (this.closed) throw new RungError('internal_error', `encoder ${this.id} is closed`);
    const now = this.embedBatchSync(batch);
    if (now !== undefined) return now;
    const session = this.session;
    if (session === undefined) throw new RungError('internal_error', `encoder ${this.id} has no session`);
    this.inFlight++;
    try {
      const outputs: unknown[] = [];
      for (const feeds of this.runFeeds(batch)) outputs.push((await session.run(feeds))[BUILTIN_ENCODER_OUTPUT]?.data);
      return this.collect(batch, outputs);
    } finally {
      this.inFlight--;
    }
  }

  /** The feeds of each run `batch` takes: one for a batched model, one per text for a single-text one. */
  private runFeeds(batch: IdBatch): Record<string, Tensor>[] {
    if (!this.batched) return Array.from({ length: batch.size }, (_, row) => ({ [BUILTIN_ENCODER_INPUT]: batch.textTensor(row) }));
    const { ids, segments, inverseCounts } = batch.batchTensors();
    return [{ [BUILTIN_ENCODER_INPUT]: ids, [BUILTIN_ENCODER_SEGMENTS]: segments, [BUILTIN_ENCODER_INVERSE_COUNTS]: inverseCounts }];
  }

  /** The runs' outputs (in runFeeds order) as one `batch.size × dimensions` array, each checked. */
  private collect(batch: IdBatch, outputs: readonly unknown[]): Float32Array {
    if (outputs.length === 1) return this.checkedOutput(outputs[0], batch.size);
    const vectors = new Float32Array(batch.size * this.dimensions);
    outputs.forEach((output, row) => vectors.set(this.checkedOutput(output, 1), row * this.dimensions));
    return vectors;
  }

  private checkedOutput(data: unknown, texts: number): Float32Array {
    if (!(data instanceof Float32Array) || data.length !== texts * this.dimensions) {
      throw new RungError('internal_error', `encoder ${this.id} returned no ${texts} × ${this.dimensions}-value float output`);
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
