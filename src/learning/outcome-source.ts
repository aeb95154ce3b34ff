// Reading labelled outcomes from the store for the learning loop. `labelledOutcomes` answers
// oldest first, so "the most recent N" reads up to `scanLimit` rows and keeps the tail: with more
// labelled rows than that, pass `from` to move the window.
import type { LabelledOutcome, OutcomeStore } from '../store/types.ts';
import { deriveLabels, type DerivedLabels, type LabelRule } from './outcome-labels.ts';

export const DEFAULT_SCAN_LIMIT = 100_000;

export interface OutcomeWindow {
  /** Epoch ms on `receivedAt`, inclusive. */
  from?: number;
  /** Epoch ms on `receivedAt`, exclusive. */
  to?: number;
  /** Keep only the most recent N labelled outcomes. */
  recent?: number;
  scanLimit?: number;
}

export async function readOutcomes(store: OutcomeStore, window: OutcomeWindow = {}): Promise<LabelledOutcome[]> {
  const all = await store.labelledOutcomes({
    ...(window.from === undefined ? {} : { from: window.from }),
    ...(window.to === undefined ? {} : { to: window.to }),
    limit: window.scanLimit ?? DEFAULT_SCAN_LIMIT,
  });
  if (window.recent === undefined) return all;
  return window.recent <= 0 ? [] : all.slice(-window.recent);
}

export async function labelsFromStore(store: OutcomeStore, rule: LabelRule, window: OutcomeWindow = {}): Promise<DerivedLabels & { outcomes: LabelledOutcome[] }> {
  const outcomes = await readOutcomes(store, window);
  return { ...deriveLabels(outcomes, rule), outcomes };
}
