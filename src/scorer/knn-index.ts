// A thin wrapper over hnswlib-node's HierarchicalNSW in cosine space. Labels are row numbers into
// the neighbour table, so the index file holds only vectors and integers — never prompt text.
import hnswlib from 'hnswlib-node';

export interface KnnHit {
  labels: number[];
  /** Cosine similarity (1 − hnswlib's cosine distance), best first. */
  similarities: number[];
}

export interface KnnBuildOptions {
  /** Graph degree; 16 is hnswlib's usual default. */
  m?: number;
  efConstruction?: number;
  /** Search breadth; must be at least k. */
  efSearch?: number;
  seed?: number;
}

/** hnswlib's own answer: row labels best first and their cosine distances (1 − similarity). */
export interface KnnRawHit {
  neighbors: number[];
  distances: number[];
}

/**
 * The search breadth (hnswlib's ef) for k neighbours: twice k, at least 32. On the shipped model's
 * 11k rows, k = 32 with ef = 64 finds 98 % of the exact 32 nearest rows in half the time of the
 * earlier k = 64, ef = 128 (docs/scorer.md); the head is trained on neighbours found the same way.
 * That recall was measured on the 64-dimensional model. On the shipped 32-dimensional model (k = 16,
 * ef = 32; session 8, 264 prompts, exact neighbours from ef = 400) it is 96.8 %; ef = 16 / 24 / 48
 * give 91.6 / 95.5 / 98.3 % for about 13 / 15 / 21 µs per search against 17 µs at 32.
 */
export function searchBreadth(k: number): number {
  return Math.max(32, 2 * k);
}

export class KnnIndex {
  /** The query as the plain array hnswlib-node reads, reused so a search allocates none (searches are synchronous). */
  private readonly query: number[];
  /** hnswlib's row count, kept here: asking the native object costs a call per search. */
  private count: number;

  private constructor(
    private readonly index: hnswlib.HierarchicalNSW,
    readonly dimensions: number,
  ) {
    this.query = new Array<number>(dimensions).fill(0);
    this.count = index.getCurrentCount();
  }

  static create(dimensions: number, capacity: number, options: KnnBuildOptions = {}): KnnIndex {
    const index = new hnswlib.HierarchicalNSW('cosine', dimensions);
    index.initIndex({
      maxElements: Math.max(1, capacity),
      m: options.m ?? 16,
      efConstruction: options.efConstruction ?? 200,
      randomSeed: options.seed ?? 100,
    });
    index.setEf(options.efSearch ?? 128);
    return new KnnIndex(index, dimensions);
  }

  static load(path: string, dimensions: number, efSearch = 128): KnnIndex {
    const index = new hnswlib.HierarchicalNSW('cosine', dimensions);
    index.readIndexSync(path);
    index.setEf(efSearch);
    return new KnnIndex(index, dimensions);
  }

  get size(): number {
    return this.count;
  }

  add(vector: ArrayLike<number>, label: number): void {
    this.index.addPoint(Array.from(vector), label);
    this.count = this.index.getCurrentCount();
  }

  /** Up to k nearest rows; `exclude` drops rows (used for out-of-fold statistics). */
  search(vector: ArrayLike<number>, k: number, exclude?: (label: number) => boolean): KnnHit {
    const wanted = Math.min(k, this.size);
    if (wanted === 0) return { labels: [], similarities: [] };
    const filter = exclude === undefined ? undefined : (label: number) => !exclude(label);
    const result = this.index.searchKnn(this.queryOf(vector), wanted, filter);
    return { labels: result.neighbors, similarities: result.distances.map((d) => 1 - d) };
  }

  /** The unfiltered search of the request path: hnswlib's arrays as they come, without a mapped copy. */
  searchRaw(vector: ArrayLike<number>, k: number): KnnRawHit {
    const wanted = Math.min(k, this.size);
    if (wanted === 0) return { neighbors: [], distances: [] };
    return this.index.searchKnn(this.queryOf(vector), wanted);
  }

  private queryOf(vector: ArrayLike<number>): number[] {
    if (vector.length !== this.dimensions) return Array.from(vector);
    const query = this.query;
    for (let i = 0; i < query.length; i++) query[i] = vector[i] ?? 0;
    return query;
  }

  save(path: string): void {
    this.index.writeIndexSync(path);
  }
}
