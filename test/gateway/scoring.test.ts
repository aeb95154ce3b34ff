// scoreWithDeadline: the in-process (batching) path, the synchronous path of a scorer that offers
// one, the asynchronous path with its deadline, and the failure outcomes of each (a failure never
// throws; it yields no score).
import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '../../src/chat/types.ts';
import { scoreWithDeadline } from '../../src/gateway/scoring.ts';
import type { ComplexityScorer } from '../../src/scorer/complexity-scorer.ts';
import type { ScoreResult } from '../../src/scorer/scorer.ts';

const THRESHOLDS = { cost_optimized: 0.6, balanced: 0.5, quality_first: 0.4 };
const messages: ChatMessage[] = [
  { role: 'system', content: 'Be brief.' },
  { role: 'user', content: [{ type: 'text', text: 'What is 2 + 2?' }] },
];

function scorerWith(sync: ((text: string) => ScoreResult | undefined) | undefined, asyncScore: (text: string) => Promise<ScoreResult>): ComplexityScorer & { asyncCalls: number; syncCalls: number } {
  const scorer = {
    thresholds: THRESHOLDS,
    asyncCalls: 0,
    syncCalls: 0,
    score: ({ text }: { text: string }) => {
      scorer.asyncCalls += 1;
      return asyncScore(text);
    },
    ...(sync === undefined
      ? {}
      : {
          scoreSync: ({ text }: { text: string }) => {
            scorer.syncCalls += 1;
            return sync(text);
          },
        }),
    close: async () => {},
  };
  return scorer;
}

describe('scoreWithDeadline', () => {
  it('uses the synchronous answer when the scorer has one, without the asynchronous call', async () => {
    const scorer = scorerWith(() => ({ score: 0.25, taskClass: 'math' }), () => Promise.reject(new Error('must not be called')));
    const outcome = await scoreWithDeadline(scorer, messages, 10);
    expect(outcome).toMatchObject({ score: 0.25, taskClass: 'math', failure: null, text: 'Be brief.\n\nWhat is 2 + 2?' });
    expect(scorer.syncCalls).toBe(1);
    expect(scorer.asyncCalls).toBe(0);
  });

  it('falls back to the asynchronous call when the synchronous one has no answer', async () => {
    const scorer = scorerWith(() => undefined, async () => ({ score: 0.75 }));
    const outcome = await scoreWithDeadline(scorer, messages, 50);
    expect(outcome).toMatchObject({ score: 0.75, taskClass: null, failure: null });
    expect(scorer.syncCalls).toBe(1);
    expect(scorer.asyncCalls).toBe(1);
  });

  it('reports an error, not an exception, when the synchronous call throws or gives a non-finite score', async () => {
    const throwing = scorerWith(
      () => {
        throw new Error('index corrupted');
      },
      async () => ({ score: 0.1 }),
    );
    expect(await scoreWithDeadline(throwing, messages, 10)).toMatchObject({ score: null, failure: 'error' });
    expect(throwing.asyncCalls).toBe(0);
    const notANumber = scorerWith(() => ({ score: Number.NaN }), async () => ({ score: 0.1 }));
    expect(await scoreWithDeadline(notANumber, messages, 10)).toMatchObject({ score: null, failure: 'error' });
  });

  it('gives up on an asynchronous scorer at the deadline', async () => {
    const slow = scorerWith(undefined, () => new Promise((resolve) => setTimeout(() => resolve({ score: 0.9 }), 500)));
    const outcome = await scoreWithDeadline(slow, messages, 20);
    expect(outcome).toMatchObject({ score: null, failure: 'timeout' });
  });

  it('awaits an in-process scorer without a deadline and without its synchronous path', async () => {
    // The shipped scorer batches a turn's calls; its answer comes after the turn, never from I/O.
    const batching = Object.assign(
      scorerWith(
        () => ({ score: 0.9 }),
        () => new Promise((resolve) => setTimeout(() => resolve({ score: 0.4, taskClass: 'code' }), 30)),
      ),
      { inProcess: true },
    );
    const outcome = await scoreWithDeadline(batching, messages, 5);
    expect(outcome).toMatchObject({ score: 0.4, taskClass: 'code', failure: null });
    expect(outcome.latencyMs).toBeGreaterThanOrEqual(20);
    expect(batching.syncCalls).toBe(0);
    expect(batching.asyncCalls).toBe(1);
    const failing = Object.assign(scorerWith(undefined, () => Promise.reject(new Error('encoder closed'))), { inProcess: true });
    expect(await scoreWithDeadline(failing, messages, 5)).toMatchObject({ score: null, failure: 'error', text: 'Be brief.\n\nWhat is 2 + 2?' });
  });

  it('reports a disabled scorer', async () => {
    expect(await scoreWithDeadline(null, messages, 10)).toMatchObject({ score: null, failure: 'disabled', text: null });
  });
});
