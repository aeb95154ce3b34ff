// Config `type` → validator factory. Parameters are validated by `ValidatorConfigSchema` when the
// config loads; `createValidators` validates again so programmatic callers (tests, embedders) get
// the same boot-time errors rather than a failure on the first request.
import { ValidatorConfigSchema, type ValidatorConfig, type ValidatorType } from '../config/cascade-schema.ts';
import { ConfigError, formatPath } from '../config/config-error.ts';
import { createJsonValidValidator } from './json-valid.ts';
import { createLlmJudgeValidator } from './llm-judge.ts';
import { createLogprobConfidenceValidator } from './logprob-confidence.ts';
import { createMinLengthValidator } from './min-length.ts';
import { createNonEmptyValidator } from './non-empty.ts';
import { createNotRefusalValidator } from './not-refusal.ts';
import { createNotTruncatedValidator } from './not-truncated.ts';
import { createToolArgumentsValidator } from './tool-arguments.ts';
import type { Validator } from './types.ts';

type FactoryMap = { readonly [Type in ValidatorType]: (config: Extract<ValidatorConfig, { type: Type }>) => Validator };

export const VALIDATOR_FACTORIES: FactoryMap = Object.freeze({
  non_empty: () => createNonEmptyValidator(),
  not_refusal: (config) => createNotRefusalValidator(config),
  not_truncated: () => createNotTruncatedValidator(),
  json_valid: () => createJsonValidValidator(),
  tool_arguments: () => createToolArgumentsValidator(),
  min_length: (config) => createMinLengthValidator(config),
  logprob_confidence: (config) => createLogprobConfidenceValidator(config),
  llm_judge: (config) => createLlmJudgeValidator(config),
});

export const VALIDATOR_TYPES: readonly ValidatorType[] = Object.freeze(Object.keys(VALIDATOR_FACTORIES) as ValidatorType[]);

export function createValidator(config: ValidatorConfig): Validator {
  const factory = VALIDATOR_FACTORIES[config.type] as (config: ValidatorConfig) => Validator;
  return factory(config);
}

/**
 * Builds validators from raw or parsed config entries, in order. Throws ConfigError listing every
 * problem as `<source>[index].field: reason`.
 */
export function createValidators(entries: readonly unknown[], source = 'validators'): Validator[] {
  const issues: string[] = [];
  const configs: ValidatorConfig[] = [];
  entries.forEach((entry, index) => {
    const parsed = ValidatorConfigSchema.safeParse(entry);
    if (parsed.success) configs.push(parsed.data);
    else for (const issue of parsed.error.issues) issues.push(`${formatPath([source, index, ...issue.path])}: ${issue.message}`);
  });
  if (issues.length > 0) throw new ConfigError(source, issues);
  return configs.map(createValidator);
}
