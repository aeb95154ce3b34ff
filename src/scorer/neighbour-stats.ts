// What the head learns from a prompt's nearest labelled neighbours. The neighbour table holds,
// per indexed row, its target, its signed strong−weak gap and its task class — no text.

export interface NeighbourTable {
  targets: Float32Array;
  gaps: Float32Array;
  /** Index into `classNames`, or −1 when the row had no task class. */
  classes: Int32Array;
  classNames: string[];
  /** Mean target per class (same order as classNames), from the indexed rows. */
  classMeans: number[];
  /** Mean signed gap per class (same order as classNames). */
  classGapMeans: number[];
  globalMean: number;
  globalGapMean: number;
}

export const KNN_FEATURE_NAMES = [
  'knn_mean_target',
  'knn_weighted_target',
  'knn_weighted_gap',
  'knn_shrunk_target',
  'knn_top_similarity',
  'knn_mean_similarity',
  'knn_class_prior',
  'knn_class_gap_prior',
  'knn_mean_gap',
  'knn_top_target',
  'knn_gap_x_similarity',
  'knn_class_gap_x_similarity',
] as const;

export const KNN_FEATURE_COUNT = KNN_FEATURE_NAMES.length;

/** Softmax temperature over cosine similarities: near neighbours dominate, far ones still count. */
const TEMPERATURE = 0.05;
/** Pseudo-count pulling the shrunk mean toward the global mean when neighbours are few or far. */
const SHRINK = 2;

export function buildNeighbourTable(
  targets: readonly number[],
  gaps: readonly number[],
  taskClasses: readonly (string | undefined)[],
): NeighbourTable {
  const classNames = [...new Set(taskClasses.filter((c): c is string => c !== undefined))].sort();
  const lookup = new Map(classNames.map((name, i) => [name, i]));
  const sums = new Float64Array(classNames.length);
  const gapSums = new Float64Array(classNames.length);
  const counts = new Float64Array(classNames.length);
  const classes = new Int32Array(targets.length);
  let total = 0;
  let gapTotal = 0;
  targets.forEach((target, row) => {
    const taskClass = taskClasses[row];
    const id = taskClass === undefined ? -1 : (lookup.get(taskClass) ?? -1);
    classes[row] = id;
    total += target;
    gapTotal += gaps[row] ?? 0;
    if (id >= 0) {
      sums[id] = (sums[id] ?? 0) + target;
      gapSums[id] = (gapSums[id] ?? 0) + (gaps[row] ?? 0);
      counts[id] = (counts[id] ?? 0) + 1;
    }
  });
  const globalMean = targets.length === 0 ? 0.5 : total / targets.length;
  const globalGapMean = targets.length === 0 ? 0 : gapTotal / targets.length;
  return {
    targets: Float32Array.from(targets),
    gaps: Float32Array.from(gaps),
    classes,
    classNames,
    // Smoothed like the shrunk kNN mean so a tiny class does not claim certainty.
    classMeans: classNames.map((_, i) => ((sums[i] ?? 0) + SHRINK * globalMean) / ((counts[i] ?? 0) + SHRINK)),
    classGapMeans: classNames.map((_, i) => ((gapSums[i] ?? 0) + SHRINK * globalGapMean) / ((counts[i] ?? 0) + SHRINK)),
    globalMean,
    globalGapMean,
  };
}

export interface NeighbourSummary {
  /** KNN_FEATURE_COUNT values, in KNN_FEATURE_NAMES order. */
  features: number[];
  /** Similarity-weighted majority task class of the neighbours, if any has one. */
  taskClass: number;
}

export function summariseNeighbours(table: NeighbourTable, labels: readonly number[], similarities: readonly number[]): NeighbourSummary {
  const k = labels.length;
  if (k === 0) {
    const g = table.globalMean;
    return { features: [g, g, table.globalGapMean, g, 0, 0, g, table.globalGapMean, table.globalGapMean, g, 0, 0], taskClass: -1 };
  }
  const top = similarities[0] ?? 0;
  let plainSum = 0;
  let plainGap = 0;
  let weightSum = 0;
  let weightedTarget = 0;
  let weightedGap = 0;
  let linearWeight = 0;
  let linearTarget = 0;
  let similaritySum = 0;
  const classVotes = new Map<number, number>();
  for (let i = 0; i < k; i++) {
    const row = labels[i] ?? 0;
    const similarity = similarities[i] ?? 0;
    const target = table.targets[row] ?? 0;
    const weight = Math.exp((similarity - top) / TEMPERATURE);
    plainSum += target;
    plainGap += table.gaps[row] ?? 0;
    weightSum += weight;
    weightedTarget += weight * target;
    weightedGap += weight * (table.gaps[row] ?? 0);
    const positive = Math.max(0, similarity);
    linearWeight += positive;
    linearTarget += positive * target;
    similaritySum += similarity;
    const taskClass = table.classes[row] ?? -1;
    if (taskClass >= 0) classVotes.set(taskClass, (classVotes.get(taskClass) ?? 0) + weight);
  }
  let taskClass = -1;
  let bestVote = -1;
  for (const [candidate, vote] of classVotes) {
    if (vote > bestVote || (vote === bestVote && candidate < taskClass)) {
      taskClass = candidate;
      bestVote = vote;
    }
  }
  const classPrior = taskClass >= 0 ? (table.classMeans[taskClass] ?? table.globalMean) : table.globalMean;
  const classGapPrior = taskClass >= 0 ? (table.classGapMeans[taskClass] ?? table.globalGapMean) : table.globalGapMean;
  return {
    features: [
      plainSum / k,
      weightedTarget / weightSum,
      weightedGap / weightSum,
      (linearTarget + SHRINK * table.globalMean) / (linearWeight + SHRINK),
      top,
      similaritySum / k,
      classPrior,
      classGapPrior,
      plainGap / k,
      table.targets[labels[0] ?? 0] ?? 0,
      (weightedGap / weightSum) * top,
      classGapPrior * top,
    ],
    taskClass,
  };
}
