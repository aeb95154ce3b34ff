// The inputs of one batched encoder run, built in buffers that are reused from run to run: every text's
// bucket ids concatenated, the batch row of each id, and each text's 1 / (id count). Ids and rows are
// int64 in the model; they are written as the low 32-bit words of BigInt64Array buffers (both are
// non-negative and below 2^31, hosts are little-endian, see onnx-encoder.ts), so no BigInt is created
// per id and every high word stays the 0 it was allocated with.
import { Tensor } from 'onnxruntime-node';
import { RungError } from '../../../errors/rung-error.ts';
import { EMPTY_TEXT_BUCKET } from './featurize.ts';

export class IdBatch {
  /** Texts added since the last reset. */
  size = 0;
  /** Ids added since the last reset (an empty text counts one: the empty-text bucket). */
  length = 0;
  private readonly buckets: number;
  private ids: BigInt64Array;
  private idWords: Int32Array;
  private rows: BigInt64Array;
  private rowWords: Int32Array;
  private inverseCounts: Float32Array;
  /** Where each text's ids start; offsets[size] is `length`. */
  private offsets: Int32Array;

  constructor(buckets: number, idCapacity = 2048, textCapacity = 16) {
    this.buckets = buckets;
    this.ids = new BigInt64Array(idCapacity);
    this.idWords = new Int32Array(this.ids.buffer);
    this.rows = new BigInt64Array(idCapacity);
    this.rowWords = new Int32Array(this.rows.buffer);
    this.inverseCounts = new Float32Array(textCapacity);
    this.offsets = new Int32Array(textCapacity + 1);
  }

  reset(): void {
    this.size = 0;
    this.length = 0;
  }

  /** Appends one text's first `count` ids (default all); an empty list stands for empty text. */
  add(ids: Int32Array, count: number = ids.length): void {
    const width = Math.max(1, count);
    this.reserve(this.length + width, this.size + 1);
    const row = this.size;
    const start = this.length;
    const idWords = this.idWords;
    const rowWords = this.rowWords;
    const buckets = this.buckets;
    if (count === 0) {
      idWords[2 * start] = EMPTY_TEXT_BUCKET;
      rowWords[2 * start] = row;
    }
    for (let index = 0; index < count; index++) {
      const id = ids[index] ?? 0;
      // Out-of-range ids would make Gather fail with an opaque message; check here instead.
      if (id < 0 || id >= buckets) throw new RungError('internal_error', `bucket id ${id} is outside [0, ${buckets})`);
      idWords[2 * (start + index)] = id;
      rowWords[2 * (start + index)] = row;
    }
    this.inverseCounts[row] = 1 / width;
    this.length = start + width;
    this.size = row + 1;
    this.offsets[row + 1] = this.length;
  }

  /** The feeds of the batched graph (kind /2): ids [n], segments [n, 1], inverse_counts [b, 1]. */
  batchTensors(): { ids: Tensor; segments: Tensor; inverseCounts: Tensor } {
    return {
      ids: new Tensor('int64', this.ids.subarray(0, this.length), [this.length]),
      segments: new Tensor('int64', this.rows.subarray(0, this.length), [this.length, 1]),
      inverseCounts: new Tensor('float32', this.inverseCounts.subarray(0, this.size), [this.size, 1]),
    };
  }

  /** The ids of text `row` alone, as the single-text graph (kind /1) takes them. */
  textTensor(row: number): Tensor {
    const start = this.offsets[row] ?? 0;
    const end = this.offsets[row + 1] ?? start;
    return new Tensor('int64', this.ids.subarray(start, end), [end - start]);
  }

  private reserve(idCount: number, textCount: number): void {
    if (idCount > this.ids.length) {
      const capacity = Math.max(idCount, this.ids.length * 2);
      const ids = new BigInt64Array(capacity);
      ids.set(this.ids.subarray(0, this.length));
      this.ids = ids;
      this.idWords = new Int32Array(ids.buffer);
      const rows = new BigInt64Array(capacity);
      rows.set(this.rows.subarray(0, this.length));
      this.rows = rows;
      this.rowWords = new Int32Array(rows.buffer);
    }
    if (textCount > this.inverseCounts.length) {
      const capacity = Math.max(textCount, this.inverseCounts.length * 2);
      const inverseCounts = new Float32Array(capacity);
      inverseCounts.set(this.inverseCounts.subarray(0, this.size));
      this.inverseCounts = inverseCounts;
      const offsets = new Int32Array(capacity + 1);
      offsets.set(this.offsets.subarray(0, this.size + 1));
      this.offsets = offsets;
    }
  }
}
