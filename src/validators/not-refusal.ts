// Fails answers that open by refusing the request. Built-in English patterns live in
// `refusal-patterns.ts` with their false-positive risks; the config may add patterns, which are
// searched anywhere in the answer's opening (`scan_chars` characters), case-insensitively.
// Answers with no text (tool calls only, or empty) are skipped: there is nothing to read, and
// `non_empty` owns emptiness.
import type { ChatResult } from '../chat/types.ts';
import type { NotRefusalValidatorConfig } from '../config/cascade-schema.ts';
import { BUILT_IN_REFUSAL_PATTERNS, normaliseOpening } from './refusal-patterns.ts';
import type { Validator, Verdict } from './types.ts';
import { fail, pass, skip } from './types.ts';
import { clip } from './json-values.ts';

export function createNotRefusalValidator(config: Pick<NotRefusalValidatorConfig, 'patterns' | 'scan_chars'>): Validator {
  const extra = config.patterns.map((source) => new RegExp(source, 'iu'));
  const patterns = [...BUILT_IN_REFUSAL_PATTERNS, ...extra];
  return {
    type: 'not_refusal',
    check(result: ChatResult): Promise<Verdict> {
      const text = result.content ?? '';
      if (text.trim() === '') return Promise.resolve(skip('the answer has no text to check'));
      const opening = normaliseOpening(text, config.scan_chars);
      for (const pattern of patterns) {
        const match = pattern.exec(opening);
        if (match !== null) {
          return Promise.resolve(fail(`the answer opens with a refusal: "${clip(match[0], 80)}"`, { pattern: pattern.source }));
        }
      }
      return Promise.resolve(pass());
    },
  };
}
