// The `experiments:` section of `rung.config.yaml`: A/B tests that split live traffic between two
// arms (two policies, or one policy with two scorer model versions). Strict like the rest of the
// config. Assignment and statistics live in `src/experiments/`; this file only says what a valid
// experiment looks like, and `crossCheckExperiments` checks the names it refers to.
import { z } from 'zod';
import { formatPath } from './config-error.ts';
import type { PolicyConfig } from './schema.ts';

export const EXPERIMENT_DEFAULTS = Object.freeze({
  /** Below this many requests in either arm, no winner is called. */
  minRequestsPerArm: 200,
  /** Below this many feedback ratings in either arm, feedback is not compared. */
  minFeedbackPerArm: 30,
});

/** What the arm is chosen by: the virtual key id, the request's `user`, or the request id. */
export const SPLIT_UNITS = ['key', 'user', 'request'] as const;
export type SplitUnit = (typeof SPLIT_UNITS)[number];

const Name = z.string().regex(/^[A-Za-z0-9_.:-]+$/, 'letters, digits and "_-.:" only');

/**
 * ISO 8601 with an explicit offset (`Z` or `+02:00`): a time without one would mean a different
 * instant on every server. A YAML 1.1 parser may hand over a Date; it is turned back into ISO text.
 */
const Instant = z.preprocess(
  (value) => (value instanceof Date && !Number.isNaN(value.getTime()) ? value.toISOString() : value),
  z.iso.datetime({ offset: true, message: 'an ISO 8601 date-time with an offset, e.g. 2026-11-01T00:00:00Z' }),
);

const ArmSchema = z.strictObject({
  name: Name,
  /** A policy name (without the `rung/` prefix). */
  policy: z.string().min(1),
  /** Pins the complexity scorer model this arm scores with; absent: the gateway's configured one. */
  scorer_model: z.string().min(1).optional(),
  /** Relative share of units; give it on both arms or on neither (then the split is even). */
  weight: z.number().positive().finite().optional(),
});

const MatchSchema = z.strictObject({
  /** The requested model or policy name, compared exactly (`rung/auto`, `support`, `gpt-4o`). */
  model: z.string().min(1),
  /** Only requests from these virtual key ids. */
  keys: z.array(z.string().min(1)).min(1).optional(),
  /** Only requests from keys in these workspaces. */
  workspaces: z.array(z.string().min(1)).min(1).optional(),
});

export const ExperimentSchema = z
  .strictObject({
    id: Name,
    description: z.string().optional(),
    match: MatchSchema,
    split_by: z.enum(SPLIT_UNITS).default('key'),
    /** Exactly two: the first is the control, the second the treatment compared against it. */
    arms: z.array(ArmSchema).length(2, 'exactly two arms: the control first, then the treatment'),
    /** Inclusive. */
    start: Instant.optional(),
    /** Exclusive. */
    end: Instant.optional(),
    min_requests_per_arm: z.number().int().min(2).default(EXPERIMENT_DEFAULTS.minRequestsPerArm),
    min_feedback_per_arm: z.number().int().min(2).default(EXPERIMENT_DEFAULTS.minFeedbackPerArm),
  })
  .superRefine((experiment, context) => {
    const [first, second] = experiment.arms;
    if (first !== undefined && second !== undefined) {
      if (first.name === second.name) context.addIssue({ code: 'custom', message: `duplicate arm name "${second.name}"`, path: ['arms', 1, 'name'] });
      if ((first.weight === undefined) !== (second.weight === undefined)) {
        const missing = first.weight === undefined ? 0 : 1;
        context.addIssue({ code: 'custom', message: 'give a weight on both arms or on neither', path: ['arms', missing, 'weight'] });
      }
    }
    if (experiment.start !== undefined && experiment.end !== undefined && Date.parse(experiment.start) >= Date.parse(experiment.end)) {
      context.addIssue({ code: 'custom', message: 'end must be after start', path: ['end'] });
    }
  })
  // Weights are filled in after the checks so "both or neither" can still see what was written.
  .transform((experiment) => ({
    ...experiment,
    arms: experiment.arms.map((arm) => ({ ...arm, weight: arm.weight ?? 1 })),
  }));

/** The whole `experiments:` list; ids are unique because records and reports name experiments by id. */
export const ExperimentsSchema = z
  .array(ExperimentSchema)
  .superRefine((experiments, context) => {
    const seen = new Set<string>();
    experiments.forEach((experiment, index) => {
      if (seen.has(experiment.id)) context.addIssue({ code: 'custom', message: `duplicate experiment id "${experiment.id}"`, path: [index, 'id'] });
      seen.add(experiment.id);
    });
  })
  .default([]);

export type ExperimentConfig = z.output<typeof ExperimentSchema>;
export type ExperimentArmConfig = ExperimentConfig['arms'][number];
export type ExperimentMatchConfig = ExperimentConfig['match'];

export interface ExperimentReferences {
  /** Every policy, built-in ones included (`withBuiltinPolicies` has run). */
  policies: Readonly<Record<string, PolicyConfig>>;
  /** Names `scorer_model` may take; absent: not checked (the lead decides how versions are named). */
  scorerModels?: ReadonlySet<string>;
  /** Configured virtual key ids; absent (auth disabled): key filters are not checked. */
  keyIds?: ReadonlySet<string>;
  /** Workspaces of configured keys; absent: workspace filters are not checked. */
  workspaces?: ReadonlySet<string>;
  /** Whether a requested name can reach a route (`rung/auto`, a policy, alias or deployment); absent: not checked. */
  isRequestable?: (name: string) => boolean;
}

/** Names in schema-valid experiments that refer to nothing. Returns `path: reason` lines like `crossCheck`. */
export function crossCheckExperiments(experiments: readonly ExperimentConfig[], references: ExperimentReferences): string[] {
  const issues: string[] = [];
  const at = (path: PropertyKey[], message: string) => issues.push(`${formatPath(['experiments', ...path])}: ${message}`);
  experiments.forEach((experiment, index) => {
    const { match } = experiment;
    if (references.isRequestable !== undefined && !references.isRequestable(match.model)) {
      at([index, 'match', 'model'], `unknown model or policy "${match.model}"`);
    }
    match.keys?.forEach((keyId, keyIndex) => {
      if (references.keyIds !== undefined && !references.keyIds.has(keyId)) at([index, 'match', 'keys', keyIndex], `unknown key id "${keyId}"`);
    });
    match.workspaces?.forEach((workspace, workspaceIndex) => {
      if (references.workspaces !== undefined && !references.workspaces.has(workspace)) {
        at([index, 'match', 'workspaces', workspaceIndex], `no key has workspace "${workspace}"`);
      }
    });
    experiment.arms.forEach((arm, armIndex) => {
      const policy = Object.hasOwn(references.policies, arm.policy) ? references.policies[arm.policy] : undefined;
      if (policy === undefined) {
        at([index, 'arms', armIndex, 'policy'], `unknown policy "${arm.policy}"`);
        return;
      }
      if (arm.scorer_model === undefined) return;
      if (references.scorerModels !== undefined && !references.scorerModels.has(arm.scorer_model)) {
        at([index, 'arms', armIndex, 'scorer_model'], `unknown scorer model "${arm.scorer_model}"`);
      }
      // Only score-driven policies read the scorer; pinning a version elsewhere would change nothing.
      if (policy.strategy.type !== 'intelligent') {
        at([index, 'arms', armIndex, 'scorer_model'], `policy "${arm.policy}" does not use the scorer (strategy ${policy.strategy.type})`);
      }
    });
  });
  return issues;
}
