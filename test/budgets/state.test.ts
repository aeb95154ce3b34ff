import { describe, expect, it } from 'vitest';
import { budgetState, stateOf, type BudgetSignal } from '../../src/budgets/state.ts';

const signal = (id: string, spentUsd: number, limit = 100, reservedUsd = 0): BudgetSignal => ({
  budget: { id, limit_usd: limit, soft_threshold: 0.8, throttle_threshold: 0.95 },
  spentUsd,
  reservedUsd,
  periodEndMs: 0,
});

describe('stateOf', () => {
  it('switches exactly at each threshold', () => {
    expect([0, 79.99, 80, 94.99, 95, 99.99, 100, 130].map((spent) => stateOf(signal('b', spent)))).toEqual([
      'ok', 'ok', 'soft', 'soft', 'throttle', 'throttle', 'exhausted', 'exhausted',
    ]);
  });

  it('reads settled spend only, not holds of requests in flight', () => {
    expect(stateOf(signal('b', 10, 100, 89))).toBe('ok');
  });

  it('hits the thresholds at exact shares of awkward limits', () => {
    const budget = { id: 'b', limit_usd: 0.3, soft_threshold: 0.8, throttle_threshold: 0.95 };
    expect(stateOf({ budget, spentUsd: 0.24 })).toBe('soft');
    expect(stateOf({ budget, spentUsd: 0.285 })).toBe('throttle');
    expect(stateOf({ budget, spentUsd: 0.3 })).toBe('exhausted');
  });
});

describe('budgetState', () => {
  it('is ok with no cause when no budget applies', () => {
    expect(budgetState([])).toEqual({ state: 'ok', cause: null });
  });

  it('picks the worst state and names its budget', () => {
    const result = budgetState([signal('soft-one', 85), signal('throttled', 96, 100), signal('fine', 1)]);
    expect(result.state).toBe('throttle');
    expect(result.cause?.budget.id).toBe('throttled');
  });

  it('breaks ties by used share, then by order', () => {
    expect(budgetState([signal('less', 81), signal('more', 90)]).cause?.budget.id).toBe('more');
    expect(budgetState([signal('first', 85), signal('second', 85)]).cause?.budget.id).toBe('first');
  });

  it('names the most used budget while all are ok', () => {
    expect(budgetState([signal('a', 10), signal('b', 40)])).toMatchObject({ state: 'ok', cause: { budget: { id: 'b' } } });
  });
});
