// Scorer.score() batches the calls of one event-loop turn into one encoder run. These tests hold it to
// that: one run per turn (split at MAX_SCORE_BATCH), results identical to scoring each text alone,
// the options of each call kept apart, separate turns kept apart, and an encoder failure rejecting
// every call of its batch (the gateway then routes those requests to the most capable model).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BuiltinOnnxEncoder } from '../../src/scorer/encoder/builtin/onnx-encoder.ts';
import { DEFAULT_MODEL_DIRECTORY } from '../../src/scorer/default-model.ts';
import { MAX_SCORE_BATCH, loadScorerModel, type Scorer } from '../../src/scorer/scorer.ts';
import { parityCorpus } from './encoder/parity-corpus.ts';
import { routingCorpus } from './routing-corpus.ts';

describe('Scorer.score() batching', () => {
  let scorer: Scorer;
  let runs: number[];

  beforeEach(async () => {
    scorer = await loadScorerModel(DEFAULT_MODEL_DIRECTORY);
    runs = [];
    const original = BuiltinOnnxEncoder.prototype.embedBatchSync;
    vi.spyOn(BuiltinOnnxEncoder.prototype, 'embedBatchSync').mockImplementation(function (this: BuiltinOnnxEncoder, batch) {
      runs.push(batch.size);
      return original.call(this, batch);
    });
  });

  afterEach(async () => {
    vi.restoreAllMocks();
    await scorer.close();
  });

  it('scores the calls of one turn in one encoder run, each exactly as alone', async () => {
    const texts = [...parityCorpus(20, 5), ...routingCorpus(20, 9), ''];
    const alone = texts.map((text) => scorer.scoreSync({ text }, { neighbours: true }));
    runs = [];
    expect(scorer.inProcess).toBe(true);
    const batched = await Promise.all(texts.map((text, i) => scorer.score({ text }, i % 2 === 0 ? { neighbours: true } : undefined)));
    expect(runs).toEqual([texts.length]);
    batched.forEach((result, i) => {
      const want = alone[i];
      if (want === undefined) throw new Error('the shipped scorer should score synchronously');
      expect(Math.abs(result.score - want.score)).toBeLessThanOrEqual(1e-6);
      expect(result.taskClass).toBe(want.taskClass);
      // Only the calls that asked for neighbours get them.
      if (i % 2 === 0) expect(result.neighbours).toEqual(want.neighbours);
      else expect(result.neighbours).toBeUndefined();
    });
  });

  it('splits a large turn into runs of at most MAX_SCORE_BATCH and keeps separate turns apart', async () => {
    const texts = parityCorpus(MAX_SCORE_BATCH * 2 + 7, 41);
    await Promise.all(texts.map((text) => scorer.score({ text })));
    expect(runs).toEqual([MAX_SCORE_BATCH, MAX_SCORE_BATCH, 7]);
    runs = [];
    const first = scorer.score({ text: 'What is the capital of France?' });
    await new Promise((resolve) => setImmediate(resolve));
    const second = scorer.score({ text: 'Prove that there are infinitely many primes.' });
    await Promise.all([first, second]);
    expect(runs).toEqual([1, 1]);
  });

  it('rejects every call of a batch whose encoder run fails, and scores the next turn again', async () => {
    vi.spyOn(BuiltinOnnxEncoder.prototype, 'embedBatchSync').mockImplementationOnce(() => {
      throw new Error('onnxruntime failed');
    });
    const texts = parityCorpus(5, 3);
    const settled = await Promise.allSettled(texts.map((text) => scorer.score({ text })));
    expect(settled.map((outcome) => outcome.status)).toEqual(texts.map(() => 'rejected'));
    expect(String((settled[0] as PromiseRejectedResult).reason)).toMatch(/onnxruntime failed/);
    const recovered = await scorer.score({ text: texts[0] ?? '' });
    expect(recovered.score).toBeGreaterThanOrEqual(0);
    expect(recovered.score).toBeLessThanOrEqual(1);
  });

  it('rejects calls queued when the scorer closes', async () => {
    const pending = scorer.score({ text: 'Summarise this paragraph.' });
    await scorer.close();
    await expect(pending).rejects.toThrow(/closed/);
  });
});
