// Seeded synthetic traffic for the experiment tests: the same seed gives the same outcomes on every run.
import { ExperimentSchema, type ExperimentConfig } from '../../src/config/experiment-schema.ts';
import type { ExperimentOutcome } from '../../src/experiments/statistics.ts';

/** mulberry32: a small, fast 32-bit generator; plenty for test data. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = state;
    mixed = Math.imul(mixed ^ (mixed >>> 15), mixed | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export interface ArmProfile {
  requests: number;
  /** Mean cost per request in USD; costs are spread uniformly over ±50% of it. */
  meanCost: number;
  escalationRate: number;
  errorRate: number;
  /** Share of requests with a rating, and the chance a rating is 1 (else 0). */
  feedbackShare: number;
  feedbackGood: number;
  /** Units the requests are spread over; absent: each request its own unit. */
  units?: number;
}

export function syntheticOutcomes(profile: ArmProfile, seed: number): ExperimentOutcome[] {
  const random = seededRandom(seed);
  return Array.from({ length: profile.requests }, (_, index) => ({
    costUsd: profile.meanCost * (0.5 + random()),
    escalated: random() < profile.escalationRate,
    error: random() < profile.errorRate,
    feedback: random() < profile.feedbackShare ? (random() < profile.feedbackGood ? 1 : 0) : null,
    unit: profile.units === undefined ? null : `key:k${index % profile.units}`,
  }));
}

export function experiment(overrides: Record<string, unknown> = {}): ExperimentConfig {
  return ExperimentSchema.parse({
    id: 'cheap-vs-balanced',
    description: 'does cost_optimized hold quality on support traffic?',
    match: { model: 'rung/auto' },
    split_by: 'request',
    arms: [
      { name: 'control', policy: 'balanced', weight: 50 },
      { name: 'treatment', policy: 'cost_optimized', weight: 50 },
    ],
    min_requests_per_arm: 200,
    ...overrides,
  });
}
