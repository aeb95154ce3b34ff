// Numeric helpers that reproduce numpy / pandas behaviour exactly, because the routing metrics
// are defined by RouteLLM's Python code and our figures must match its evaluator to the digit.

/** `np.linspace(0, 1, q + 1)`, with the last point forced to exactly 1 as numpy does. */
export function unitLinspace(q: number): number[] {
  const step = 1 / q;
  const out: number[] = [];
  for (let k = 0; k <= q; k++) out.push(k * step);
  out[q] = 1;
  return out;
}

/**
 * pandas `Series.quantile(qs)` with linear interpolation over ascending `sorted` values:
 * virtual index (n-1)*q, then numpy's `_lerp`, which interpolates from the nearer end
 * (the two forms differ in the last bits, and those bits decide ties at the edges).
 */
export function linearQuantiles(sorted: ArrayLike<number>, qs: readonly number[]): number[] {
  const n = sorted.length;
  return qs.map((q) => {
    const virtualIndex = (n - 1) * q;
    const floor = Math.floor(virtualIndex);
    const fraction = virtualIndex - floor;
    const lowIndex = Math.min(Math.max(floor, 0), n - 1);
    const highIndex = Math.min(lowIndex + 1, n - 1);
    const low = sorted[lowIndex] ?? 0;
    const high = sorted[highIndex] ?? 0;
    const span = high - low;
    return fraction >= 0.5 ? high - span * (1 - fraction) : low + span * fraction;
  });
}

/**
 * numpy's `binary_search_with_guess` as used by `np.interp`. When `xs` is not increasing the
 * result depends on the search path, so the path itself is reproduced, not just the contract.
 */
function searchWithGuess(key: number, xs: readonly number[], startGuess: number): number {
  const length = xs.length;
  const at = (i: number): number => xs[i] ?? Number.NaN;
  let low = 0;
  let high = length;
  if (key > at(length - 1)) return length;
  if (key < at(0)) return -1;
  if (length <= 4) {
    let i = 1;
    while (i < length && key >= at(i)) i++;
    return i - 1;
  }
  let guess = Math.max(1, Math.min(startGuess, length - 3));
  if (key < at(guess)) {
    if (key < at(guess - 1)) {
      high = guess - 1;
      if (guess > 8 && key >= at(guess - 8)) low = guess - 8;
    } else {
      return guess - 1;
    }
  } else {
    if (key < at(guess + 1)) return guess;
    if (key < at(guess + 2)) return guess + 1;
    low = guess + 2;
    if (guess < length - 9 && key < at(guess + 8)) high = guess + 8;
  }
  while (low < high) {
    const middle = low + ((high - low) >> 1);
    if (key >= at(middle)) low = middle + 1;
    else high = middle;
  }
  guess = low - 1;
  return guess;
}

/** `np.interp(x, xs, ys)` for one scalar x. */
export function numpyInterp(x: number, xs: readonly number[], ys: readonly number[]): number {
  const n = xs.length;
  const y = (i: number): number => ys[i] ?? Number.NaN;
  const xAt = (i: number): number => xs[i] ?? Number.NaN;
  if (n === 1) return y(0);
  const j = searchWithGuess(x, xs, 0);
  if (j === -1) return y(0);
  if (j === n) return y(n - 1);
  if (j === n - 1) return y(j);
  if (xAt(j) === x) return y(j);
  const slope = (y(j + 1) - y(j)) / (xAt(j + 1) - xAt(j));
  let result = slope * (x - xAt(j)) + y(j);
  if (Number.isNaN(result)) {
    result = slope * (x - xAt(j + 1)) + y(j + 1);
    if (Number.isNaN(result) && y(j) === y(j + 1)) result = y(j);
  }
  return result;
}

/** `np.trapz(ys, xs)`. */
export function trapezoid(ys: readonly number[], xs: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i + 1 < xs.length; i++) {
    sum += (((xs[i + 1] ?? 0) - (xs[i] ?? 0)) * ((ys[i + 1] ?? 0) + (ys[i] ?? 0))) / 2;
  }
  return sum;
}

/** Mulberry32: a small seeded generator, uniform in [0, 1). Seed 0 maps to a fixed odd constant. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0 || 0x9e3779b9;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function mean(values: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i] ?? 0;
  return values.length === 0 ? Number.NaN : sum / values.length;
}
