// Label derivation from a real SQLite store: each rule of src/learning/outcome-labels.ts.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deriveLabels, labelRuleOf } from '../../src/learning/outcome-labels.ts';
import { readOutcomes } from '../../src/learning/outcome-source.ts';
import type { SqliteStore } from '../../src/store/sqlite/open-sqlite-store.ts';
import type { LabelledOutcome } from '../../src/store/types.ts';
import { appendOutcomes, openStore, tempDir } from './helpers.ts';

describe('labels from logged outcomes', () => {
  const folder = tempDir();
  let store: SqliteStore;
  let outcomes: LabelledOutcome[] = [];

  beforeAll(async () => {
    store = await openStore(join(folder, 'rung.db'));
    await appendOutcomes(store, [
      { id: 'escalated', prompt: 'prove the theorem', tier: 'premium', cascade: 'escalated' },
      { id: 'exhausted', prompt: 'prove it twice', tier: 'premium', cascade: 'exhausted' },
      { id: 'validator-failed', prompt: 'emit json', tier: 'small', cascade: 'passed', verdict: 'fail' },
      { id: 'thumbs-down', prompt: 'summarise this', tier: 'light', feedback: 0 },
      { id: 'cheap-passed', prompt: 'say hi', tier: 'local', cascade: 'passed' },
      { id: 'cheap-liked', prompt: 'say bye', tier: 'light', feedback: 0.9 },
      { id: 'strong-liked', prompt: 'write a poem', tier: 'premium', feedback: 1 },
      { id: 'mid-disliked', prompt: 'plan a trip', tier: 'mid', feedback: 0.2 },
      { id: 'no-prompt', prompt: null, tier: 'light', feedback: 1 },
      // No feedback and no cascade: not a labelled outcome at all.
      { id: 'silent', prompt: 'hello', tier: 'light' },
    ]);
    outcomes = await readOutcomes(store.outcomes);
  });

  afterAll(async () => {
    await store.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('labels each outcome by the default rule and counts every rule', () => {
    const derived = deriveLabels(outcomes);
    expect(outcomes.map((o) => o.requestId)).not.toContain('silent');
    expect(Object.fromEntries(derived.labels)).toEqual({
      escalated: 1,
      exhausted: 1,
      'validator-failed': 1,
      'thumbs-down': 1,
      'cheap-passed': 0,
      'cheap-liked': 0,
    });
    expect(derived.counts).toEqual({
      escalated: 2,
      validator_failed: 1,
      negative_feedback: 1,
      cheap_passed: 2,
      strong_positive: 0,
      no_prompt: 1,
      strong_positive_unlabelled: 1,
      unlabelled: 1,
    });
  });

  it('emits training examples with the prompt, target, gap and the eval convention strong=1, weak=1−label', () => {
    const derived = deriveLabels(outcomes);
    const byId = new Map(derived.examples.map((e) => [e.id, e]));
    expect(byId.get('outcomes:thumbs-down')).toMatchObject({ prompt: 'summarise this', target: 1, gap: 1, strong: 1, weak: 0, source: 'outcomes', task: 'qa' });
    expect(byId.get('outcomes:cheap-passed')).toMatchObject({ prompt: 'say hi', target: 0, gap: 0, strong: 1, weak: 1 });
    expect(derived.examples).toHaveLength(6);
  });

  it('is configurable: strong answers with positive feedback, the feedback threshold and the cheap tiers', () => {
    const strongAsZero = deriveLabels(outcomes, labelRuleOf({ strongPositiveLabel: 0 }));
    expect(strongAsZero.labels.get('strong-liked')).toBe(0);
    expect(strongAsZero.counts.strong_positive).toBe(1);

    // 0.9 is negative when the bar is 0.95.
    expect(deriveLabels(outcomes, labelRuleOf({ negativeFeedbackBelow: 0.95 })).labels.get('cheap-liked')).toBe(1);

    // With "mid" counted as cheap, its thumbs-down labels it 1.
    expect(deriveLabels(outcomes, labelRuleOf({ cheapTiers: ['light', 'small', 'local', 'mid'] })).labels.get('mid-disliked')).toBe(1);
    expect(() => labelRuleOf({ negativeFeedbackBelow: 0 })).toThrow(RangeError);
  });

  it('keeps only the most recent N outcomes when asked', async () => {
    const recent = await readOutcomes(store.outcomes, { recent: 2 });
    expect(recent.map((o) => o.requestId)).toEqual(['mid-disliked', 'no-prompt']);
    expect(await readOutcomes(store.outcomes, { recent: 0 })).toEqual([]);
  });
});
