// Checks structured output. With `response_format: json_object` the answer must parse as a JSON
// object; with `json_schema` it must also conform to the schema (see `json-schema.ts` for the
// subset). A fenced answer (```json ... ```) fails: the client asked for JSON it can parse as is.
// Skipped when the request asked for no JSON, when the model answered with tool calls instead of
// text, and when the schema itself cannot be checked (an escalation would not fix that).
import type { ChatRequest, ChatResult } from '../chat/types.ts';
import { describeSchemaErrors, hasSchemaProblem, validateJsonSchema } from './json-schema.ts';
import { clip, isPlainObject, parseJson } from './json-values.ts';
import type { Validator, Verdict } from './types.ts';
import { fail, pass, skip } from './types.ts';

export function createJsonValidValidator(): Validator {
  return {
    type: 'json_valid',
    check(result: ChatResult, request: ChatRequest): Promise<Verdict> {
      return Promise.resolve(checkJson(result, request));
    },
  };
}

function checkJson(result: ChatResult, request: ChatRequest): Verdict {
  const format = request.responseFormat;
  if (format === undefined || format.type === 'text') return skip('the request did not ask for JSON');
  const text = (result.content ?? '').trim();
  if (text === '') {
    return result.toolCalls.length > 0 ? skip('the answer is tool calls, not JSON text') : fail('the answer is empty, not JSON');
  }
  const parsed = parseJson(text);
  if (!parsed.ok) {
    const fenced = text.startsWith('```');
    return fail(fenced ? 'the JSON is wrapped in a markdown code fence' : `the answer is not valid JSON: ${clip(parsed.message, 120)}`);
  }
  if (!isPlainObject(parsed.value)) return fail('the answer is JSON but not an object');
  if (format.type === 'json_object') return pass();

  const errors = validateJsonSchema(format.schema, parsed.value);
  if (errors.length === 0) return pass();
  if (hasSchemaProblem(errors)) {
    return skip(`the response schema "${format.name}" cannot be checked: ${describeSchemaErrors(errors.filter((error) => error.keyword === 'invalid_schema'), 1)}`);
  }
  return fail(`the JSON does not match the schema "${format.name}": ${describeSchemaErrors(errors)}`, { errors });
}
