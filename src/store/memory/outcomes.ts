// The in-memory OutcomeStore.
import { checkLimit } from '../query-input.ts';
import { checkFeedback, verdictsOf } from '../outcome-rules.ts';
import { DEFAULT_LABELLED_LIMIT, type Feedback, type FeedbackInput, type LabelledOutcome, type LabelledOutcomeQuery, type OutcomeStore } from '../types.ts';
import type { MemoryState } from './memory-state.ts';

export class MemoryOutcomes implements OutcomeStore {
  constructor(private readonly state: MemoryState) {}

  async recordFeedback(input: FeedbackInput): Promise<void> {
    const feedback = checkFeedback(input);
    this.state.feedback.set(feedback.requestId, feedback);
  }

  async getFeedback(requestId: string): Promise<Feedback | null> {
    const feedback = this.state.feedback.get(requestId);
    return feedback === undefined ? null : { ...feedback };
  }

  async labelledOutcomes(query: LabelledOutcomeQuery = {}): Promise<LabelledOutcome[]> {
    const from = query.from ?? Number.MIN_SAFE_INTEGER;
    const to = query.to ?? Number.MAX_SAFE_INTEGER;
    const limit = query.limit ?? DEFAULT_LABELLED_LIMIT;
    checkLimit(limit);
    const labelled = [...this.state.requests.values()]
      .filter(({ record }) => record.receivedAt >= from && record.receivedAt < to)
      .filter(({ record }) => record.cascade !== null || this.state.feedback.has(record.requestId))
      .sort((a, b) => a.record.receivedAt - b.record.receivedAt || a.sequence - b.sequence)
      .slice(0, limit);
    return labelled.map(({ record, promptText }) => {
      const feedback = this.state.feedback.get(record.requestId);
      return {
        requestId: record.requestId,
        receivedAt: record.receivedAt,
        promptText,
        taskClass: record.taskClass,
        tier: record.tier,
        finalDeployment: record.finalDeployment,
        score: record.score,
        cascadeOutcome: record.cascade?.outcome ?? null,
        verdicts: verdictsOf(record.cascade),
        feedback: feedback === undefined ? null : { ...feedback },
      };
    });
  }
}
