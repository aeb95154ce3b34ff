// Collapses one example's bucket ids into distinct ids with weights count / total, so the trainer reads
// and updates each embedding row once per example however often its feature repeats. Rows are 256 bytes
// scattered over a multi-megabyte table, so training time is dominated by row visits, not arithmetic.

export class IdBag {
  ids: Int32Array;
  weights: Float64Array;
  size = 0;
  private readonly slot: Int32Array;
  private readonly stamp: Int32Array;
  private generation = 0;

  constructor(buckets: number, capacity = 256) {
    this.slot = new Int32Array(buckets);
    this.stamp = new Int32Array(buckets);
    this.ids = new Int32Array(capacity);
    this.weights = new Float64Array(capacity);
  }

  /** Replaces the contents with the distinct ids of `ids` (first-occurrence order) and their shares. */
  fill(ids: Int32Array): void {
    if (ids.length > this.ids.length) {
      this.ids = new Int32Array(ids.length);
      this.weights = new Float64Array(ids.length);
    }
    this.generation++;
    const generation = this.generation;
    const slot = this.slot;
    const stamp = this.stamp;
    const distinct = this.ids;
    const weights = this.weights;
    let size = 0;
    for (const id of ids) {
      if (stamp[id] === generation) {
        const index = slot[id] ?? 0;
        weights[index] = (weights[index] ?? 0) + 1;
      } else {
        stamp[id] = generation;
        slot[id] = size;
        distinct[size] = id;
        weights[size] = 1;
        size++;
      }
    }
    const share = 1 / ids.length;
    for (let index = 0; index < size; index++) weights[index] = (weights[index] ?? 0) * share;
    this.size = size;
  }
}
