import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { CascadePolicySchema, cascadeReferencedNames, effectiveStepCount, ValidatorConfigSchema } from '../../src/config/cascade-schema.ts';
import { ConfigError } from '../../src/config/config-error.ts';
import { VALIDATOR_TYPES, createValidators } from '../../src/validators/registry.ts';
import { answer, ask, context } from './fixtures.ts';

const policyYaml = `
type: cascade
steps:
  - [gemini-flash, gpt-4o-mini]
  - [claude-haiku]
  - [gpt-4o]
max_steps: 3
validators:
  - { type: non_empty }
  - { type: not_refusal }
  - { type: not_truncated }
  - { type: json_valid }
  - { type: tool_arguments }
  - { type: min_length, min_chars: 20, relative_to_prompt: 0.05 }
  - { type: logprob_confidence, min_mean_logprob: -1.2 }
  - { type: llm_judge, model: gpt-4o-mini, pass_threshold: 0.5, max_tokens: 200 }
`;

describe('cascade policy schema', () => {
  it('parses the documented example with defaults filled in', () => {
    const policy = CascadePolicySchema.parse(parseYaml(policyYaml));
    expect(policy.steps).toEqual([['gemini-flash', 'gpt-4o-mini'], ['claude-haiku'], ['gpt-4o']]);
    expect(policy.validators.map((validator) => validator.type)).toEqual(VALIDATOR_TYPES);
    expect(policy.validators[1]).toEqual({ type: 'not_refusal', patterns: [], scan_chars: 240 });
    expect(policy.validators[7]).toEqual({ type: 'llm_judge', model: 'gpt-4o-mini', pass_threshold: 0.5, max_tokens: 200, max_input_chars: 12_000 });
    expect(effectiveStepCount(policy)).toBe(3);
  });

  it('rejects unknown keys, empty steps and unknown validator types', () => {
    expect(CascadePolicySchema.safeParse({ type: 'cascade', steps: [['a']], retries: 2 }).success).toBe(false);
    expect(CascadePolicySchema.safeParse({ type: 'cascade', steps: [] }).success).toBe(false);
    expect(CascadePolicySchema.safeParse({ type: 'cascade', steps: [[]] }).success).toBe(false);
    expect(ValidatorConfigSchema.safeParse({ type: 'vibes' }).success).toBe(false);
    expect(ValidatorConfigSchema.safeParse({ type: 'non_empty', strict: true }).success).toBe(false);
  });

  it('validates parameters', () => {
    expect(ValidatorConfigSchema.safeParse({ type: 'logprob_confidence', min_mean_logprob: 0.5 }).success).toBe(false);
    expect(ValidatorConfigSchema.safeParse({ type: 'llm_judge', model: 'x', pass_threshold: 1.5 }).success).toBe(false);
    expect(ValidatorConfigSchema.safeParse({ type: 'not_refusal', patterns: ['(unclosed'] }).success).toBe(false);
  });

  it('caps the steps that run at max_steps, and lists referenced deployments', () => {
    const policy = CascadePolicySchema.parse(parseYaml(policyYaml));
    expect(effectiveStepCount({ ...policy, max_steps: 2 })).toBe(2);
    expect(effectiveStepCount({ ...policy, max_steps: 9 })).toBe(3);
    expect(cascadeReferencedNames(policy)).toEqual([
      { name: 'gemini-flash', path: ['steps', 0, 0] },
      { name: 'gpt-4o-mini', path: ['steps', 0, 1] },
      { name: 'claude-haiku', path: ['steps', 1, 0] },
      { name: 'gpt-4o', path: ['steps', 2, 0] },
      { name: 'gpt-4o-mini', path: ['validators', 7, 'model'] },
    ]);
  });
});

describe('validator registry', () => {
  it('builds working validators in config order', async () => {
    const validators = createValidators([{ type: 'non_empty' }, { type: 'min_length', min_chars: 10 }]);
    expect(validators.map((validator) => validator.type)).toEqual(['non_empty', 'min_length']);
    const verdict = await validators[1]?.check(answer({ content: 'Short.' }), ask('hi'), context());
    expect(verdict?.verdict).toBe('fail');
  });

  it('reports every bad entry with its path at build time', () => {
    let caught: unknown;
    try {
      createValidators([{ type: 'non_empty' }, { type: 'min_length', min_chars: -1 }, { type: 'nope' }], 'policies.support.validators');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    const issues = (caught as ConfigError).issues;
    expect(issues).toHaveLength(2);
    expect(issues[0]).toMatch(/^policies\.support\.validators\[1\]\.min_chars: /);
    expect(issues[1]).toMatch(/^policies\.support\.validators\[2\]/);
  });
});
