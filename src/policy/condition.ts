// Compiles a validated condition tree into one closure, once at boot. Per request a condition is
// a handful of property reads and comparisons: no parsing, no lookups by field name.
//
// Semantics (documented in README.md):
// - A missing signal (absent tag, null key field, no score) matches nothing except `ne` and a
//   negated condition: `ne` is exactly `not eq`, so `tags.env ne prod` is true for untagged traffic.
//   Write `all: [{ exists }, { ne }]` to require presence.
// - Ordering operators compare numbers numerically, strings by code unit (ISO dates and
//   zero-padded versions sort correctly), and budget states by rank ok < soft < throttle < exhausted.
import { BUDGET_STATES, fieldKind, type ConditionConfig, type ConditionScalar, type FieldCondition } from '../config/policy-schema.ts';
import type { RequestSignals } from './signals.ts';

export type Predicate = (signals: RequestSignals) => boolean;

type SignalValue = string | number | boolean | readonly string[] | null | undefined;
type Accessor = (signals: RequestSignals) => SignalValue;

const CAPABILITY_NAMES = ['tools', 'vision', 'json_schema'] as const;

function budgetRank(state: string): number {
  return (BUDGET_STATES as readonly string[]).indexOf(state);
}

/** Field name → reader. Budget states read as their rank, so ordering operators work on them. */
function accessorFor(field: string): Accessor {
  if (field.startsWith('tags.')) {
    const name = field.slice('tags.'.length);
    return (signals) => (Object.hasOwn(signals.tags, name) ? signals.tags[name] : undefined);
  }
  switch (field) {
    case 'key.id': return (signals) => signals.key.id;
    case 'key.workspace': return (signals) => signals.key.workspace;
    case 'key.department': return (signals) => signals.key.department;
    case 'key.agent': return (signals) => signals.key.agent;
    case 'key.project': return (signals) => signals.key.project;
    case 'user': return (signals) => signals.user;
    case 'template.id': return (signals) => signals.template.id;
    case 'template.version': return (signals) => signals.template.version;
    case 'task': return (signals) => signals.task;
    case 'model': return (signals) => signals.model;
    case 'region': return (signals) => signals.region;
    case 'tokens': return (signals) => signals.tokens;
    case 'score': return (signals) => signals.score;
    case 'capability.tools': return (signals) => signals.capabilities.tools;
    case 'capability.vision': return (signals) => signals.capabilities.vision;
    case 'capability.json_schema': return (signals) => signals.capabilities.json_schema;
    case 'capabilities': return (signals) => CAPABILITY_NAMES.filter((name) => signals.capabilities[name]);
    case 'budget': return (signals) => budgetRank(signals.budget);
    default: throw new Error(`unknown condition field "${field}"`);
  }
}

function isComparable(left: SignalValue, right: ConditionScalar): left is string | number {
  return (typeof left === 'string' || typeof left === 'number') && typeof left === typeof right;
}

function compileLeaf(condition: FieldCondition): Predicate {
  const kind = fieldKind(condition.field);
  const read = accessorFor(condition.field);
  // Budget values are written as names in config and read as ranks, so convert them once here.
  const toSignalScale = (value: ConditionScalar): ConditionScalar =>
    kind === 'budget' && typeof value === 'string' ? budgetRank(value) : value;
  const value = condition.value;
  const scalar = value === undefined || Array.isArray(value) ? undefined : toSignalScale(value);

  switch (condition.op) {
    case 'exists':
      return (signals) => {
        const actual = read(signals);
        return actual !== null && actual !== undefined;
      };
    case 'eq':
      return (signals) => read(signals) === scalar;
    case 'ne':
      return (signals) => read(signals) !== scalar;
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte': {
      if (scalar === undefined) throw new Error(`operator "${condition.op}" needs a scalar value`);
      const bound = scalar;
      const test = ORDERINGS[condition.op];
      return (signals) => {
        const actual = read(signals);
        return isComparable(actual, bound) && test(actual, bound as typeof actual);
      };
    }
    case 'in': {
      if (!Array.isArray(value)) throw new Error('operator "in" needs an array value');
      const members: ReadonlySet<SignalValue> = new Set(value.map(toSignalScale));
      return (signals) => members.has(read(signals));
    }
    case 'contains': {
      if (typeof scalar !== 'string') throw new Error('operator "contains" needs a string value');
      const needle = scalar;
      return (signals) => {
        const actual = read(signals);
        if (typeof actual === 'string') return actual.includes(needle);
        return Array.isArray(actual) && actual.includes(needle);
      };
    }
    case 'starts_with': {
      if (typeof scalar !== 'string') throw new Error('operator "starts_with" needs a string value');
      const prefix = scalar;
      return (signals) => {
        const actual = read(signals);
        return typeof actual === 'string' && actual.startsWith(prefix);
      };
    }
  }
}

const ORDERINGS: Readonly<Record<'gt' | 'gte' | 'lt' | 'lte', (left: string | number, right: string | number) => boolean>> = {
  gt: (left, right) => left > right,
  gte: (left, right) => left >= right,
  lt: (left, right) => left < right,
  lte: (left, right) => left <= right,
};

/**
 * Turns a condition that passed `checkCondition` into a predicate. Throws a plain Error on a
 * shape the checker would have rejected: that is a programming error, not a request failure.
 */
export function compileCondition(condition: ConditionConfig): Predicate {
  if ('field' in condition) return compileLeaf(condition);
  if ('all' in condition) {
    const parts = condition.all.map(compileCondition);
    return (signals) => parts.every((part) => part(signals));
  }
  if ('any' in condition) {
    const parts = condition.any.map(compileCondition);
    return (signals) => parts.some((part) => part(signals));
  }
  const inner = compileCondition(condition.not);
  return (signals) => !inner(signals);
}
