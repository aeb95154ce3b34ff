// RouteLLM's cost–quality metrics (routellm/evals/benchmarks.py + evaluate.py), re-implemented
// to match /work/shared/tools/route_eval.mjs exactly:
//   thresholds = the linear 0,10,…,100 % quantiles of the scores (pandas qcut edges);
//   edge i < last routes strong when score >= edge, the last edge when score > edge;
//   performance = mean over prompts of (strong if routed strong else weak);
//   points sorted by strong-call %, AUC = trapz(perf, pct/100);
//   APGR = (AUC − weakAUC)/(strongAUC − weakAUC);
//   CPT(p) = np.interp(weak + p·(strong − weak), perf, pct).
import { linearQuantiles, mean, numpyInterp, seededRandom, trapezoid, unitLinspace } from './numeric.ts';
import { rocAuc } from './roc-auc.ts';

/** One labelled prompt: the quality of each tier's answer, in [0, 1]. */
export interface OutcomeRow {
  strong: number;
  weak: number;
}

export interface CurvePoint {
  /** Strong-call share in percent (0–100). */
  pct: number;
  /** Mean quality over all prompts at this threshold. */
  perf: number;
  /** The score threshold; absent on the averaged random curve. */
  threshold?: number;
}

export interface RoutingMetrics {
  n: number;
  strongPerf: number;
  weakPerf: number;
  /** Share of prompts with strong − weak > 0. */
  fracStrongBetter: number;
  rocAuc: number | null;
  apgr: number | null;
  cpt20: number | null;
  cpt50: number | null;
  cpt80: number | null;
  curveAuc: number;
  /** True when two quantile edges coincide (RouteLLM's qcut would raise). */
  duplicateEdges: boolean;
  /** Sorted by pct ascending. */
  curve: CurvePoint[];
}

export const DEFAULT_NUM_RESULTS = 10;

/** One threshold sweep, in sweep order (100 % strong → 0 %). */
export function sweepThresholds(
  scores: readonly number[],
  rows: readonly OutcomeRow[],
  numResults = DEFAULT_NUM_RESULTS,
): { points: CurvePoint[]; duplicateEdges: boolean } {
  const n = scores.length;
  const sorted = Float64Array.from(scores).sort();
  const edges = linearQuantiles(sorted, unitLinspace(numResults));
  const duplicateEdges = new Set(edges).size < edges.length;
  const points: CurvePoint[] = edges.map((threshold, edgeIndex) => {
    const last = edgeIndex === edges.length - 1;
    let strongCalls = 0;
    let quality = 0;
    for (let k = 0; k < n; k++) {
      const score = scores[k] ?? 0;
      const row = rows[k] as OutcomeRow;
      if (last ? score > threshold : score >= threshold) {
        strongCalls++;
        quality += row.strong;
      } else {
        quality += row.weak;
      }
    }
    return { threshold, pct: (strongCalls / n) * 100, perf: quality / n };
  });
  return { points, duplicateEdges };
}

/** Stable sort by pct (ties keep sweep order), as route_eval does. */
function sortCurve(points: CurvePoint[]): CurvePoint[] {
  return points
    .map((point, index) => ({ point, index }))
    .sort((a, b) => a.point.pct - b.point.pct || a.index - b.index)
    .map(({ point }) => point);
}

function summarise(
  rows: readonly OutcomeRow[],
  curve: CurvePoint[],
  aucScores: readonly number[],
  duplicateEdges: boolean,
): RoutingMetrics {
  const strongPerf = mean(rows.map((r) => r.strong));
  const weakPerf = mean(rows.map((r) => r.weak));
  const xs = curve.map((p) => p.pct / 100);
  const ys = curve.map((p) => p.perf);
  const curveAuc = trapezoid(ys, xs);
  const weakAuc = trapezoid(xs.map(() => weakPerf), xs);
  const strongAuc = trapezoid(xs.map(() => strongPerf), xs);
  const apgr = strongAuc !== weakAuc ? (curveAuc - weakAuc) / (strongAuc - weakAuc) : null;
  const pcts = curve.map((p) => p.pct);
  const cpt = (share: number): number | null =>
    strongPerf !== weakPerf ? numpyInterp(share * (strongPerf - weakPerf) + weakPerf, ys, pcts) : null;
  const labels = rows.map((r) => r.strong - r.weak > 0);
  return {
    n: rows.length,
    strongPerf,
    weakPerf,
    fracStrongBetter: labels.filter(Boolean).length / rows.length,
    rocAuc: rocAuc(aucScores, labels),
    apgr,
    cpt20: cpt(0.2),
    cpt50: cpt(0.5),
    cpt80: cpt(0.8),
    curveAuc,
    duplicateEdges,
    curve,
  };
}

/** Metrics of one score vector (higher = needs the strong tier more) over one benchmark. */
export function evaluateScores(
  scores: readonly number[],
  rows: readonly OutcomeRow[],
  numResults = DEFAULT_NUM_RESULTS,
): RoutingMetrics {
  if (scores.length !== rows.length || rows.length === 0) {
    throw new RangeError(`evaluateScores: need one score per row (got ${scores.length} scores, ${rows.length} rows)`);
  }
  const { points, duplicateEdges } = sweepThresholds(scores, rows, numResults);
  return summarise(rows, sortCurve(points), scores, duplicateEdges);
}

/**
 * The random router: `iterations` sweeps of uniform scores from one seeded stream, the points
 * grouped by strong-call % and averaged. The ROC-AUC is that of the first run, as in route_eval.
 * Pass the same `random` across benchmarks to reproduce route_eval's per-source figures.
 */
export function evaluateRandom(
  rows: readonly OutcomeRow[],
  options: { iterations?: number; seed?: number; random?: () => number; numResults?: number } = {},
): RoutingMetrics {
  const iterations = options.iterations ?? 10;
  const random = options.random ?? seededRandom(options.seed ?? 0);
  const groups = new Map<number, number[]>();
  let firstScores: number[] = [];
  let duplicateEdges = false;
  for (let iteration = 0; iteration < iterations; iteration++) {
    const scores = rows.map(() => random());
    if (iteration === 0) firstScores = scores;
    const sweep = sweepThresholds(scores, rows, options.numResults ?? DEFAULT_NUM_RESULTS);
    duplicateEdges ||= sweep.duplicateEdges;
    for (const point of sweep.points) {
      const list = groups.get(point.pct) ?? [];
      list.push(point.perf);
      groups.set(point.pct, list);
    }
  }
  const curve = [...groups.entries()].map(([pct, perfs]) => ({ pct, perf: mean(perfs) }));
  return summarise(rows, sortCurve(curve), firstScores, duplicateEdges);
}

/** The prompt-length baseline score: length in Unicode code points. */
export function promptLengthScore(prompt: string): number {
  let count = 0;
  for (const _ of prompt) count++;
  return count;
}
