// Per-source and overall evaluation, the shape `rung eval` prints and stores.
import { seededRandom } from './numeric.ts';
import {
  evaluateRandom,
  evaluateScores,
  promptLengthScore,
  type OutcomeRow,
  type RoutingMetrics,
} from './routing-curve.ts';

export interface EvaluationRow extends OutcomeRow {
  prompt: string;
  source: string;
}

export interface GroupReport {
  model: RoutingMetrics;
  random: RoutingMetrics;
  length: RoutingMetrics;
}

export interface EvaluationReport {
  overall: GroupReport;
  /** Keyed by source, sorted by name. */
  perSource: Record<string, GroupReport>;
}

/**
 * Evaluates `scores` per source and overall next to the random (seeded, 10 runs) and length
 * baselines. The random generator is shared across groups in route_eval's order (sources sorted,
 * then overall), so the figures equal `route_eval --baseline random --seed <seed>`.
 */
export function evaluateReport(
  rows: readonly EvaluationRow[],
  scores: readonly number[],
  options: { seed?: number; randomIterations?: number } = {},
): EvaluationReport {
  const random = seededRandom(options.seed ?? 0);
  const group = (indices: number[]): GroupReport => {
    const subset = indices.map((i) => rows[i] as EvaluationRow);
    return {
      model: evaluateScores(indices.map((i) => scores[i] ?? 0), subset),
      random: evaluateRandom(subset, { iterations: options.randomIterations ?? 10, random }),
      length: evaluateScores(subset.map((r) => promptLengthScore(r.prompt)), subset),
    };
  };
  const sources = [...new Set(rows.map((r) => r.source))].sort();
  const perSource: Record<string, GroupReport> = {};
  for (const source of sources) {
    perSource[source] = group(rows.flatMap((r, i) => (r.source === source ? [i] : [])));
  }
  return { overall: group(rows.map((_, i) => i)), perSource };
}
