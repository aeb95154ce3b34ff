import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { BudgetLedgerSettingsSchema, BudgetsSchema, crossCheckBudgets } from '../../src/config/budget-schema.ts';
import type { VirtualKeyConfig } from '../../src/config/schema.ts';

const EXAMPLE = `
budgets:
  - id: support-daily
    scope: { department: support }
    period: day
    limit_usd: 50
    soft_threshold: 0.8
    throttle_threshold: 0.95
    throttle_retry_after_s: 60
`;

const base = { id: 'b', scope: { key: 'k1' }, period: 'day', limit_usd: 5 };
const problems = (budgets: unknown[]) => {
  const result = BudgetsSchema.safeParse(budgets);
  return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
};

describe('BudgetsSchema', () => {
  it('accepts the documented example', () => {
    const document = parseYaml(EXAMPLE) as { budgets: unknown };
    expect(BudgetsSchema.parse(document.budgets)).toEqual([
      {
        id: 'support-daily',
        scope: { department: 'support' },
        period: 'day',
        limit_usd: 50,
        soft_threshold: 0.8,
        throttle_threshold: 0.95,
        throttle_retry_after_s: 60,
      },
    ]);
  });

  it('fills the thresholds and defaults to no budgets', () => {
    expect(BudgetsSchema.parse([base])[0]).toMatchObject({ soft_threshold: 0.8, throttle_threshold: 0.95 });
    expect(BudgetsSchema.parse(undefined)).toEqual([]);
  });

  it('wants exactly one scope field', () => {
    expect(problems([{ ...base, scope: {} }])).toEqual(['0.scope: give exactly one of key, agent, department or workspace']);
    expect(problems([{ ...base, scope: { key: 'k1', department: 'd' } }])).toEqual(['0.scope: give exactly one of key, agent, department or workspace']);
    expect(problems([{ ...base, scope: { team: 'x' } }])).toContain('0.scope: Unrecognized key: "team"');
    expect(problems([{ ...base, scope: { agent: '' } }])).toEqual([expect.stringMatching(/^0\.scope\.agent: /)]);
  });

  it('is strict about unknown fields, periods and amounts', () => {
    expect(problems([{ ...base, limit: 5 }])).toHaveLength(1);
    expect(problems([{ ...base, period: 'week' }])).toHaveLength(1);
    expect(problems([{ ...base, limit_usd: 0 }])).toHaveLength(1);
    expect(problems([{ ...base, limit_usd: 2_000_000 }])).toHaveLength(1);
    expect(problems([{ ...base, soft_threshold: 0 }])).toHaveLength(1);
    expect(problems([{ ...base, throttle_threshold: 1.2 }])).toHaveLength(1);
    expect(problems([{ ...base, throttle_retry_after_s: 1.5 }])).toHaveLength(1);
  });

  it('keeps the soft threshold at or below the throttle threshold', () => {
    expect(problems([{ ...base, soft_threshold: 0.9, throttle_threshold: 0.85 }])).toEqual([
      '0.soft_threshold: soft_threshold must not be above throttle_threshold',
    ]);
    expect(problems([{ ...base, soft_threshold: 1, throttle_threshold: 1 }])).toEqual([]);
  });

  it('refuses duplicate ids', () => {
    expect(problems([base, { ...base, scope: { agent: 'a' } }])).toEqual(['1.id: duplicate budget id "b"']);
  });
});

describe('BudgetLedgerSettingsSchema', () => {
  it('defaults the reservation TTL to 10 minutes', () => {
    expect(BudgetLedgerSettingsSchema.parse(undefined)).toEqual({ reservation_ttl_s: 600 });
    expect(BudgetLedgerSettingsSchema.safeParse({ reservation_ttl_s: 0 }).success).toBe(false);
  });
});

describe('crossCheckBudgets', () => {
  const keys = [
    { id: 'k1', key_env: 'K1', department: 'support', agent: 'triage' },
    { id: 'k2', key_env: 'K2', workspace: 'acme' },
  ] as VirtualKeyConfig[];

  it('accepts budgets some key can match', () => {
    const budgets = BudgetsSchema.parse([
      { ...base, id: 'a', scope: { key: 'k2' } },
      { ...base, id: 'b', scope: { department: 'support' } },
      { ...base, id: 'c', scope: { agent: 'triage' } },
      { ...base, id: 'd', scope: { workspace: 'acme' } },
    ]);
    expect(crossCheckBudgets(budgets, keys)).toEqual([]);
  });

  it('reports budgets no key can ever match, with their paths', () => {
    const budgets = BudgetsSchema.parse([
      { ...base, id: 'a', scope: { key: 'k3' } },
      { ...base, id: 'b', scope: { department: 'suport' } },
    ]);
    expect(crossCheckBudgets(budgets, keys)).toEqual([
      'budgets[0].scope.key: unknown key id "k3"',
      'budgets[1].scope.department: no key has department "suport"',
    ]);
  });
});
