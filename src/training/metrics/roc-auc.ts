// ROC-AUC by the rank-sum (Mann-Whitney) formula; tied scores share their average rank.

/** Returns null when one class is absent (the AUC is undefined then). */
export function rocAuc(scores: readonly number[], labels: readonly boolean[]): number | null {
  const n = scores.length;
  const score = (i: number): number => scores[i] ?? 0;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => score(a) - score(b));
  const ranks = new Float64Array(n);
  for (let start = 0; start < n; ) {
    let end = start;
    while (end + 1 < n && score(order[end + 1] ?? 0) === score(order[start] ?? 0)) end++;
    const averageRank = (start + end) / 2 + 1;
    for (let k = start; k <= end; k++) ranks[order[k] ?? 0] = averageRank;
    start = end + 1;
  }
  let positives = 0;
  let rankSum = 0;
  for (let i = 0; i < n; i++) {
    if (labels[i]) {
      positives++;
      rankSum += ranks[i] ?? 0;
    }
  }
  const negatives = n - positives;
  if (positives === 0 || negatives === 0) return null;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}
