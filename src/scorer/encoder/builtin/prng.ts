// A small seeded generator (splitmix32 state step + xorshift-multiply output) so initialisation and
// shuffling are reproducible: the same seed gives byte-identical weights. Math.random is never used.

export class SeededRandom {
  private state: number;

  constructor(seed: number) {
    this.state = (seed ^ 0x6d2b79f5) >>> 0;
  }

  /** Uniform 32-bit unsigned integer. */
  nextUint32(): number {
    this.state = (this.state + 0x9e3779b9) | 0;
    let value = this.state;
    value = Math.imul(value ^ (value >>> 16), 0x21f0aaad);
    value = Math.imul(value ^ (value >>> 15), 0x735a2d97);
    return (value ^ (value >>> 15)) >>> 0;
  }

  /** Uniform in [0, 1). */
  nextFloat(): number {
    return this.nextUint32() / 4294967296;
  }

  /** Uniform integer in [0, bound). */
  nextInt(bound: number): number {
    return Math.floor(this.nextFloat() * bound);
  }

  /** Fisher–Yates shuffle in place. */
  shuffle(values: Int32Array | number[]): void {
    for (let index = values.length - 1; index > 0; index--) {
      const other = this.nextInt(index + 1);
      const value = values[index] ?? 0;
      values[index] = values[other] ?? 0;
      values[other] = value;
    }
  }
}
