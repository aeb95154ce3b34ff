// Fails answers with nothing in them: no visible text and no tool call. Whitespace is nothing.
import type { Validator, Verdict } from './types.ts';
import { fail, pass } from './types.ts';
import type { ChatResult } from '../chat/types.ts';

export function createNonEmptyValidator(): Validator {
  return {
    type: 'non_empty',
    check(result: ChatResult): Promise<Verdict> {
      const hasText = (result.content ?? '').trim() !== '';
      if (hasText || result.toolCalls.length > 0) return Promise.resolve(pass());
      return Promise.resolve(fail('the answer has no text and no tool calls'));
    },
  };
}
