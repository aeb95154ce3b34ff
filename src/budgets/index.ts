// The budgets module's public surface (see README.md for how the pipeline uses it).
export { BudgetService, type BudgetCheck, type BudgetServiceOptions, type BudgetSnapshotEntry } from './budget-service.ts';
export { budgetExceededError, budgetReason, budgetThrottledError, throttleRetryAfterMs, type BudgetFigures } from './budget-errors.ts';
export { maxCallCostUsd, type MaxCostInput } from './estimate.ts';
export type { BudgetLedgerRef, BudgetLedgerStore, BudgetUsage, FinishOutcome, ReserveResult } from './ledger-store.ts';
export { MemoryBudgetStore, type MemoryBudgetStoreOptions } from './memory-store.ts';
export { formatUsd, nanosToUsd, NANOS_PER_USD, usdToNanos } from './money.ts';
export { periodWindow, type PeriodWindow } from './period.ts';
export { Reservation } from './reservation.ts';
export { budgetApplies, budgetScope, identityValue, type BudgetIdentity, type BudgetScope } from './scope.ts';
export { BUDGET_STATES, budgetState, severity, stateOf, usedShare, type BudgetSignal, type BudgetState, type BudgetStateResult } from './state.ts';
