// Training labels from logged outcomes. A label answers the scorer's question for one logged
// prompt: "was the strong tier needed?" (1) or "did the cheap tier do?" (0). The rule, in order
// (the first that applies wins):
//
//   no prompt text stored                                   → skipped (`no_prompt`)
//   cascade ended `escalated` or `exhausted`                → 1 (`escalated`): the cheap step was refused
//   answered by a cheap tier, a validator verdict failed    → 1 (`validator_failed`)
//   answered by a cheap tier, feedback score < threshold    → 1 (`negative_feedback`)
//   answered by a cheap tier, otherwise                     → 0 (`cheap_passed`): validators passed
//                                                              (or none ran) and no negative feedback
//   answered by a stronger tier with positive feedback      → `strongPositiveLabel` (default: skipped,
//                                                              `strong_positive`): we cannot tell whether
//                                                              the cheap tier would have done as well
//   anything else (strong tier without positive feedback,
//   unknown tier)                                           → skipped (`unlabelled`)
//
// Examples carry strong = 1, weak = 1 − label, the convention `rung eval` uses for label rows, so
// the routing metrics (APGR) can be computed on them.
import type { TrainingExample } from '../training/dataset.ts';
import type { LabelledOutcome } from '../store/types.ts';

export interface LabelRule {
  /** Tiers counted as cheap: a cheap answer that held up is a 0. */
  cheapTiers: readonly string[];
  /** Feedback scores strictly below this are negative (a thumbs-down is stored as 0). */
  negativeFeedbackBelow: number;
  /** Verdicts that count as a failed validator. */
  failingVerdicts: readonly string[];
  /** Label for a stronger-tier answer with positive feedback; null leaves it unlabelled. */
  strongPositiveLabel: 0 | 1 | null;
}

export const DEFAULT_LABEL_RULE: LabelRule = {
  cheapTiers: ['light', 'small', 'local'],
  negativeFeedbackBelow: 0.5,
  failingVerdicts: ['fail'],
  strongPositiveLabel: null,
};

export const LABEL_REASONS = ['escalated', 'validator_failed', 'negative_feedback', 'cheap_passed', 'strong_positive'] as const;
export const SKIP_REASONS = ['no_prompt', 'strong_positive_unlabelled', 'unlabelled'] as const;
export type LabelReason = (typeof LABEL_REASONS)[number];
export type SkipReason = (typeof SKIP_REASONS)[number];

export type OutcomeLabel = { label: 0 | 1; reason: LabelReason } | { label: null; reason: SkipReason };

/** Where outcome-derived examples say they come from (`source`), and the id prefix. */
export const OUTCOME_SOURCE = 'outcomes';

export function isCheapTier(tier: string | null, rule: LabelRule = DEFAULT_LABEL_RULE): boolean {
  return tier !== null && rule.cheapTiers.includes(tier);
}

/** The label of one outcome by the rule above, with the reason that decided it. */
export function labelOutcome(outcome: LabelledOutcome, rule: LabelRule = DEFAULT_LABEL_RULE): OutcomeLabel {
  if (outcome.promptText === null || outcome.promptText.trim() === '') return { label: null, reason: 'no_prompt' };
  if (outcome.cascadeOutcome === 'escalated' || outcome.cascadeOutcome === 'exhausted') return { label: 1, reason: 'escalated' };
  const feedback = outcome.feedback;
  if (isCheapTier(outcome.tier, rule)) {
    if (outcome.verdicts.some((v) => rule.failingVerdicts.includes(v.verdict))) return { label: 1, reason: 'validator_failed' };
    if (feedback !== null && feedback.score < rule.negativeFeedbackBelow) return { label: 1, reason: 'negative_feedback' };
    return { label: 0, reason: 'cheap_passed' };
  }
  if (outcome.tier !== null && feedback !== null && feedback.score >= rule.negativeFeedbackBelow) {
    return rule.strongPositiveLabel === null ? { label: null, reason: 'strong_positive_unlabelled' } : { label: rule.strongPositiveLabel, reason: 'strong_positive' };
  }
  return { label: null, reason: 'unlabelled' };
}

export interface DerivedLabels {
  examples: TrainingExample[];
  /** How many outcomes each rule labelled or skipped (every reason present, zero included). */
  counts: Record<LabelReason | SkipReason, number>;
  /** Labels by request id, for replays that join back to the log. */
  labels: Map<string, 0 | 1>;
}

export function emptyCounts(): Record<LabelReason | SkipReason, number> {
  return Object.fromEntries([...LABEL_REASONS, ...SKIP_REASONS].map((reason) => [reason, 0])) as Record<LabelReason | SkipReason, number>;
}

export function deriveLabels(outcomes: readonly LabelledOutcome[], rule: LabelRule = DEFAULT_LABEL_RULE): DerivedLabels {
  const counts = emptyCounts();
  const examples: TrainingExample[] = [];
  const labels = new Map<string, 0 | 1>();
  for (const outcome of outcomes) {
    const decided = labelOutcome(outcome, rule);
    counts[decided.reason]++;
    if (decided.label === null || outcome.promptText === null) continue;
    labels.set(outcome.requestId, decided.label);
    examples.push({
      id: `${OUTCOME_SOURCE}:${outcome.requestId}`,
      prompt: outcome.promptText,
      target: decided.label,
      gap: decided.label,
      strong: 1,
      weak: 1 - decided.label,
      source: OUTCOME_SOURCE,
      ...(outcome.taskClass === null ? {} : { task: outcome.taskClass }),
    });
  }
  return { examples, counts, labels };
}

/** A partial rule (from options or a config section) over the defaults, checked. */
export function labelRuleOf(partial: Partial<LabelRule> = {}): LabelRule {
  const rule = { ...DEFAULT_LABEL_RULE, ...partial };
  if (!(rule.negativeFeedbackBelow > 0 && rule.negativeFeedbackBelow <= 1)) throw new RangeError('negativeFeedbackBelow must be in (0, 1]');
  return rule;
}
