// Building blocks for fault scripts. Every script is a pure function of (index, request), so a
// script gives the same faults for the same request order whatever the timing, and `reset()`
// replays it from the start. The probability script hashes (seed, index) instead of advancing a
// generator, so concurrent requests cannot change which index gets a fault.
import type { Fault, FaultScript } from './types.ts';

/** A fault, or a script choosing one. */
export type FaultOrScript = Fault | FaultScript;

function toScript(fault: FaultOrScript): FaultScript {
  return typeof fault === 'function' ? fault : () => fault;
}

/** The same fault for every request. */
export function faultAlways(fault: Fault): FaultScript {
  return () => fault;
}

/** Request i gets `faults[i]` (undefined entries mean none); requests after the list get none. */
export function faultSequence(faults: readonly (Fault | undefined)[]): FaultScript {
  const copy = [...faults];
  return (index) => copy[index];
}

/** Every n-th request (the n-th, 2n-th, ... counting from 1) gets the fault. */
export function faultEvery(n: number, fault: FaultOrScript): FaultScript {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`faultEvery: n must be a positive integer, got ${n}`);
  const script = toScript(fault);
  return (index, request) => ((index + 1) % n === 0 ? script(index, request) : undefined);
}

/** Each request independently gets the fault with probability p, decided by (seed, index) alone. */
export function faultWithProbability(p: number, fault: FaultOrScript, seed: number): FaultScript {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`faultWithProbability: p must be in [0, 1], got ${p}`);
  const script = toScript(fault);
  return (index, request) => (uniformAt(seed, index) < p ? script(index, request) : undefined);
}

/** Only requests naming this model (exactly) are handed to the fault or script. */
export function faultForModel(model: string, fault: FaultOrScript): FaultScript {
  const script = toScript(fault);
  return (index, request) => (request.model === model ? script(index, request) : undefined);
}

/** Requests with index in [from, to) are handed to the fault or script; others get none. */
export function faultBetween(from: number, to: number, fault: FaultOrScript): FaultScript {
  const script = toScript(fault);
  return (index, request) => (index >= from && index < to ? script(index, request) : undefined);
}

/** The first script that chooses a fault wins. */
export function firstFault(...scripts: FaultScript[]): FaultScript {
  return (index, request) => {
    for (const script of scripts) {
      const fault = script(index, request);
      if (fault !== undefined) return fault;
    }
    return undefined;
  };
}

/**
 * A uniform number in [0, 1) that depends only on (seed, index): a counter-based generator
 * (the "lowbias32" integer hash applied twice). Deterministic across runs and platforms.
 */
export function uniformAt(seed: number, index: number): number {
  let x = (Math.imul(index | 0, 0x9e3779b9) ^ (seed | 0)) >>> 0;
  for (let round = 0; round < 2; round += 1) {
    x ^= x >>> 16;
    x = Math.imul(x, 0x7feb352d);
    x ^= x >>> 15;
    x = Math.imul(x, 0x846ca68b);
    x ^= x >>> 16;
  }
  return (x >>> 0) / 4_294_967_296;
}
