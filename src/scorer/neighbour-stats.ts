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
  const features = new Array<number>(KNN_FEATURE_COUNT);
  const taskClass = writeNeighbourFeatures(table, labels, similarities, labels.length, features);
  return { features, taskClass };
}

// Scratch of writeNeighbourFeatures: the vote per class and which classes got one this call (a Map per
// call was a measurable share of a score call). Only touched entries are reset.
let classVotes = new Float64Array(64);
let votedClasses = new Int32Array(64);

/**
 * The statistics of the first `k` neighbours (best first), written to `out` from `offset` in
 * KNN_FEATURE_NAMES order; returns the similarity-weighted majority task class, or −1.
 */
export function writeNeighbourFeatures(
  table: NeighbourTable,
  labels: ArrayLike<number>,
  similarities: ArrayLike<number>,
  k: number,
  out: { [index: number]: number },
  offset = 0,
): number {
  if (k === 0) {
    const g = table.globalMean;
    const gap = table.globalGapMean;
    const values = [g, g, gap, g, 0, 0, g, gap, gap, g, 0, 0];
    for (let i = 0; i < KNN_FEATURE_COUNT; i++) out[offset + i] = values[i] ?? 0;
    return -1;
  }
  if (classVotes.length < table.classNames.length) classVotes = new Float64Array(table.classNames.length);
  if (votedClasses.length < k) votedClasses = new Int32Array(k);
  const votes = classVotes;
  const voted = votedClasses;
  let votedCount = 0;
  const top = similarities[0] ?? 0;
  let plainSum = 0;
  let plainGap = 0;
  let weightSum = 0;
  let weightedTarget = 0;
  let weightedGap = 0;
  let linearWeight = 0;
  let linearTarget = 0;
  let similaritySum = 0;
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
    if (taskClass >= 0) {
      let seen = false;
      for (let j = 0; j < votedCount; j++) {
        if (voted[j] === taskClass) {
          seen = true;
          break;
        }
      }
      if (seen) {
        votes[taskClass] = (votes[taskClass] ?? 0) + weight;
      } else {
        voted[votedCount++] = taskClass;
        votes[taskClass] = weight;
      }
    }
  }
  // Highest vote wins; among equal votes the lowest class id (the rule does not depend on the order).
  let taskClass = -1;
  let bestVote = -1;
  for (let j = 0; j < votedCount; j++) {
    const candidate = voted[j] ?? 0;
    const vote = votes[candidate] ?? 0;
    if (vote > bestVote || (vote === bestVote && candidate < taskClass)) {
      taskClass = candidate;
      bestVote = vote;
    }
  }
  const classPrior = taskClass >= 0 ? (table.classMeans[taskClass] ?? table.globalMean) : table.globalMean;
  const classGapPrior = taskClass >= 0 ? (table.classGapMeans[taskClass] ?? table.globalGapMean) : table.globalGapMean;
  out[offset] = plainSum / k;
  out[offset + 1] = weightedTarget / weightSum;
  out[offset + 2] = weightedGap / weightSum;
  out[offset + 3] = (linearTarget + SHRINK * table.globalMean) / (linearWeight + SHRINK);
  out[offset + 4] = top;
  out[offset + 5] = similaritySum / k;
  out[offset + 6] = classPrior;
  out[offset + 7] = classGapPrior;
  out[offset + 8] = plainGap / k;
  out[offset + 9] = table.targets[labels[0] ?? 0] ?? 0;
  out[offset + 10] = (weightedGap / weightSum) * top;
  out[offset + 11] = classGapPrior * top;
  return taskClass;
}
