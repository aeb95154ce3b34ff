import { describe, expect, it } from 'vitest';
import { buildExperimentReport } from '../../src/experiments/report.ts';
import type { Verdict } from '../../src/experiments/verdict.ts';
import { experiment, syntheticOutcomes, type ArmProfile } from './synthetic.ts';

const BASE: ArmProfile = { requests: 2_000, meanCost: 0.002, escalationRate: 0.08, errorRate: 0.01, feedbackShare: 0.2, feedbackGood: 0.8 };

function verdictFor(control: Partial<ArmProfile>, treatment: Partial<ArmProfile>, overrides: Record<string, unknown> = {}): Verdict {
  return buildExperimentReport(experiment(overrides), {
    control: syntheticOutcomes({ ...BASE, ...control }, 1),
    treatment: syntheticOutcomes({ ...BASE, ...treatment }, 2),
  }).verdict;
}

// Seeds 1 and 2 give arms with no chance difference under equal profiles (about 1 seed pair in 6
// shows one by chance: see the calibration test in statistics.test.ts), so each case below differs
// only in what its profile changes.
const metric = (verdict: Verdict, name: string) => verdict.metrics.find((item) => item.metric === name);

describe('verdict', () => {
  it('refuses to call a winner with too few requests, naming the arm and the shortfall', () => {
    const verdict = verdictFor({ requests: 37 }, {});
    expect(verdict.outcome).toBe('not_enough_data');
    expect(verdict.headline).toBe('Not enough data: control has 37 of 200 requests needed. No winner is called until both arms have 200.');
    expect(verdict.metrics).toEqual([]);
    const both = verdictFor({ requests: 37 }, { requests: 52 });
    expect(both.headline).toBe('Not enough data: control has 37 of 200 requests needed; treatment has 52 of 200 requests. No winner is called until both arms have 200.');
  });

  it('refuses when every request of an arm comes from one key', () => {
    const verdict = verdictFor({ units: 1 }, { units: 7 }, { split_by: 'key' });
    expect(verdict.outcome).toBe('not_enough_data');
    expect(verdict.headline).toBe(
      "Not enough data: control's 2,000 requests come from 1 key. At least 2 keys per arm are needed to tell an arm's effect from differences between keys.",
    );
  });

  it('calls a clear win: cheaper with no detectable loss of quality', () => {
    const verdict = verdictFor({}, { meanCost: 0.0012 });
    expect(verdict.outcome).toBe('better');
    expect(verdict.headline).toBe('Treatment is better: it costs 40% less per request, with no detectable loss on the other metrics compared.');
    expect(metric(verdict, 'cost')).toMatchObject({ direction: 'better' });
    expect(metric(verdict, 'cost')?.text).toMatch(/^treatment costs 40% less per request \(95% CI 3\d%–4\d% less\): \$0\.001\d+ vs \$0\.00\d+ for control$/);
    expect(metric(verdict, 'error')?.text).toMatch(/^error rate no different \(CI includes 0\): /);
    expect(metric(verdict, 'escalation')?.direction).toBe('no_difference');
    expect(metric(verdict, 'feedback')?.direction).toBe('no_difference');
  });

  it('calls a clear loss: more errors and nothing gained', () => {
    const verdict = verdictFor({}, { errorRate: 0.05 });
    expect(verdict.outcome).toBe('worse');
    expect(verdict.headline).toBe('Control is better: treatment has more errors, with no detectable gain elsewhere.');
    expect(metric(verdict, 'error')?.text).toMatch(/^treatment has more errors: error rate \d\.\d% vs \d\.\d% for control, \+\d\.\d points \(95% CI \+\d\.\d to \+\d\.\d\)$/);
    expect(metric(verdict, 'cost')?.text).toMatch(/^cost per request no different \(CI includes 0\)/);
  });

  it('calls cheaper-but-worse a trade-off, not a win', () => {
    const verdict = verdictFor({}, { meanCost: 0.0012, escalationRate: 0.14, feedbackGood: 0.6 });
    expect(verdict.outcome).toBe('trade_off');
    expect(verdict.headline).toBe(
      'Trade-off, no winner: treatment costs 40% less per request but escalates more often and gets worse feedback. Weigh these against each other before switching.',
    );
    expect(metric(verdict, 'escalation')?.text).toMatch(/^treatment escalates more often: escalation rate /);
    expect(metric(verdict, 'feedback')?.text).toMatch(/^treatment gets worse feedback: mean 0\.\d\d vs 0\.\d\d for control, -0\.\d\d \(95% CI -0\.\d\d to -0\.\d\d\)$/);
  });

  it('calls better-but-dearer a trade-off too', () => {
    const verdict = verdictFor({}, { meanCost: 0.003, errorRate: 0.001 });
    expect(verdict.outcome).toBe('trade_off');
    // The profile is 50% dearer; this sample's means come out 49% apart.
    expect(verdict.headline).toBe('Trade-off, no winner: treatment has fewer errors but costs 49% more per request. Weigh these against each other before switching.');
  });

  it('says "no detectable difference" when every interval includes 0, and not that they are the same', () => {
    const verdict = verdictFor({}, {});
    expect(verdict.outcome).toBe('no_difference');
    expect(verdict.headline).toMatch(/^No detectable difference between treatment and control: every interval includes 0\. That is not proof they are the same/);
    expect(verdict.metrics.map((item) => item.direction)).toEqual(['no_difference', 'no_difference', 'no_difference', 'no_difference']);
    expect(metric(verdict, 'cost')?.text).toMatch(/^cost per request no different \(CI includes 0\): .*\(95% CI [\d.]+% less to [\d.]+% more\)$/);
  });

  it('does not compare feedback with too few ratings', () => {
    const verdict = verdictFor({ feedbackShare: 0.005 }, { meanCost: 0.0012, feedbackShare: 0.005 });
    expect(metric(verdict, 'feedback')).toMatchObject({ direction: 'not_compared' });
    expect(metric(verdict, 'feedback')?.text).toMatch(/^feedback not compared: control has \d+ ratings? and treatment \d+; 30 per arm needed$/);
    expect(verdict.outcome).toBe('better');
  });

  it('says neither arm escalated when no cascade ran', () => {
    const verdict = verdictFor({ escalationRate: 0 }, { escalationRate: 0 });
    expect(metric(verdict, 'escalation')?.text).toBe('escalation rate no different (CI includes 0): neither arm escalated (only cascade policies escalate)');
  });

  it('refuses to read a broken split', () => {
    const verdict = verdictFor({ requests: 2_000 }, { requests: 1_600, meanCost: 0.0012 });
    expect(verdict.outcome).toBe('sample_ratio_mismatch');
    expect(verdict.headline).toMatch(/^The split looks broken, no winner: control has 2,000 requests and treatment 1,600, but the weights expect 50\.0% in control \(observed 55\.6%\)\./);
    expect(verdict.metrics).toEqual([]);
  });

  it('notes that keys, not requests, carry the evidence when split by key', () => {
    const verdict = verdictFor({ units: 40 }, { units: 40 }, { split_by: 'key' });
    expect(verdict.notes[0]).toBe(
      'Arms were assigned by key: control has 2,000 requests from 40 keys, treatment 2,000 from 40. Requests of one key resemble each other, so the intervals count the spread between keys and are wider than per-request intervals.',
    );
  });
});
