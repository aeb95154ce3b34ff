// Checks every tool call: the tool must be one the request offered, and its arguments must parse
// as a JSON object that conforms to the tool's parameter schema. Empty arguments count as `{}`
// (several providers send "" for a call without parameters). Skipped when there are no tool calls.
import type { ChatRequest, ChatResult, ToolCall, ToolDefinition } from '../chat/types.ts';
import { describeSchemaErrors, hasSchemaProblem, validateJsonSchema } from './json-schema.ts';
import { clip, isPlainObject, parseJson } from './json-values.ts';
import type { Validator, Verdict } from './types.ts';
import { fail, pass, skip } from './types.ts';

export function createToolArgumentsValidator(): Validator {
  return {
    type: 'tool_arguments',
    check(result: ChatResult, request: ChatRequest): Promise<Verdict> {
      return Promise.resolve(checkToolCalls(result, request));
    },
  };
}

function checkToolCalls(result: ChatResult, request: ChatRequest): Verdict {
  if (result.toolCalls.length === 0) return skip('the answer has no tool calls');
  const tools = new Map((request.tools ?? []).map((tool) => [tool.name, tool]));
  const unchecked: string[] = [];
  for (const call of result.toolCalls) {
    const problem = checkCall(call, tools.get(call.name));
    if (problem === 'unchecked') unchecked.push(call.name);
    else if (problem !== undefined) return fail(problem, { toolCallId: call.id, tool: call.name });
  }
  return unchecked.length > 0 ? pass({ uncheckedSchemas: unchecked }) : pass();
}

/** A failure reason, 'unchecked' when the tool's own schema cannot be checked, or undefined when fine. */
function checkCall(call: ToolCall, tool: ToolDefinition | undefined): string | 'unchecked' | undefined {
  if (tool === undefined) return `the model called an unknown tool "${clip(call.name, 64)}"`;
  const text = call.arguments.trim() === '' ? '{}' : call.arguments;
  const parsed = parseJson(text);
  if (!parsed.ok) return `the arguments of "${tool.name}" are not valid JSON: ${clip(parsed.message, 120)}`;
  if (!isPlainObject(parsed.value)) return `the arguments of "${tool.name}" are not a JSON object`;
  if (tool.parameters === undefined) return undefined;
  const errors = validateJsonSchema(tool.parameters, parsed.value);
  if (errors.length === 0) return undefined;
  if (hasSchemaProblem(errors)) return 'unchecked';
  return `the arguments of "${tool.name}" do not match its schema: ${describeSchemaErrors(errors)}`;
}
