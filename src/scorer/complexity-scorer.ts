// The scorer seam the gateway depends on: text in, calibrated score out. `Scorer` (scorer.ts) is
// the shipped implementation; tests inject others (failing, slow) through `buildApp` deps.
import type { PolicyThresholds } from './thresholds.ts';
import type { ScoreInput, ScoreResult } from './scorer.ts';

export interface ComplexityScorer {
  /** Calibrated thresholds per objective, from the model manifest. */
  readonly thresholds: PolicyThresholds;
  score(input: ScoreInput): Promise<ScoreResult>;
  close(): Promise<void>;
}
