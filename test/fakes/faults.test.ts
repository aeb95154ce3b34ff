import { describe, expect, it } from 'vitest';
import {
  faultAlways,
  faultBetween,
  faultEvery,
  faultForModel,
  faultSequence,
  faultWithProbability,
  firstFault,
  uniformAt,
} from '../../src/fakes/index.ts';
import type { FakeRequest, Fault, FaultScript } from '../../src/fakes/index.ts';

function requestFor(model: string): FakeRequest {
  return {
    kind: 'openai',
    model,
    stream: false,
    messages: [{ role: 'user', text: 'hi' }],
    tools: [],
    toolChoice: 'none',
    responseFormat: { type: 'text' },
    maxTokens: undefined,
    stop: [],
    logprobs: false,
    promptTokens: 1,
    body: {},
  };
}

const RATE_LIMIT: Fault = { status: 429 };
const SERVER: Fault = { status: 500 };

function run(script: FaultScript, count: number, model = 'm'): (Fault | undefined)[] {
  return Array.from({ length: count }, (_, index) => script(index, requestFor(model)));
}

describe('fault scripts', () => {
  it('faultSequence plays the list, then nothing', () => {
    expect(run(faultSequence([RATE_LIMIT, undefined, SERVER]), 5)).toEqual([RATE_LIMIT, undefined, SERVER, undefined, undefined]);
  });

  it('faultEvery hits the n-th, 2n-th, ... request', () => {
    expect(run(faultEvery(3, SERVER), 7)).toEqual([undefined, undefined, SERVER, undefined, undefined, SERVER, undefined]);
    expect(() => faultEvery(0, SERVER)).toThrow(RangeError);
  });

  it('faultForModel filters by model name and composes with other scripts', () => {
    const script = faultForModel('big', faultSequence([RATE_LIMIT, RATE_LIMIT]));
    expect(script(0, requestFor('small'))).toBeUndefined();
    expect(script(1, requestFor('big'))).toBe(RATE_LIMIT);
    expect(script(2, requestFor('big'))).toBeUndefined();
  });

  it('firstFault takes the first script that chooses; faultBetween bounds an index range', () => {
    const script = firstFault(faultBetween(1, 3, RATE_LIMIT), faultAlways(SERVER));
    expect(run(script, 4)).toEqual([SERVER, RATE_LIMIT, RATE_LIMIT, SERVER]);
  });

  it('faultWithProbability is deterministic per seed and close to p over many requests', () => {
    const a = run(faultWithProbability(0.3, SERVER, 42), 10_000);
    const b = run(faultWithProbability(0.3, SERVER, 42), 10_000);
    const other = run(faultWithProbability(0.3, SERVER, 43), 10_000);
    expect(a).toEqual(b);
    expect(a).not.toEqual(other);
    const share = a.filter((fault) => fault !== undefined).length / a.length;
    expect(share).toBeGreaterThan(0.27);
    expect(share).toBeLessThan(0.33);
    expect(run(faultWithProbability(0, SERVER, 1), 100).every((fault) => fault === undefined)).toBe(true);
    expect(run(faultWithProbability(1, SERVER, 1), 100).every((fault) => fault === SERVER)).toBe(true);
    expect(() => faultWithProbability(1.5, SERVER, 1)).toThrow(RangeError);
  });

  it('the probability decision depends on the index alone, not on call order', () => {
    const script = faultWithProbability(0.5, SERVER, 7);
    const forward = run(script, 50);
    const backward = Array.from({ length: 50 }, (_, step) => script(49 - step, requestFor('m'))).reverse();
    expect(backward).toEqual(forward);
    for (let index = 0; index < 1000; index += 1) {
      const value = uniformAt(7, index);
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThan(1);
    }
  });
});
