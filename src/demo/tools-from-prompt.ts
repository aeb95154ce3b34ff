// Turns the tool list written inside an agentic prompt into real tool definitions, so those demo
// requests carry `tools` the way an agent framework would send them. The corpus writes tools in
// two ways: dash lines (`- send_email(to: string, subject: string) — Send an email`) and a JSON
// array of OpenAI-style function objects whose parameter types are the same short type texts.
import type { JsonObject, JsonValue } from '../chat/types.ts';

export interface DemoTool {
  name: string;
  description: string;
  /** JSON Schema of the arguments object. */
  parameters: JsonObject;
}

const DASH_LINE = /^- ([A-Za-z_][A-Za-z0-9_]*)\(([^)]*)\)\s*(?:—|-)?\s*(.*)$/gmu;

/** The tools a prompt declares, in order of appearance; empty when it declares none. */
export function toolsFromPrompt(prompt: string): DemoTool[] {
  const dashed = [...prompt.matchAll(DASH_LINE)].map((match) => dashTool(match[1] ?? '', match[2] ?? '', match[3] ?? ''));
  if (dashed.length > 0) return dedupe(dashed);
  return dedupe(jsonTools(prompt));
}

/** The tool a competent model calls first: the one the user's part of the prompt names, else the first. */
export function expectedTool(prompt: string, tools: readonly DemoTool[]): DemoTool | undefined {
  const userStart = prompt.search(/\bUser\b[^:\n]*:/u);
  const request = userStart >= 0 ? prompt.slice(userStart) : prompt;
  return tools.find((tool) => request.includes(tool.name)) ?? tools[0];
}

function dashTool(name: string, argumentText: string, description: string): DemoTool {
  const properties: JsonObject = {};
  const required: string[] = [];
  for (const part of argumentText.split(',')) {
    const colon = part.indexOf(':');
    if (colon < 0) continue;
    const argument = part.slice(0, colon).trim();
    if (argument === '') continue;
    const typeText = part.slice(colon + 1).trim();
    properties[argument] = schemaForType(typeText);
    if (!typeText.endsWith('?')) required.push(argument);
  }
  return { name, description: description.trim() || name, parameters: { type: 'object', properties, required } };
}

function jsonTools(prompt: string): DemoTool[] {
  const start = prompt.search(/^\[\s*$/mu);
  if (start < 0) return [];
  const end = prompt.indexOf('\n]', start);
  if (end < 0) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(prompt.slice(start, end + 2));
  } catch {
    return [];
  }
  if (!Array.isArray(parsed)) return [];
  const tools: DemoTool[] = [];
  for (const entry of parsed as unknown[]) {
    const fn = objectAt(objectAt(entry)?.function);
    if (fn === undefined || typeof fn.name !== 'string') continue;
    const declared = objectAt(objectAt(fn.parameters)?.properties) ?? {};
    const properties: JsonObject = {};
    for (const [argument, spec] of Object.entries(declared)) {
      const typeText = objectAt(spec)?.type;
      properties[argument] = schemaForType(typeof typeText === 'string' ? typeText : 'string');
    }
    tools.push({
      name: fn.name,
      description: typeof fn.description === 'string' ? fn.description : fn.name,
      parameters: { type: 'object', properties, required: Object.keys(properties) },
    });
  }
  return tools;
}

/** The corpus's short type texts as JSON Schema: string, number, boolean, string[], "a"|"b", IATA, ISO date... */
function schemaForType(typeText: string): JsonObject {
  const text = typeText.replace(/\?$/u, '').trim();
  const literals = [...text.matchAll(/"([^"]*)"/gu)].map((match) => match[1] ?? '');
  if (literals.length > 0 && /^"[^"]*"(?:\s*\|\s*"[^"]*")*$/u.test(text)) return { type: 'string', enum: literals };
  if (text.endsWith('[]')) return { type: 'array', items: schemaForType(text.slice(0, -2)) };
  if (text === 'number' || text === 'integer') return { type: 'number' };
  if (text === 'boolean') return { type: 'boolean' };
  if (text === 'string' || text === '') return { type: 'string' };
  return { type: 'string', description: text };
}

function objectAt(value: unknown): Record<string, JsonValue> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, JsonValue>) : undefined;
}

function dedupe(tools: DemoTool[]): DemoTool[] {
  const seen = new Set<string>();
  return tools.filter((tool) => (seen.has(tool.name) ? false : (seen.add(tool.name), true)));
}
