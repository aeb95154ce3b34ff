// The handle a request holds between reserving and settling. It finishes at most once: the first
// settle or release goes to the store, later calls change nothing (a finally block and an error
// path may both try to finish it).
import type { BudgetLedgerStore, FinishOutcome } from './ledger-store.ts';

export class Reservation {
  private finishedWith: Promise<FinishOutcome> | null = null;

  constructor(
    private readonly store: BudgetLedgerStore,
    /** Store reservation id; also useful in request records. */
    readonly id: string,
    /** The maximum estimated cost held against every budget below. */
    readonly estimateUsd: number,
    /** Ids of the budgets this reservation holds; empty when none applied. */
    readonly budgetIds: readonly string[],
  ) {}

  get finished(): boolean {
    return this.finishedWith !== null;
  }

  /**
   * Releases the hold and records what the call actually cost (lower or higher than the
   * estimate). Include every billed attempt: retries and fallbacks that consumed tokens.
   */
  settle(actualUsd: number): Promise<FinishOutcome> {
    return this.finish(() => this.store.settle(this.id, actualUsd));
  }

  /** The call failed and nothing was billed: drop the hold, record no spend. */
  release(): Promise<FinishOutcome> {
    return this.finish(() => this.store.release(this.id));
  }

  private finish(run: () => Promise<FinishOutcome>): Promise<FinishOutcome> {
    if (this.finishedWith !== null) return Promise.resolve('unknown');
    // Marked before the store call so a concurrent second finish cannot slip in.
    this.finishedWith = this.budgetIds.length === 0 ? Promise.resolve('settled') : run();
    return this.finishedWith;
  }
}
