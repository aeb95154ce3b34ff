// An Encoder backed by a local Hugging Face model folder through @huggingface/transformers (v4), for
// operators who prefer a pretrained sentence encoder to the built-in one. It never downloads: remote
// models are disabled process-wide and every required file is checked before the library is called,
// so a missing file fails at load with a message naming the folder and the file.
// Expected folder layout (what transformers.js reads for an encoder-only model):
//   config.json, tokenizer.json, tokenizer_config.json, onnx/model<suffix>.onnx
// where <suffix> follows the dtype: fp32 → '' (model.onnx), fp16 → '_fp16', q8 → '_quantized', ...
// Pooling and normalisation are done here rather than by the library: pooling is masked (padding is
// ignored) and normalisation is zero-safe, matching the Encoder contract.
// Truncation note: transformers.js v4 truncates the sequence after adding [CLS]/[SEP], so a text cut at
// maxLength loses its final [SEP] (Python transformers keeps it); embeddings of over-long texts can
// therefore differ slightly from the Python model's.
import { access } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { RungError } from '../../errors/rung-error.ts';
import type { Encoder } from './encoder.ts';

export type TransformersDtype = 'fp32' | 'fp16' | 'q8' | 'int8' | 'uint8' | 'q4';

export interface TransformersEncoderOptions {
  /** The model folder (absolute, or relative to the working directory). */
  folder: string;
  pooling: 'mean' | 'cls';
  normalize: boolean;
  /** Token limit per text; longer texts are truncated (default: the tokenizer's model_max_length). */
  maxLength?: number;
  /** Which ONNX file to load; 'fp32' (onnx/model.onnx) unless given. */
  dtype?: TransformersDtype;
  /** Stable id for kNN indexes; defaults to `transformers:<folder>:<dtype>:<pooling>`. */
  id?: string;
  /** onnxruntime intra-op threads; 1 unless given (the gateway runs many requests in parallel). */
  threads?: number;
}

const DTYPE_SUFFIX: Readonly<Record<TransformersDtype, string>> = {
  fp32: '',
  fp16: '_fp16',
  q8: '_quantized',
  int8: '_int8',
  uint8: '_uint8',
  q4: '_q4',
};

export const REQUIRED_MODEL_FILES = ['config.json', 'tokenizer.json', 'tokenizer_config.json'] as const;

interface TensorLike {
  data: ArrayLike<number | bigint>;
  dims: number[];
}
type TokenizerCall = (texts: string[], options: { padding: boolean; truncation: boolean; max_length?: number }) => Record<string, TensorLike | undefined>;
type ModelCall = (inputs: Record<string, TensorLike | undefined>) => Promise<Record<string, TensorLike | undefined>>;

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

/** Tokenises, runs the model, then pools (masked mean or first token) and optionally L2-normalises. */
async function embedBatch(tokenize: TokenizerCall, model: ModelCall, options: TransformersEncoderOptions, texts: string[]): Promise<Float32Array[]> {
  const inputs = tokenize(texts, {
    padding: true,
    truncation: true,
    ...(options.maxLength === undefined ? {} : { max_length: options.maxLength }),
  });
  const mask = inputs['attention_mask'];
  const outputs = await model(inputs);
  const hidden = outputs['last_hidden_state'] ?? outputs['token_embeddings'];
  if (hidden === undefined || hidden.dims.length !== 3 || mask === undefined) {
    throw new RungError('internal_error', `transformers encoder: ${options.folder} has no [batch, sequence, hidden] last_hidden_state output`);
  }
  const [batch = 0, sequence = 0, width = 0] = hidden.dims;
  const vectors: Float32Array[] = [];
  for (let row = 0; row < batch; row++) {
    const vector = new Float64Array(width);
    if (options.pooling === 'cls') {
      for (let column = 0; column < width; column++) vector[column] = Number(hidden.data[row * sequence * width + column] ?? 0);
    } else {
      let weight = 0;
      for (let position = 0; position < sequence; position++) {
        const include = Number(mask.data[row * sequence + position] ?? 0);
        if (include === 0) continue;
        weight += include;
        const offset = (row * sequence + position) * width;
        for (let column = 0; column < width; column++) vector[column] = (vector[column] ?? 0) + include * Number(hidden.data[offset + column] ?? 0);
      }
      if (weight > 0) for (let column = 0; column < width; column++) vector[column] = (vector[column] ?? 0) / weight;
    }
    let divisor = 1;
    if (options.normalize) {
      let squares = 0;
      for (const value of vector) squares += value * value;
      divisor = Math.max(Math.sqrt(squares), 1e-12);
    }
    vectors.push(Float32Array.from(vector, (value) => value / divisor));
  }
  return vectors;
}

