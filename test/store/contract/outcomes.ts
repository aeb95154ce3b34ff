// OutcomeStore: feedback per request id (the last call wins) and the labelled outcomes for retraining.
import { describe, expect, it } from 'vitest';
import { RungError } from '../../../src/errors/rung-error.ts';
import { makeRecord, MINUTE, NOON, richRecord } from '../fixtures/records.ts';
import type { Setup } from '../store-contract.ts';

export function outcomesContract(setup: Setup): void {
  describe('outcomes', () => {
    it('keeps one feedback per request: a second call replaces the first', async () => {
      const { store } = await setup();
      await store.requests.append([makeRecord({ requestId: 'r1' })]);
      await store.outcomes.recordFeedback({ requestId: 'r1', score: 0.2, comment: 'meh', at: NOON + MINUTE });
      await store.outcomes.recordFeedback({ requestId: 'r1', score: 0.9, at: NOON + 2 * MINUTE });
      expect(await store.outcomes.getFeedback('r1')).toEqual({ requestId: 'r1', score: 0.9, comment: null, at: NOON + 2 * MINUTE });
      expect(await store.outcomes.getFeedback('r2')).toBeNull();
      const labelled = await store.outcomes.labelledOutcomes();
      expect(labelled).toHaveLength(1);
      expect(labelled[0]?.feedback?.score).toBe(0.9);
    });

    it('accepts feedback for a request not stored yet and joins it when the request arrives', async () => {
      const { store } = await setup();
      await store.outcomes.recordFeedback({ requestId: 'early', score: 1, comment: 'great', at: NOON });
      expect(await store.outcomes.labelledOutcomes()).toEqual([]);
      await store.requests.append([{ record: makeRecord({ requestId: 'early' }), promptText: 'What is 2+2?' }]);
      const [outcome] = await store.outcomes.labelledOutcomes();
      expect(outcome?.promptText).toBe('What is 2+2?');
      expect(outcome?.feedback).toEqual({ requestId: 'early', score: 1, comment: 'great', at: NOON });
    });

    it('refuses a score outside 0..1 as an invalid request and keeps the old one', async () => {
      const { store } = await setup();
      await store.outcomes.recordFeedback({ requestId: 'r1', score: 0, at: NOON });
      for (const score of [-0.1, 1.01, Number.NaN]) {
        const failure = await store.outcomes.recordFeedback({ requestId: 'r1', score, at: NOON }).catch((error: unknown) => error);
        expect(failure).toBeInstanceOf(RungError);
        expect((failure as RungError).param).toBe('score');
      }
      expect((await store.outcomes.getFeedback('r1'))?.score).toBe(0);
    });

    it('lists requests with feedback or a cascade, oldest first, with text, verdicts and feedback', async () => {
      const { store } = await setup();
      await store.requests.append([
        { record: makeRecord({ requestId: 'unlabelled', receivedAt: NOON }), promptText: 'ignored' },
        { record: richRecord('cascade', NOON + 3 * MINUTE), promptText: 'Return JSON for the order' },
        { record: makeRecord({ requestId: 'rated', receivedAt: NOON + MINUTE, taskClass: 'code', tier: 'light', score: 0.12 }) },
        { record: richRecord('late', NOON + 9 * MINUTE) },
      ]);
      await store.outcomes.recordFeedback({ requestId: 'rated', score: 0.4, at: NOON + 5 * MINUTE });
      const labelled = await store.outcomes.labelledOutcomes();
      expect(labelled.map((outcome) => outcome.requestId)).toEqual(['rated', 'cascade', 'late']);
      expect(labelled[0]).toEqual({
        requestId: 'rated',
        receivedAt: NOON + MINUTE,
        promptText: null,
        taskClass: 'code',
        tier: 'light',
        finalDeployment: 'cheap',
        score: 0.12,
        cascadeOutcome: null,
        verdicts: [],
        feedback: { requestId: 'rated', score: 0.4, comment: null, at: NOON + 5 * MINUTE },
      });
      expect(labelled[1]?.promptText).toBe('Return JSON for the order');
      expect(labelled[1]?.cascadeOutcome).toBe('escalated');
      expect(labelled[1]?.verdicts).toEqual([
        { step: 1, deployment: 'cheap', validator: 'json', verdict: 'fail', reason: 'not JSON' },
        { step: 1, deployment: 'cheap', validator: 'length', verdict: 'pass' },
        { step: 2, deployment: 'strong', validator: 'json', verdict: 'pass' },
      ]);
      expect(labelled[1]?.feedback).toBeNull();
      const window = await store.outcomes.labelledOutcomes({ from: NOON + 2 * MINUTE, to: NOON + 9 * MINUTE });
      expect(window.map((outcome) => outcome.requestId)).toEqual(['cascade']);
      const first = await store.outcomes.labelledOutcomes({ limit: 2 });
      expect(first.map((outcome) => outcome.requestId)).toEqual(['rated', 'cascade']);
    });
  });
}
