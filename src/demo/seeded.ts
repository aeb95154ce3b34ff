// Seeded choices for the demo. Every draw is `uniformAt(seed, counter)` from the fakes' counter-based
// generator, so a seed fixes the sample, the policy split and the fault plan whatever the timing.
import { uniformAt } from '../fakes/faults.ts';

/** Mixes a label into a seed, so separate decisions (sampling, streaming, faults) draw independent numbers. */
export function saltedSeed(seed: number, salt: string): number {
  let hash = 0x811c9dc5 ^ (seed | 0);
  for (let position = 0; position < salt.length; position += 1) {
    hash ^= salt.charCodeAt(position);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash | 0;
}

/** Fisher–Yates where step i draws uniformAt(seed, i): the same seed always gives the same order. */
export function seededShuffle<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  for (let position = out.length - 1; position > 0; position -= 1) {
    const other = Math.floor(uniformAt(seed, position) * (position + 1));
    const swap = out[position] as T;
    out[position] = out[other] as T;
    out[other] = swap;
  }
  return out;
}

/** A stable 32-bit hash of a string, for per-prompt choices that must not depend on the seed. */
export function stringHash(text: string): number {
  return saltedSeed(0, text) >>> 0;
}
