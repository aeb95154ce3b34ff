// Which budgets apply to a request: a budget applies when its one scope field equals the
// matching field of the caller's identity. Null identity fields match nothing.
import type { BudgetConfig, BudgetScopeKind } from '../config/budget-schema.ts';
import { BUDGET_SCOPE_KINDS } from '../config/budget-schema.ts';
import { RungError } from '../errors/rung-error.ts';

/** Who is spending; built from the authenticated virtual key (`KeyIdentity`). */
export interface BudgetIdentity {
  keyId: string | null;
  agent: string | null;
  department: string | null;
  workspace: string | null;
}

export interface BudgetScope {
  kind: BudgetScopeKind;
  value: string;
}

/** The one scope field the schema guarantees is set. */
export function budgetScope(budget: Pick<BudgetConfig, 'id' | 'scope'>): BudgetScope {
  for (const kind of BUDGET_SCOPE_KINDS) {
    const value = budget.scope[kind];
    if (value !== undefined) return { kind, value };
  }
  throw new RungError('internal_error', `budget "${budget.id}" has no scope; the config schema should have refused it`);
}

export function identityValue(identity: BudgetIdentity, kind: BudgetScopeKind): string | null {
  switch (kind) {
    case 'key':
      return identity.keyId;
    case 'agent':
      return identity.agent;
    case 'department':
      return identity.department;
    case 'workspace':
      return identity.workspace;
  }
}

export function budgetApplies(budget: Pick<BudgetConfig, 'id' | 'scope'>, identity: BudgetIdentity): boolean {
  const scope = budgetScope(budget);
  const value = identityValue(identity, scope.kind);
  return value !== null && value === scope.value;
}
