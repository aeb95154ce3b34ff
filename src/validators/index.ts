// The validators' public surface.
export type { CostFunction, JudgeFunction, Validator, ValidatorContext, Verdict, VerdictKind } from './types.ts';
export { VALIDATOR_FACTORIES, VALIDATOR_TYPES, createValidator, createValidators } from './registry.ts';
export { validateJsonSchema, describeSchemaErrors, hasSchemaProblem, type SchemaError } from './json-schema.ts';
export { JUDGE_RUBRIC, buildJudgeRequest } from './judge-prompt.ts';
export { readJudgeOutput, type JudgeReading } from './judge-output.ts';
export { BUILT_IN_REFUSAL_PATTERNS } from './refusal-patterns.ts';
