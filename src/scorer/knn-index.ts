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

export class KnnIndex {
  private constructor(
    private readonly index: hnswlib.HierarchicalNSW,
    readonly dimensions: number,
  ) {}

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
    return this.index.getCurrentCount();
  }

  add(vector: ArrayLike<number>, label: number): void {
    this.index.addPoint(Array.from(vector), label);
  }

  /** Up to k nearest rows; `exclude` drops rows (used for out-of-fold statistics). */
  search(vector: ArrayLike<number>, k: number, exclude?: (label: number) => boolean): KnnHit {
    const wanted = Math.min(k, this.size);
    if (wanted === 0) return { labels: [], similarities: [] };
    const filter = exclude === undefined ? undefined : (label: number) => !exclude(label);
    const result = this.index.searchKnn(Array.from(vector), wanted, filter);
    return { labels: result.neighbors, similarities: result.distances.map((d) => 1 - d) };
  }

  save(path: string): void {
    this.index.writeIndexSync(path);
  }
}
