// Validates `tools`, `tool_choice` and `response_format` of an OpenAI Chat Completions body.
// JSON Schemas (`parameters`, `json_schema.schema`) are checked to be objects and passed on by
// reference: the body came from JSON.parse, so they are JSON already, and deep-checking or
// copying them would cost more than the rest of the parse.
import type { JsonObject, ResponseFormat, ToolChoice, ToolDefinition } from '../../chat/types.ts';
import { badValue, isValidName, isWireObject, missingParam, wrongType } from './wire-checks.ts';

const NAME_RULE = 'expected 1 to 64 characters from a-z, A-Z, 0-9, underscore and dash.';
/** OpenAI's own limit; it also bounds the quadratic duplicate-name check below. */
const MAX_TOOLS = 128;

/** Undefined when there are none: an empty `tools` array means the same as leaving it out. */
export function parseTools(raw: unknown): ToolDefinition[] | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (!Array.isArray(raw)) throw wrongType('tools', 'an array of tools', raw);
  if (raw.length === 0) return undefined;
  if (raw.length > MAX_TOOLS) throw badValue('tools', `expected at most ${MAX_TOOLS} tools, but got ${raw.length}.`);
  const tools: ToolDefinition[] = [];
  for (let index = 0; index < raw.length; index++) {
    const tool: unknown = raw[index];
    if (!isWireObject(tool)) throw wrongType(`tools[${index}]`, 'an object', tool);
    if (tool.type !== 'function') {
      if (tool.type === undefined || tool.type === null) throw missingParam(`tools[${index}].type`);
      throw badValue(`tools[${index}].type`, "only 'function' tools are supported.");
    }
    const fn = tool.function;
    if (fn === undefined || fn === null) throw missingParam(`tools[${index}].function`);
    if (!isWireObject(fn)) throw wrongType(`tools[${index}].function`, 'an object', fn);
    const name = fn.name;
    if (name === undefined || name === null) throw missingParam(`tools[${index}].function.name`);
    if (typeof name !== 'string') throw wrongType(`tools[${index}].function.name`, 'a string', name);
    if (!isValidName(name)) throw badValue(`tools[${index}].function.name`, NAME_RULE);
    for (const earlier of tools) {
      if (earlier.name === name) throw badValue(`tools[${index}].function.name`, `'${name}' names two tools; tool names must be unique.`);
    }
    const definition: ToolDefinition = { name };
    const description = fn.description;
    if (description !== undefined && description !== null) {
      if (typeof description !== 'string') throw wrongType(`tools[${index}].function.description`, 'a string', description);
      definition.description = description;
    }
    const parameters = fn.parameters;
    if (parameters !== undefined && parameters !== null) {
      if (!isWireObject(parameters)) throw wrongType(`tools[${index}].function.parameters`, 'an object (a JSON Schema)', parameters);
      definition.parameters = parameters as JsonObject;
    }
    const strict = fn.strict;
    if (strict !== undefined && strict !== null) {
      if (typeof strict !== 'boolean') throw wrongType(`tools[${index}].function.strict`, 'a boolean', strict);
      definition.strict = strict;
    }
    tools.push(definition);
  }
  return tools;
}

/**
 * 'none' and 'auto' without tools mean nothing and are dropped (some clients always send them);
 * 'required' or a named tool without that tool can never be honoured and are rejected.
 */
export function parseToolChoice(raw: unknown, tools: ToolDefinition[] | undefined): ToolChoice | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (typeof raw === 'string') {
    if (raw === 'none' || raw === 'auto') return tools === undefined ? undefined : raw;
    if (raw === 'required') {
      if (tools === undefined) throw badValue('tool_choice', "'required' needs at least one tool in 'tools'.");
      return raw;
    }
    throw badValue('tool_choice', "expected 'none', 'auto', 'required' or {type: 'function', function: {name}}.");
  }
  if (!isWireObject(raw)) throw wrongType('tool_choice', 'a string or an object', raw);
  if (raw.type !== 'function') {
    if (raw.type === undefined || raw.type === null) throw missingParam('tool_choice.type');
    throw badValue('tool_choice.type', "only {type: 'function', function: {name}} is supported.");
  }
  const fn = raw.function;
  if (fn === undefined || fn === null) throw missingParam('tool_choice.function');
  if (!isWireObject(fn)) throw wrongType('tool_choice.function', 'an object', fn);
  const name = fn.name;
  if (name === undefined || name === null) throw missingParam('tool_choice.function.name');
  if (typeof name !== 'string') throw wrongType('tool_choice.function.name', 'a string', name);
  if (tools === undefined || !tools.some((tool) => tool.name === name)) {
    throw badValue('tool_choice.function.name', `no tool named '${name.slice(0, 64)}' is in 'tools'.`);
  }
  return { name };
}

export function parseResponseFormat(raw: unknown): ResponseFormat | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (!isWireObject(raw)) throw wrongType('response_format', 'an object', raw);
  switch (raw.type) {
    case 'text':
      return { type: 'text' };
    case 'json_object':
      return { type: 'json_object' };
    case 'json_schema':
      return parseJsonSchemaFormat(raw.json_schema);
    case undefined:
    case null:
      throw missingParam('response_format.type');
    default:
      throw badValue('response_format.type', "expected 'text', 'json_object' or 'json_schema'.");
  }
}

function parseJsonSchemaFormat(raw: unknown): ResponseFormat {
  if (raw === undefined || raw === null) throw missingParam('response_format.json_schema');
  if (!isWireObject(raw)) throw wrongType('response_format.json_schema', 'an object', raw);
  const name = raw.name;
  if (name === undefined || name === null) throw missingParam('response_format.json_schema.name');
  if (typeof name !== 'string') throw wrongType('response_format.json_schema.name', 'a string', name);
  if (!isValidName(name)) throw badValue('response_format.json_schema.name', NAME_RULE);
  const schema = raw.schema;
  if (schema === undefined || schema === null) throw missingParam('response_format.json_schema.schema');
  if (!isWireObject(schema)) throw wrongType('response_format.json_schema.schema', 'an object (a JSON Schema)', schema);
  const format: ResponseFormat = { type: 'json_schema', name, schema: schema as JsonObject };
  const strict = raw.strict;
  if (strict !== undefined && strict !== null) {
    if (typeof strict !== 'boolean') throw wrongType('response_format.json_schema.strict', 'a boolean', strict);
    format.strict = strict;
  }
  const description = raw.description;
  if (description !== undefined && description !== null) {
    if (typeof description !== 'string') throw wrongType('response_format.json_schema.description', 'a string', description);
    format.description = description;
  }
  return format;
}
