// Reading admin query-string values. Everything arrives as text (or, when a name is repeated, as a
// list), straight from a URL, so every check ends in a RungError `invalid_request` naming the
// parameter, which the client sees as a 400 with `param`.
import { RungError } from '../errors/rung-error.ts';

export type QueryValues = Readonly<Record<string, unknown>>;

export function invalidParam(param: string, message: string): RungError {
  return new RungError('invalid_request', message, { param });
}

/** The parameter's text; undefined when absent or empty. A repeated parameter is refused. */
export function textParam(query: QueryValues, param: string): string | undefined {
  const value = query[param];
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string') throw invalidParam(param, `${param} must be given once.`);
  return value;
}

/**
 * ISO 8601: a date (`2026-11-24`, UTC midnight) or a date-time with `Z` or an offset. A date-time
 * without an offset is refused: it would mean a different instant on every server.
 */
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2}))?$/;

export function parseInstant(text: string, param: string): number {
  const ms = ISO_INSTANT.test(text) ? Date.parse(text) : Number.NaN;
  if (!Number.isFinite(ms)) {
    throw invalidParam(param, `${param} must be an ISO 8601 time such as 2026-11-24T00:00:00Z (a date-time needs Z or an offset), got "${text}".`);
  }
  return ms;
}

export function instantParam(query: QueryValues, param: string): number | undefined {
  const text = textParam(query, param);
  return text === undefined ? undefined : parseInstant(text, param);
}

export function integerParam(query: QueryValues, param: string, min: number, max: number): number | undefined {
  const text = textParam(query, param);
  if (text === undefined) return undefined;
  const value = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < min || value > max) throw invalidParam(param, `${param} must be an integer from ${min} to ${max}, got "${text}".`);
  return value;
}

export function choiceParam<const Choice extends string>(query: QueryValues, param: string, choices: readonly Choice[]): Choice | undefined {
  const text = textParam(query, param);
  if (text === undefined) return undefined;
  if (!(choices as readonly string[]).includes(text)) throw invalidParam(param, `${param} must be one of ${choices.join(', ')}, got "${text}".`);
  return text as Choice;
}

export function isoTime(ms: number): string {
  return new Date(ms).toISOString();
}
