import { describe, expect, it } from 'vitest';
import { IntelligentStrategy, type StrongSide } from '../../src/routing/strategies/intelligent.ts';
import { RungError } from '../../src/errors/rung-error.ts';
import { INPUT, world } from './fixtures.ts';

// Fixture tiers by price: premium-a premium; mid-a, mid-b mid; light-b light; light-a small; local local.
const ALL = ['premium-a', 'mid-a', 'mid-b', 'light-a', 'light-b', 'local'];

function strategy(strongSide: StrongSide, extra: { cutPoints?: Record<string, number>; band?: 'capable' | 'as_scored' } = {}) {
  const w = world();
  const s = new IntelligentStrategy(ALL, w.catalog, {
    objective: 'balanced',
    threshold: 0.5,
    thresholdFixed: true,
    cutPoints: extra.cutPoints ?? {},
    strongSide,
    band: { low: 0.4, high: 0.6, prefer: extra.band ?? 'as_scored' },
  });
  return { s, w, tierFor: (score: number | null) => w.catalog.get(s.decide({ ...INPUT, score }, w.view).targets[0]!).tier };
}

describe('intelligent strategy: score to tier', () => {
  it('splits the cheap side evenly below the threshold', () => {
    // Five tiers: strong side premium, mid, light; cheap side small, local (small >= 0.25).
    const { tierFor } = strategy('by_score');
    expect(tierFor(0.1)).toBe('local');
    expect(tierFor(0.3)).toBe('small');
  });

  it('serves the strong side by the configured preference', () => {
    expect(strategy('cheapest').tierFor(0.99)).toBe('light');
    expect(strategy('most_capable').tierFor(0.51)).toBe('premium');
    const byScore = strategy('by_score');
    expect(byScore.tierFor(0.55)).toBe('light');
    expect(byScore.tierFor(0.7)).toBe('mid');
    expect(byScore.tierFor(0.9)).toBe('premium');
  });

  it('honours explicit cut points over the defaults', () => {
    const { tierFor } = strategy('cheapest', { cutPoints: { premium: 0.95 } });
    expect(tierFor(0.97)).toBe('premium');
    expect(tierFor(0.9)).toBe('light');
  });

  it('moves uncertain scores one tier up and unscored requests to the top', () => {
    const { tierFor } = strategy('by_score', { band: 'capable' });
    expect(tierFor(0.45)).toBe('light');
    expect(tierFor(0.3)).toBe('small');
    expect(tierFor(null)).toBe('premium');
  });

  it('orders the chosen tier cheapest first, then escalates up, then the cheaper tiers', () => {
    const { s, w } = strategy('cheapest');
    const { targets } = s.decide({ ...INPUT, score: 0.7 }, w.view);
    expect(targets).toEqual(['light-b', 'mid-b', 'mid-a', 'premium-a', 'light-a', 'local']);
  });

  it('filters deployments that lack context or capabilities, and says when none is left', () => {
    const { s, w } = strategy('cheapest');
    const tooLong = { estimatedPromptTokens: 200_000, estimatedOutputTokens: 10 };
    expect(() => s.decide({ ...tooLong, score: 0.1 }, w.view)).toThrow(RungError);
  });
});
