// Policy thresholds: the calibrated score above which a request goes to the strong tier.
// Each is the quantile of validation scores that sends the named share of traffic to the cheap
// tier (score < threshold → cheap): cost_optimized ≈ 70 % cheap, balanced ≈ 50 %, quality_first ≈ 30 %.

export const POLICY_CHEAP_SHARES = {
  cost_optimized: 0.7,
  balanced: 0.5,
  quality_first: 0.3,
} as const;

export type PolicyName = keyof typeof POLICY_CHEAP_SHARES;
export type PolicyThresholds = Record<PolicyName, number>;

/** The smallest score t such that about `cheapShare` of `scores` fall strictly below t. */
export function thresholdForCheapShare(scores: readonly number[], cheapShare: number): number {
  if (scores.length === 0) return 0.5;
  const sorted = [...scores].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.round(cheapShare * sorted.length)));
  return sorted[index] ?? 0.5;
}

export function policyThresholds(validationScores: readonly number[]): PolicyThresholds {
  return {
    cost_optimized: thresholdForCheapShare(validationScores, POLICY_CHEAP_SHARES.cost_optimized),
    balanced: thresholdForCheapShare(validationScores, POLICY_CHEAP_SHARES.balanced),
    quality_first: thresholdForCheapShare(validationScores, POLICY_CHEAP_SHARES.quality_first),
  };
}

/** Share of `scores` routed to the strong tier (score >= threshold). */
export function strongShare(scores: readonly number[], threshold: number): number {
  if (scores.length === 0) return 0;
  return scores.filter((s) => s >= threshold).length / scores.length;
}
