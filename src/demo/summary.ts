// Computes the demo's figures from what the client saw (outcomes, graded) and what the gateway
// recorded (RequestRecords, joined by request id). Pure: no I/O, no clock.
import type { ScorerInfo } from './demo-gateway.ts';
import type { FaultPlan } from './fault-plan.ts';
import { joinPhases, type JoinedItem, type PhaseResult } from './join.ts';
import { quantile, sum } from './numbers.ts';
import type { SimulatedTier } from './simulated-quality.ts';
import { summariseCascade, summariseErrors, summariseFallbacks, summariseScores } from './summary-parts.ts';
import type { DemoSummary, PolicySummary, RoutingRow, ScoreSummary, TierCounts } from './summary-types.ts';
import { DEMO_POLICIES, POLICY_NAMES, type DemoPolicy, type WorkloadItem } from './workload.ts';

/** The product owner's targets for cost_optimized against all-premium. */
export const TARGETS = { savingPct: 40, qualityKeptPct: 95 } as const;

export interface SummaryInput {
  items: readonly WorkloadItem[];
  routed: PhaseResult;
  baseline: PhaseResult;
  faults: Pick<FaultPlan, 'injected' | 'expectedClientErrors'>;
  scorer: ScorerInfo;
  ladder: DemoSummary['ladder'];
  cutPoints: ScoreSummary['cutPoints'];
  uncertainBand: ScoreSummary['uncertainBand'];
  seed: number;
  concurrency: number;
  faultRate: number;
}

export function emptyTierCounts(): TierCounts {
  return { premium: 0, mid: 0, light: 0, small: 0 };
}

export function isSimulatedTier(value: string | null): value is SimulatedTier {
  return value === 'premium' || value === 'mid' || value === 'light' || value === 'small';
}

export function summarise(input: SummaryInput): DemoSummary {
  const { items } = input;
  const { joined, unmatched } = joinPhases(items, input.routed, input.baseline);
  const policies = DEMO_POLICIES.map((policy) => summarisePolicy(policy, joined.filter((entry) => entry.item.policy === policy)));
  const all = costAndQuality(joined);
  const optimised = policies.find((policy) => policy.policy === 'cost_optimized');
  const optimisedEntries = joined.filter((entry) => entry.item.policy === 'cost_optimized');
  const byPolicy = Object.fromEntries(DEMO_POLICIES.map((policy) => [policy, items.filter((item) => item.policy === policy).length])) as Record<DemoPolicy, number>;
  return {
    seed: input.seed,
    requests: items.length,
    concurrency: input.concurrency,
    faultRate: input.faultRate,
    durationMs: { routed: input.routed.durationMs, baseline: input.baseline.durationMs },
    workload: {
      label0: items.filter((item) => item.label === 0).length,
      label1: items.filter((item) => item.label === 1).length,
      taskClasses: new Set(items.map((item) => item.task)).size,
      streamed: items.filter((item) => item.stream).length,
      withTools: items.filter((item) => item.tools.length > 0).length,
      byPolicy,
    },
    scorer: input.scorer,
    ladder: input.ladder,
    policies,
    totals: { requests: joined.length, ...all },
    referenceCostUsd: sum(optimisedEntries.map((entry) => entry.routedRecord?.referenceCostUsd ?? 0)),
    targets: {
      saving: { policy: 'cost_optimized', valuePct: optimised?.savingPct ?? null, targetPct: TARGETS.savingPct, pass: (optimised?.savingPct ?? -Infinity) >= TARGETS.savingPct },
      quality: { policy: 'cost_optimized', valuePct: optimised?.qualityKeptPct ?? null, targetPct: TARGETS.qualityKeptPct, pass: (optimised?.qualityKeptPct ?? -Infinity) >= TARGETS.qualityKeptPct },
    },
    routing: routingRows(optimisedEntries),
    fallbacks: summariseFallbacks(input.routed.records, input.faults.injected),
    cascade: summariseCascade(joined.filter((entry) => entry.item.policy === 'cascade')),
    scores: summariseScores(optimisedEntries, input.cutPoints, input.uncertainBand),
    errors: summariseErrors(joined, input.faults.expectedClientErrors),
    records: { routed: input.routed.records.length, baseline: input.baseline.records.length, unmatchedOutcomes: unmatched },
  };
}

/** Cost and correctness of a set of items, routed against baseline. */
function costAndQuality(entries: readonly JoinedItem[]): Pick<PolicySummary, 'costUsd' | 'baselineCostUsd' | 'savingPct' | 'correct' | 'baselineCorrect' | 'qualityKeptPct'> {
  const costUsd = sum(entries.map((entry) => entry.routedRecord?.costUsd ?? 0));
  const baselineCostUsd = sum(entries.map((entry) => entry.baselineRecord?.costUsd ?? 0));
  const correct = entries.filter((entry) => entry.routedCorrect).length;
  const baselineCorrect = entries.filter((entry) => entry.baselineCorrect).length;
  return {
    costUsd,
    baselineCostUsd,
    savingPct: baselineCostUsd > 0 ? 100 * (1 - costUsd / baselineCostUsd) : null,
    correct,
    baselineCorrect,
    qualityKeptPct: baselineCorrect > 0 ? (100 * correct) / baselineCorrect : null,
  };
}

function summarisePolicy(policy: DemoPolicy, entries: readonly JoinedItem[]): PolicySummary {
  const tiers = emptyTierCounts();
  let unanswered = 0;
  for (const entry of entries) {
    const tier = entry.routedRecord?.tier ?? null;
    if (entry.routed.answer === null) unanswered += 1;
    else if (isSimulatedTier(tier)) tiers[tier] += 1;
  }
  return {
    policy,
    model: `rung/${POLICY_NAMES[policy]}`,
    requests: entries.length,
    streamed: entries.filter((entry) => entry.item.stream).length,
    withTools: entries.filter((entry) => entry.item.tools.length > 0).length,
    tiers,
    unanswered,
    ...costAndQuality(entries),
    latencyP50Ms: quantile(entries.map((entry) => entry.routed.latencyMs), 0.5),
    baselineLatencyP50Ms: quantile(entries.map((entry) => entry.baseline.latencyMs), 0.5),
  };
}

function routingRows(entries: readonly JoinedItem[]): RoutingRow[] {
  return ([1, 0] as const).map((label) => {
    const rows = entries.filter((entry) => entry.item.label === label);
    const tiers = emptyTierCounts();
    for (const entry of rows) {
      const tier = entry.routedRecord?.tier ?? null;
      if (entry.routed.answer !== null && isSimulatedTier(tier)) tiers[tier] += 1;
    }
    return { label, requests: rows.length, tiers, correct: rows.filter((entry) => entry.routedCorrect).length };
  });
}
