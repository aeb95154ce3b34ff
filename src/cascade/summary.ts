// Totals for a finished cascade: cost summed over every step that ran, and the savings estimate
// against the policy's top deployment (see `savings.ts` for how "top" is chosen and the caveats).
import type { Usage } from '../chat/types.ts';
import type { CostFunction } from '../validators/types.ts';
import { topCost } from './savings.ts';
import type { CascadeOutcomeKind, CascadeStepRecord, CascadeSummary } from './types.ts';

export interface FinalAnswer {
  deploymentId: string;
  step: number;
  usage: Usage;
}

export function summarise(
  policySteps: readonly (readonly string[])[],
  cost: CostFunction,
  records: CascadeStepRecord[],
  answer: FinalAnswer,
  outcome: CascadeOutcomeKind,
): CascadeSummary {
  const totalCostUsd = records.reduce((sum, record) => sum + record.costUsd, 0);
  const top = topCost(policySteps, answer.usage, cost);
  return {
    deploymentId: answer.deploymentId,
    outcome,
    answerStep: answer.step,
    steps: records,
    totalCostUsd,
    topDeploymentId: top.deploymentId,
    topCostUsd: top.costUsd,
    savedVsTopUsd: top.costUsd - totalCostUsd,
  };
}
