// The heads a model directory may hold, and the one call that scores a feature vector with any of them.
import { applyGatedHead, type GatedHead } from './gated-head.ts';
import { applyLogisticHead, type LogisticHead } from './head.ts';

export type ScorerHead = LogisticHead | GatedHead;

/** The raw score (logit) for one feature vector. */
export function applyHead(head: ScorerHead, features: ArrayLike<number>): number {
  return head.kind === 'gated' ? applyGatedHead(head, features) : applyLogisticHead(head, features);
}