export class TransformersEncoder implements Encoder {
  readonly id: string;
  readonly dimensions: number;
  private closed = false;

  private constructor(
    id: string,
    dimensions: number,
    private readonly tokenize: TokenizerCall,
    private readonly model: ModelCall,
    private readonly dispose: () => Promise<unknown>,
    private readonly options: TransformersEncoderOptions,
  ) {
    this.id = id;
    this.dimensions = dimensions;
  }

  /**
   * Loads a local model folder; never downloads. Fails with a RungError naming the folder and the file
   * when the folder or a required file is missing, or when the library cannot load them.
   */
  static async load(options: TransformersEncoderOptions): Promise<TransformersEncoder> {
    const folder = resolve(options.folder);
    const dtype = options.dtype ?? 'fp32';
    if (!(await exists(folder))) throw new RungError('internal_error', `transformers encoder: model folder ${folder} does not exist`);
    const modelFile = join('onnx', `model${DTYPE_SUFFIX[dtype]}.onnx`);
    for (const file of [...REQUIRED_MODEL_FILES, modelFile]) {
      if (!(await exists(join(folder, file)))) throw new RungError('internal_error', `transformers encoder: model folder ${folder} is missing ${file}`);
    }
    if (options.maxLength !== undefined && (!Number.isInteger(options.maxLength) || options.maxLength < 1)) {
      throw new RungError('internal_error', `transformers encoder: maxLength must be a positive integer, got ${options.maxLength}`);
    }
    // Loaded lazily: the library is large and only needed when this encoder is configured.
    const { AutoModel, AutoTokenizer, env } = await import('@huggingface/transformers');
    env.allowRemoteModels = false;
    env.allowLocalModels = true;
    // An absolute path is not a valid hub model id, so the library reads it as the path it is;
    // localModelPath is pointed at its parent for any lookup that goes through it.
    env.localModelPath = dirname(folder);
    let tokenize: TokenizerCall;
    let model: ModelCall;
    let dispose: () => Promise<unknown>;
    try {
      const loadedTokenizer = await AutoTokenizer.from_pretrained(folder, { local_files_only: true });
      const loadedModel = await AutoModel.from_pretrained(folder, {
        local_files_only: true,
        dtype,
        device: 'cpu',
        session_options: { intraOpNumThreads: options.threads ?? 1, interOpNumThreads: 1, graphOptimizationLevel: 'all' },
      });
      tokenize = loadedTokenizer;
      model = loadedModel;
      dispose = () => loadedModel.dispose();
    } catch (error) {
      throw new RungError('internal_error', `transformers encoder: could not load ${folder}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
    const resolved: TransformersEncoderOptions = { ...options, folder, dtype };
    // The width is learned from one probe run, so config.json quirks cannot make it wrong.
    const [probe] = await embedBatch(tokenize, model, resolved, ['dimension probe']);
    const dimensions = probe?.length ?? 0;
    if (dimensions < 1) throw new RungError('internal_error', `transformers encoder: ${folder} produced an empty embedding`);
    const id = options.id ?? `transformers:${folder}:${dtype}:${options.pooling}${options.normalize ? ':normalized' : ''}`;
    return new TransformersEncoder(id, dimensions, tokenize, model, dispose, resolved);
  }

  async embed(texts: string[]): Promise<Float32Array[]> {
    if (this.closed) throw new RungError('internal_error', `encoder ${this.id} is closed`);
    if (texts.length === 0) return [];
    return embedBatch(this.tokenize, this.model, this.options, texts);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.dispose();
  }
}
