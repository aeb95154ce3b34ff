// The SQLite OutcomeStore. Recording feedback for a stored request also moves its hourly rollups
// in the same transaction, so aggregates see the new score at once.
import { checkFeedback, verdictsOf } from '../outcome-rules.ts';
import { checkLimit } from '../query-input.ts';
import { DEFAULT_LABELLED_LIMIT, type Feedback, type FeedbackInput, type LabelledOutcome, type LabelledOutcomeQuery, type OutcomeStore } from '../types.ts';
import type { SqliteDatabase } from './database.ts';
import { METRIC_SELECT, metricInputOfRow, type MetricRow } from './metric-row.ts';
import { decodeCascade } from './request-row.ts';
import { RollupWriter } from './rollup.ts';

interface FeedbackRow {
  request_id: string;
  score: number;
  comment: string | null;
  at: number;
}

interface LabelledRow {
  request_id: string;
  received_at: number;
  prompt_text: string | null;
  task_class: string | null;
  tier: string | null;
  final_deployment: string | null;
  score: number | null;
  cascade: string | null;
  feedback_score: number | null;
  feedback_comment: string | null;
  feedback_at: number | null;
}

export class SqliteOutcomes implements OutcomeStore {
  private readonly rollups: RollupWriter;
  private readonly readFeedback;
  private readonly writeFeedback;
  private readonly storedRequest;
  private readonly labelled;
  private readonly record;

  constructor(db: SqliteDatabase) {
    this.rollups = new RollupWriter(db);
    this.readFeedback = db.prepare('SELECT request_id, score, comment, at FROM feedback WHERE request_id = ?');
    this.writeFeedback = db.prepare(
      `INSERT INTO feedback (request_id, score, comment, at) VALUES (@requestId, @score, @comment, @at)
       ON CONFLICT (request_id) DO UPDATE SET score = excluded.score, comment = excluded.comment, at = excluded.at`,
    );
    // Read before the new score is written, so `f.score` is the old one (null when none).
    this.storedRequest = db.prepare(`SELECT ${METRIC_SELECT} FROM requests r LEFT JOIN feedback f ON f.request_id = r.request_id WHERE r.request_id = ?`);
    this.labelled = db.prepare(
      `SELECT r.request_id, r.received_at, p.text AS prompt_text, r.task_class, r.tier, r.final_deployment, r.score, r.cascade,
              f.score AS feedback_score, f.comment AS feedback_comment, f.at AS feedback_at
       FROM requests r
       LEFT JOIN feedback f ON f.request_id = r.request_id
       LEFT JOIN request_prompts p ON p.request_row = r.id
       WHERE r.received_at >= ? AND r.received_at < ? AND (f.request_id IS NOT NULL OR r.cascade_outcome IS NOT NULL)
       ORDER BY r.received_at, r.id
       LIMIT ?`,
    );
    this.record = db.transaction((feedback: Feedback) => {
      const stored = this.storedRequest.get(feedback.requestId) as MetricRow | undefined;
      this.writeFeedback.run(feedback);
      if (stored === undefined) return;
      const previous = stored.feedback_score;
      this.rollups.feedbackChanged(metricInputOfRow(stored), feedback.score - (previous ?? 0), previous === null ? 1 : 0);
    });
  }

  async recordFeedback(input: FeedbackInput): Promise<void> {
    this.record.immediate(checkFeedback(input));
  }

  async getFeedback(requestId: string): Promise<Feedback | null> {
    const row = this.readFeedback.get(requestId) as FeedbackRow | undefined;
    return row === undefined ? null : { requestId: row.request_id, score: row.score, comment: row.comment, at: row.at };
  }

  async labelledOutcomes(query: LabelledOutcomeQuery = {}): Promise<LabelledOutcome[]> {
    const limit = query.limit ?? DEFAULT_LABELLED_LIMIT;
    checkLimit(limit);
    const rows = this.labelled.all(query.from ?? Number.MIN_SAFE_INTEGER, query.to ?? Number.MAX_SAFE_INTEGER, limit) as LabelledRow[];
    return rows.map((row) => {
      const cascade = decodeCascade(row.cascade);
      return {
        requestId: row.request_id,
        receivedAt: row.received_at,
        promptText: row.prompt_text,
        taskClass: row.task_class,
        tier: row.tier,
        finalDeployment: row.final_deployment,
        score: row.score,
        cascadeOutcome: cascade?.outcome ?? null,
        verdicts: verdictsOf(cascade),
        feedback:
          row.feedback_score === null || row.feedback_at === null
            ? null
            : { requestId: row.request_id, score: row.feedback_score, comment: row.feedback_comment, at: row.feedback_at },
      };
    });
  }
}
