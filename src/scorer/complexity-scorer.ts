// The scorer seam the gateway depends on: text in, calibrated score out. `Scorer` (scorer.ts) is
// the shipped implementation; tests inject others (failing, slow) through `buildApp` deps.
import type { PolicyThresholds } from './thresholds.ts';
import type { ScoreInput, ScoreResult } from './scorer.ts';

export interface ComplexityScorer {
  /** Calibrated thresholds per objective, from the model manifest. */
  readonly thresholds: PolicyThresholds;
  score(input: ScoreInput): Promise<ScoreResult>;
  /**
   * Optional: the score computed synchronously, or undefined when this scorer cannot right now
   * (then the caller uses `score`). A synchronous call cannot be cut short by a deadline, so only
   * scorers whose work is bounded and in-process offer it.
   */
  scoreSync?(input: ScoreInput): ScoreResult | undefined;
  /**
   * Optional: true when score() does only bounded work on this thread (it may wait for the end of the
   * current event-loop turn to batch calls, never for I/O). A deadline timer could not cut such a call
   * short, so the caller awaits it without one; the shipped scorer batches this way.
   */
  readonly inProcess?: boolean;
  close(): Promise<void>;
}
