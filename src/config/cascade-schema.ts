// The shape of a `type: cascade` policy and of its validators. Strict like the rest of the config.
// Only the cascade-specific fields live here: the lead merges the policy-level fields (retry,
// deadline_ms, fallback_on, description) into the policy union, so `CascadePolicySchema` carries
// no refinements (zod refuses to `.extend` a refined object). Cross-references (step ids and the
// judge model naming real deployments) belong in `cross-check.ts`; `cascadeReferencedNames` lists
// them.
import { z } from 'zod';

const DeploymentId = z.string().min(1);

/** Each entry must compile as a case-insensitive JavaScript regular expression. */
const PatternList = z.array(z.string().min(1)).superRefine((patterns, context) => {
  patterns.forEach((pattern, index) => {
    try {
      new RegExp(pattern, 'iu');
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      context.addIssue({ code: 'custom', message: `not a valid regular expression: ${reason}`, path: [index] });
    }
  });
});

export const NonEmptyValidatorSchema = z.strictObject({ type: z.literal('non_empty') });

export const NotRefusalValidatorSchema = z.strictObject({
  type: z.literal('not_refusal'),
  /** Extra refusal openings (regex sources, matched case-insensitively at the start of the answer). */
  patterns: PatternList.default([]),
  /** Only this many leading characters are searched; a refusal is an opening, not a mention. */
  scan_chars: z.number().int().positive().default(240),
});

export const NotTruncatedValidatorSchema = z.strictObject({ type: z.literal('not_truncated') });

export const JsonValidValidatorSchema = z.strictObject({ type: z.literal('json_valid') });

export const ToolArgumentsValidatorSchema = z.strictObject({ type: z.literal('tool_arguments') });

export const MinLengthValidatorSchema = z.strictObject({
  type: z.literal('min_length'),
  min_chars: z.number().int().nonnegative().default(1),
  /** Fraction of the prompt's characters the answer must reach; 0 turns the relative floor off. */
  relative_to_prompt: z.number().nonnegative().max(100).default(0),
});

export const LogprobConfidenceValidatorSchema = z.strictObject({
  type: z.literal('logprob_confidence'),
  /** Natural-log probability; -1.2 ≈ a mean token probability of 0.30. */
  min_mean_logprob: z.number().nonpositive(),
});

export const LlmJudgeValidatorSchema = z.strictObject({
  type: z.literal('llm_judge'),
  /** Deployment id (or alias) the judge request is sent to; set as the judge request's `model`. */
  model: DeploymentId,
  pass_threshold: z.number().min(0).max(1).default(0.5),
  max_tokens: z.number().int().positive().max(4_096).default(200),
  /** Extra grading criteria appended to Rung's rubric (for example "answers must cite a policy section"). */
  criteria: z.string().min(1).optional(),
  /** The conversation and the answer are each cut to this many characters to keep the judge cheap. */
  max_input_chars: z.number().int().min(500).default(12_000),
});

export const ValidatorConfigSchema = z.discriminatedUnion('type', [
  NonEmptyValidatorSchema,
  NotRefusalValidatorSchema,
  NotTruncatedValidatorSchema,
  JsonValidValidatorSchema,
  ToolArgumentsValidatorSchema,
  MinLengthValidatorSchema,
  LogprobConfidenceValidatorSchema,
  LlmJudgeValidatorSchema,
]);

export type ValidatorConfig = z.infer<typeof ValidatorConfigSchema>;
export type ValidatorType = ValidatorConfig['type'];
export type LlmJudgeValidatorConfig = z.infer<typeof LlmJudgeValidatorSchema>;
export type NotRefusalValidatorConfig = z.infer<typeof NotRefusalValidatorSchema>;
export type MinLengthValidatorConfig = z.infer<typeof MinLengthValidatorSchema>;
export type LogprobConfidenceValidatorConfig = z.infer<typeof LogprobConfidenceValidatorSchema>;

/** The cascade-specific fields of a policy, as a shape so the lead can spread it into a merged object. */
export const CascadePolicyShape = {
  type: z.literal('cascade'),
  /** Cheapest first. Each step is a list of deployment ids tried with fallback. */
  steps: z.array(z.array(DeploymentId).min(1)).min(1),
  /** At most this many steps run; absent, all of them. Larger than the step count is allowed and means all. */
  max_steps: z.number().int().positive().optional(),
  /** Run in order on every step's answer; the first failure escalates. Empty: the first answer is accepted. */
  validators: z.array(ValidatorConfigSchema).default([]),
} as const;

export const CascadePolicySchema = z.strictObject(CascadePolicyShape);

export type CascadePolicyConfig = z.infer<typeof CascadePolicySchema>;

/** Every deployment (or alias) name a cascade policy refers to, with its config path, for cross-checks. */
export function cascadeReferencedNames(policy: CascadePolicyConfig): { name: string; path: PropertyKey[] }[] {
  const names: { name: string; path: PropertyKey[] }[] = [];
  policy.steps.forEach((step, stepIndex) => {
    step.forEach((id, index) => names.push({ name: id, path: ['steps', stepIndex, index] }));
  });
  policy.validators.forEach((validator, index) => {
    if (validator.type === 'llm_judge') names.push({ name: validator.model, path: ['validators', index, 'model'] });
  });
  return names;
}

/** The number of steps that will actually run. */
export function effectiveStepCount(policy: Pick<CascadePolicyConfig, 'steps' | 'max_steps'>): number {
  return Math.min(policy.steps.length, policy.max_steps ?? policy.steps.length);
}
