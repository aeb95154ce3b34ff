// Do the intervals keep their promise? When both arms come from the same traffic, a 95% interval
// should exclude 0 in about 5% of experiments. Hundreds of seeded experiments check that, and that
// clustering by unit is what keeps it so when keys differ from each other.
import { describe, expect, it } from 'vitest';
import { compareArms, summariseArm, type ArmComparison, type ExperimentOutcome } from '../../src/experiments/statistics.ts';
import { seededRandom, syntheticOutcomes } from './synthetic.ts';

type Metric = 'cost' | 'escalation' | 'error' | 'feedback';
const METRICS: readonly Metric[] = ['cost', 'escalation', 'error', 'feedback'];

function falsePositiveRates(runs: number, experimentAt: (run: number) => ArmComparison): Record<Metric, number> {
  const hits: Record<Metric, number> = { cost: 0, escalation: 0, error: 0, feedback: 0 };
  for (let run = 0; run < runs; run += 1) {
    const comparison = experimentAt(run);
    for (const metric of METRICS) if (comparison[metric].excludesZero) hits[metric] += 1;
  }
  return { cost: hits.cost / runs, escalation: hits.escalation / runs, error: hits.error / runs, feedback: hits.feedback / runs };
}

/** Keys that differ: each has its own cost level and error rate, the same in both arms' population. */
function keyedTraffic(seed: number, keys: number, perKey: number): ExperimentOutcome[] {
  const random = seededRandom(seed);
  const outcomes: ExperimentOutcome[] = [];
  for (let key = 0; key < keys; key += 1) {
    const costLevel = 0.0002 + 0.004 * random();
    const errorRate = 0.1 * random() ** 2;
    for (let request = 0; request < perKey; request += 1) {
      outcomes.push({ costUsd: costLevel * (0.8 + 0.4 * random()), escalated: false, error: random() < errorRate, feedback: null, unit: `key:${seed}-${key}` });
    }
  }
  return outcomes;
}

describe('interval calibration under no difference', () => {
  it('flags each metric in about 5% of 300 experiments with independent requests', () => {
    const profile = { requests: 500, meanCost: 0.002, escalationRate: 0.1, errorRate: 0.03, feedbackShare: 0.3, feedbackGood: 0.7 };
    const rates = falsePositiveRates(300, (run) => compareArms(summariseArm(syntheticOutcomes(profile, 10_000 + run)), summariseArm(syntheticOutcomes(profile, 20_000 + run))));
    // 300 runs at 5%: sd 1.3 points, so [1%, 10%] is a wide but meaningful band.
    for (const metric of METRICS) {
      expect(rates[metric], metric).toBeGreaterThanOrEqual(0.01);
      expect(rates[metric], metric).toBeLessThanOrEqual(0.1);
    }
  });

  it('stays near 5% when keys differ, where treating requests as independent would not', () => {
    const arms = (run: number) => [keyedTraffic(30_000 + run, 20, 40), keyedTraffic(40_000 + run, 20, 40)] as const;
    const clustered = falsePositiveRates(300, (run) => {
      const [control, treatment] = arms(run);
      return compareArms(summariseArm(control), summariseArm(treatment));
    });
    const naive = falsePositiveRates(300, (run) => {
      const [control, treatment] = arms(run);
      const strip = (outcomes: ExperimentOutcome[]) => outcomes.map((outcome) => ({ ...outcome, unit: null }));
      return compareArms(summariseArm(strip(control)), summariseArm(strip(treatment)));
    });
    expect(clustered.cost).toBeLessThanOrEqual(0.1);
    expect(clustered.error).toBeLessThanOrEqual(0.1);
    // 800 requests from 20 keys are nowhere near 800 independent draws.
    expect(naive.cost).toBeGreaterThan(0.5);
    expect(naive.error).toBeGreaterThan(0.15);
  });
});
