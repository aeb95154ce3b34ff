// Fails answers the provider cut short. `length` means the token limit stopped the model
// mid-answer (a larger tier will not fix a too-small max_tokens, but it often answers more
// concisely, and a cut JSON or tool call is unusable anyway). `content_filter` also fails: the
// provider withheld the rest of the answer, and another provider in the next tier may not.
import type { ChatResult } from '../chat/types.ts';
import type { Validator, Verdict } from './types.ts';
import { fail, pass } from './types.ts';

export function createNotTruncatedValidator(): Validator {
  return {
    type: 'not_truncated',
    check(result: ChatResult): Promise<Verdict> {
      if (result.finishReason === 'length') {
        return Promise.resolve(fail('the answer was cut off by the token limit (finish_reason "length")'));
      }
      if (result.finishReason === 'content_filter') {
        return Promise.resolve(fail('the provider\'s content filter stopped the answer (finish_reason "content_filter")'));
      }
      return Promise.resolve(pass());
    },
  };
}
