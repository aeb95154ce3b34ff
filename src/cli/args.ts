// Typed reading of parsed command-line flags. parseArgs only knows strings and booleans; every
// command then needs "is it there", "is it a number in range", "is it one of these words". Doing
// that here gives one wording for every command (`--limit must be a positive integer, got "x"`)
// and ties each message to the flag it was read from, so a message cannot name the wrong flag.
import { UsageError } from './command-error.ts';

/** The `values` of a parseArgs result. */
export type FlagValues = { readonly [name: string]: string | boolean | readonly (string | boolean)[] | undefined };

/** The names in `V` whose flag takes a string (`--db FILE`, not `--json`). */
export type StringFlag<V> = { [K in keyof V]-?: Exclude<V[K], undefined> extends string ? K : never }[keyof V] & string;

/** What a number flag accepts, and how the error message describes it (`a positive integer`). */
export interface NumberRule {
  readonly description: string;
  accepts(value: number): boolean;
}

export const POSITIVE_INTEGER: NumberRule = { description: 'a positive integer', accepts: (value) => Number.isInteger(value) && value >= 1 };
export const NON_NEGATIVE_INTEGER: NumberRule = { description: 'a non-negative integer', accepts: (value) => Number.isInteger(value) && value >= 0 };
export const NON_NEGATIVE_NUMBER: NumberRule = { description: 'a non-negative number', accepts: (value) => value >= 0 };
export const FINITE_NUMBER: NumberRule = { description: 'a number', accepts: (value) => Number.isFinite(value) };
export const PORT: NumberRule = { description: 'an integer from 0 to 65535', accepts: (value) => Number.isInteger(value) && value >= 0 && value <= 65535 };

export function flagName(name: string): string {
  return `--${name}`;
}

/** `--a`, `--a and --b`, `--a, --b and --c`. */
export function flagList(names: readonly string[]): string {
  const flags = names.map(flagName);
  return flags.length <= 1 ? flags.join('') : `${flags.slice(0, -1).join(', ')} and ${flags.at(-1) ?? ''}`;
}

function stringValue(values: FlagValues, name: string): string | undefined {
  const value = values[name];
  return typeof value === 'string' ? value : undefined;
}

/**
 * The named flags' values, all present. Otherwise a UsageError (shown with the usage text) naming
 * exactly the missing ones; `when` adds the condition, e.g. `with --from-store`.
 */
export function requireFlags<V extends FlagValues, K extends StringFlag<V>>(values: V, names: readonly K[], when?: string): { [P in K]: string } {
  const missing = names.filter((name) => stringValue(values, name) === undefined);
  if (missing.length > 0) {
    const verb = missing.length === 1 ? 'is' : 'are';
    throw new UsageError(`${flagList(missing)} ${verb} required${when === undefined ? '' : ` ${when}`}`, { showUsage: true });
  }
  return Object.fromEntries(names.map((name) => [name, stringValue(values, name)])) as { [P in K]: string };
}

/**
 * A number flag checked against `rule`; `fallback` when it is absent. A blank value is rejected
 * rather than read as 0, which is what Number('') would make of it.
 */
export function numberFlag<V extends FlagValues>(values: V, name: StringFlag<V>, rule: NumberRule, fallback: number): number;
export function numberFlag<V extends FlagValues>(values: V, name: StringFlag<V>, rule: NumberRule): number | undefined;
export function numberFlag<V extends FlagValues>(values: V, name: StringFlag<V>, rule: NumberRule, fallback?: number): number | undefined {
  const raw = stringValue(values, name);
  if (raw === undefined) return fallback;
  const parsed = raw.trim() === '' ? Number.NaN : Number(raw);
  if (!rule.accepts(parsed)) throw new UsageError(`${flagName(name)} must be ${rule.description}, got "${raw}"`);
  return parsed;
}

/** A flag that takes one of a fixed set of words; `fallback` when it is absent. */
export function choiceFlag<V extends FlagValues, C extends string>(values: V, name: StringFlag<V>, choices: readonly C[], fallback: C): C;
export function choiceFlag<V extends FlagValues, C extends string>(values: V, name: StringFlag<V>, choices: readonly C[]): C | undefined;
export function choiceFlag<V extends FlagValues, C extends string>(values: V, name: StringFlag<V>, choices: readonly C[], fallback?: C): C | undefined {
  const raw = stringValue(values, name);
  if (raw === undefined) return fallback;
  const choice = choices.find((candidate) => candidate === raw);
  if (choice === undefined) throw new UsageError(`${flagName(name)} must be one of ${choices.join(', ')}, got "${raw}"`);
  return choice;
}

/** `--data a.jsonl,b.jsonl` as its trimmed, non-empty items; present but listing nothing is an error. */
export function listFlag<V extends FlagValues>(values: V, name: StringFlag<V>): string[] | undefined {
  const raw = stringValue(values, name);
  if (raw === undefined) return undefined;
  const items = raw
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
  if (items.length === 0) throw new UsageError(`${flagName(name)} must be a comma-separated list, got "${raw}"`);
  return items;
}

