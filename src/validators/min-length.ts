// Fails answers shorter than max(min_chars, relative_to_prompt × prompt characters). Length is
// counted on the trimmed text in UTF-16 units; prompt characters are the conversation's message
// text (tool schemas and images excluded). Answers made only of tool calls are skipped: their
// length says nothing about quality. Languages written without spaces (Chinese, Japanese) carry
// more meaning per character; set a lower floor for them.
import type { ChatRequest, ChatResult } from '../chat/types.ts';
import type { MinLengthValidatorConfig } from '../config/cascade-schema.ts';
import { promptCharacters } from './text.ts';
import type { Validator, Verdict } from './types.ts';
import { fail, pass, skip } from './types.ts';

export function createMinLengthValidator(config: Pick<MinLengthValidatorConfig, 'min_chars' | 'relative_to_prompt'>): Validator {
  return {
    type: 'min_length',
    check(result: ChatResult, request: ChatRequest): Promise<Verdict> {
      const text = (result.content ?? '').trim();
      if (text === '' && result.toolCalls.length > 0) return Promise.resolve(skip('the answer is tool calls only'));
      const relative = Math.ceil(config.relative_to_prompt * promptCharacters(request));
      const required = Math.max(config.min_chars, relative);
      const data = { chars: text.length, requiredChars: required };
      if (text.length >= required) return Promise.resolve(pass(data));
      return Promise.resolve(fail(`the answer has ${text.length} characters; at least ${required} are required`, data));
    },
  };
}
