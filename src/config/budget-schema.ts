// The `budgets:` section of `rung.config.yaml`: spending limits per virtual key, agent, department
// or workspace over UTC calendar days or months. Strict like the rest of the config. The budget
// ledger itself lives in `src/budgets/`; this file only says what a valid budget looks like.
import { z } from 'zod';
import { formatPath } from './config-error.ts';
import type { VirtualKeyConfig } from './schema.ts';

export const BUDGET_DEFAULTS = Object.freeze({
  /** From this share of the limit, requests are downgraded to a cheaper allowed model. */
  softThreshold: 0.8,
  /** From this share of the limit, requests are answered 429 `budget_throttled`. */
  throttleThreshold: 0.95,
  /**
   * A reservation neither settled nor released within this time (the process died mid-request)
   * stops counting against its budgets. Keep it above the longest request deadline.
   */
  reservationTtlMs: 600_000,
});

/**
 * Ceiling on `limit_usd`. The ledger counts integer nano-dollars, exact up to ~9 million USD
 * (Number.MAX_SAFE_INTEGER / 1e9); the ceiling leaves headroom for spend past the limit.
 */
export const MAX_BUDGET_LIMIT_USD = 1_000_000;

export const BUDGET_PERIODS = ['day', 'month'] as const;
export type BudgetPeriod = (typeof BUDGET_PERIODS)[number];

export const BUDGET_SCOPE_KINDS = ['key', 'agent', 'department', 'workspace'] as const;
export type BudgetScopeKind = (typeof BUDGET_SCOPE_KINDS)[number];

const scopeValue = z.string().min(1);

const BudgetScopeSchema = z
  .strictObject({
    /** A virtual key id (`keys[].id`). */
    key: scopeValue.optional(),
    agent: scopeValue.optional(),
    department: scopeValue.optional(),
    workspace: scopeValue.optional(),
  })
  .refine((scope) => BUDGET_SCOPE_KINDS.filter((kind) => scope[kind] !== undefined).length === 1, {
    message: 'give exactly one of key, agent, department or workspace',
  });

const share = z.number().gt(0).max(1);

export const BudgetSchema = z
  .strictObject({
    id: z.string().regex(/^[A-Za-z0-9_.:-]+$/, 'letters, digits and "_-.:" only'),
    scope: BudgetScopeSchema,
    period: z.enum(BUDGET_PERIODS),
    limit_usd: z.number().positive().max(MAX_BUDGET_LIMIT_USD),
    soft_threshold: share.default(BUDGET_DEFAULTS.softThreshold),
    throttle_threshold: share.default(BUDGET_DEFAULTS.throttleThreshold),
    /**
     * Retry-After sent with `budget_throttled`. Absent: the time left until the period resets
     * (spend never falls within a period, so a throttled budget stays throttled until then unless
     * its limit is raised).
     */
    throttle_retry_after_s: z.number().int().positive().optional(),
    description: z.string().optional(),
  })
  .refine((budget) => budget.soft_threshold <= budget.throttle_threshold, {
    message: 'soft_threshold must not be above throttle_threshold',
    path: ['soft_threshold'],
  });

/** The whole `budgets:` list; ids are unique because records and admin views name budgets by id. */
export const BudgetsSchema = z
  .array(BudgetSchema)
  .superRefine((budgets, context) => {
    const seen = new Set<string>();
    budgets.forEach((budget, index) => {
      if (seen.has(budget.id)) context.addIssue({ code: 'custom', message: `duplicate budget id "${budget.id}"`, path: [index, 'id'] });
      seen.add(budget.id);
    });
  })
  .default([]);

/** Optional ledger settings (for example under a top-level `budget_ledger:` key). */
export const BudgetLedgerSettingsSchema = z
  .strictObject({
    reservation_ttl_s: z.number().int().positive().default(BUDGET_DEFAULTS.reservationTtlMs / 1000),
  })
  .prefault({});

export type BudgetConfig = z.infer<typeof BudgetSchema>;
export type BudgetScopeConfig = BudgetConfig['scope'];
export type BudgetLedgerSettings = z.infer<typeof BudgetLedgerSettingsSchema>;

/**
 * Budgets whose scope no configured key can ever match: every identity field (key id, agent,
 * department, workspace) comes from a `keys[]` entry, so such a budget is almost surely a typo.
 * Returns `path: reason` lines like `crossCheck`, with paths under `budgets`.
 */
export function crossCheckBudgets(budgets: readonly BudgetConfig[], keys: readonly VirtualKeyConfig[]): string[] {
  const issues: string[] = [];
  const known: Record<BudgetScopeKind, Set<string>> = { key: new Set(), agent: new Set(), department: new Set(), workspace: new Set() };
  for (const key of keys) {
    known.key.add(key.id);
    if (key.agent !== undefined) known.agent.add(key.agent);
    if (key.department !== undefined) known.department.add(key.department);
    if (key.workspace !== undefined) known.workspace.add(key.workspace);
  }
  budgets.forEach((budget, index) => {
    for (const kind of BUDGET_SCOPE_KINDS) {
      const value = budget.scope[kind];
      if (value !== undefined && !known[kind].has(value)) {
        const what = kind === 'key' ? `unknown key id "${value}"` : `no key has ${kind} "${value}"`;
        issues.push(`${formatPath(['budgets', index, 'scope', kind])}: ${what}`);
      }
    }
  });
  return issues;
}
