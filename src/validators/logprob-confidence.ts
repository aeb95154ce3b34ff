// Fails answers whose mean token log-probability is below a threshold: a cheap proxy for the
// model's confidence. Skipped when the provider returned no logprobs (the request did not ask for
// them, or the deployment does not support them). Non-finite logprobs (-Infinity for a token the
// model thought impossible) count as very unconfident; NaN entries are ignored.
import type { ChatResult } from '../chat/types.ts';
import type { LogprobConfidenceValidatorConfig } from '../config/cascade-schema.ts';
import type { Validator, Verdict } from './types.ts';
import { fail, pass, skip } from './types.ts';

/** Stand-in for -Infinity so one impossible token lowers the mean without making it -Infinity. */
const FLOOR_LOGPROB = -100;

export function createLogprobConfidenceValidator(config: Pick<LogprobConfidenceValidatorConfig, 'min_mean_logprob'>): Validator {
  return {
    type: 'logprob_confidence',
    check(result: ChatResult): Promise<Verdict> {
      const values = (result.logprobs ?? []).map((entry) => entry.logprob).filter((value) => !Number.isNaN(value));
      if (values.length === 0) return Promise.resolve(skip('the provider returned no logprobs'));
      const mean = values.reduce((sum, value) => sum + Math.max(value, FLOOR_LOGPROB), 0) / values.length;
      const data = { meanLogprob: mean, tokens: values.length };
      if (mean >= config.min_mean_logprob) return Promise.resolve(pass(data));
      return Promise.resolve(fail(`mean token logprob ${mean.toFixed(3)} is below ${config.min_mean_logprob}`, data));
    },
  };
}
