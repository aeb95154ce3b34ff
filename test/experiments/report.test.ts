import { describe, expect, it } from 'vitest';
import { RungError } from '../../src/errors/rung-error.ts';
import type { CascadeRecord, RequestRecord } from '../../src/records/request-record.ts';
import { buildExperimentReport, groupOutcomesByArm, outcomeFromRecord, renderExperimentReport, type ExperimentRecord } from '../../src/experiments/report.ts';
import { experiment, seededRandom, syntheticOutcomes } from './synthetic.ts';

function record(overrides: Partial<ExperimentRecord> = {}): ExperimentRecord {
  const base: RequestRecord = {
    requestId: 'r1',
    receivedAt: 1_700_000_000_000,
    keyId: 'k1',
    workspace: 'acme',
    department: null,
    agent: null,
    requested: 'rung/auto',
    routeKind: 'policy',
    policy: 'balanced',
    strategy: 'intelligent',
    reason: 'score 0.31',
    control: 'default',
    experiment: null,
    rule: null,
    project: null,
    score: 0.31,
    scorer: 'ok',
    taskClass: null,
    tier: 'small',
    stream: false,
    attempts: [],
    finalDeployment: 'small',
    finalProvider: 'p',
    finalModel: 'small-1',
    status: 'ok',
    httpStatus: 200,
    errorCode: null,
    usage: { promptTokens: 10, completionTokens: 5, totalTokens: 15 },
    costUsd: 0.001,
    referenceDeployment: 'big',
    referenceCostUsd: 0.01,
    costDeltaUsd: -0.009,
    latencyMs: 120,
    fallbackLatencyMs: 0,
    fallback: false,
    cascade: null,
  };
  return { ...base, ...overrides };
}

const cascade = (outcome: CascadeRecord['outcome']): CascadeRecord => ({
  outcome,
  answerStep: outcome === 'passed' ? 1 : 2,
  steps: [],
  totalCostUsd: 0.002,
  topDeployment: 'big',
  savedVsTopUsd: 0.008,
});

describe('outcomeFromRecord', () => {
  it('reads cost, errors, escalation, feedback and unit from a record', () => {
    expect(outcomeFromRecord(record({ feedback: 0.75, experiment: { id: 'x', arm: 'control', unit: 'key:k1' } }))).toEqual({ costUsd: 0.001, escalated: false, error: false, feedback: 0.75, unit: 'key:k1' });
    expect(outcomeFromRecord(record())).toMatchObject({ feedback: null, unit: null });
  });

  it('counts a cascade as escalated unless its first step passed', () => {
    expect(outcomeFromRecord(record({ cascade: cascade('passed') })).escalated).toBe(false);
    expect(outcomeFromRecord(record({ cascade: cascade('escalated') })).escalated).toBe(true);
    expect(outcomeFromRecord(record({ cascade: cascade('exhausted') })).escalated).toBe(true);
  });

  it('counts failed and broken streams as errors, not clients that hung up', () => {
    expect(outcomeFromRecord(record({ status: 'error', httpStatus: 502, errorCode: 'all_targets_failed' })).error).toBe(true);
    expect(outcomeFromRecord(record({ status: 'stream_error' })).error).toBe(true);
    expect(outcomeFromRecord(record({ status: 'client_closed' })).error).toBe(false);
  });

  it('refuses feedback outside [0, 1] and impossible costs with a typed error', () => {
    expect(() => outcomeFromRecord(record({ feedback: 1.5 }))).toThrow(RungError);
    expect(() => outcomeFromRecord(record({ feedback: Number.NaN }))).toThrow(/feedback must be between 0 and 1/);
    expect(() => outcomeFromRecord(record({ costUsd: -1 }))).toThrow(/costUsd/);
  });
});

describe('groupOutcomesByArm', () => {
  it('keeps this experiment\'s records by arm and drops others', () => {
    const e = experiment();
    const grouped = groupOutcomesByArm(e, [
      record({ requestId: 'a', experiment: { id: e.id, arm: 'control', unit: 'u1' } }),
      record({ requestId: 'b', experiment: { id: e.id, arm: 'treatment', unit: 'u2' }, costUsd: 0.002 }),
      record({ requestId: 'c', experiment: { id: e.id, arm: 'treatment', unit: 'u3' } }),
      record({ requestId: 'd', experiment: { id: 'other', arm: 'treatment', unit: 'u4' } }),
      record({ requestId: 'e' }),
      record({ requestId: 'f', experiment: { id: e.id, arm: 'renamed', unit: 'u5' } }),
    ]);
    expect(Object.keys(grouped).sort()).toEqual(['control', 'renamed', 'treatment']);
    expect(grouped.control).toHaveLength(1);
    expect(grouped.treatment?.map((outcome) => outcome.costUsd)).toEqual([0.002, 0.001]);
    expect(groupOutcomesByArm(e, [])).toEqual({ control: [], treatment: [] });
  });
});

describe('buildExperimentReport', () => {
  const profile = { requests: 600, meanCost: 0.002, escalationRate: 0.1, errorRate: 0.02, feedbackShare: 0.2, feedbackGood: 0.8 };
  const e = experiment({ start: '2026-11-01T00:00:00Z', end: '2026-12-01T00:00:00Z' });
  const report = buildExperimentReport(e, {
    control: syntheticOutcomes(profile, 1),
    treatment: syntheticOutcomes({ ...profile, meanCost: 0.0012 }, 2),
    ghost: syntheticOutcomes(profile, 3).slice(0, 4),
  });

  it('lists both arms with their configuration and figures, control first', () => {
    expect(report.arms.map((arm) => [arm.name, arm.role, arm.policy, arm.share])).toEqual([
      ['control', 'control', 'balanced', 0.5],
      ['treatment', 'treatment', 'cost_optimized', 0.5],
    ]);
    expect(report.arms[0].requests).toBe(600);
    expect(report.arms[1].cost.ci).not.toBeNull();
    expect(report.difference.cost.excludesZero).toBe(true);
    expect(report.experiment).toMatchObject({ id: 'cheap-vs-balanced', splitBy: 'request', start: '2026-11-01T00:00:00Z', minRequestsPerArm: 200 });
    expect(report.confidenceLevel).toBe(0.95);
  });

  it('counts requests of unknown arms and says so', () => {
    expect(report.unplacedRequests).toBe(4);
    expect(report.verdict.notes).toContain('4 logged requests name an arm this experiment does not have and were left out.');
  });

  it('survives a JSON round trip unchanged', () => {
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
    const empty = buildExperimentReport(e, {});
    expect(empty.verdict.outcome).toBe('not_enough_data');
    expect(JSON.parse(JSON.stringify(empty))).toEqual(empty);
  });

  it('checks the split against the weights', () => {
    expect(report.sampleRatio).toMatchObject({ controlUnits: 600, treatmentUnits: 600, mismatch: false });
    const weighted = experiment({
      arms: [
        { name: 'control', policy: 'balanced', weight: 80 },
        { name: 'treatment', policy: 'cost_optimized', weight: 20 },
      ],
    });
    // 80/20 weights but 50/50 counts: z = (600 − 960) / √(1200 · 0.8 · 0.2) = −26.
    const skewed = buildExperimentReport(weighted, { control: syntheticOutcomes(profile, 1), treatment: syntheticOutcomes(profile, 2) });
    expect(skewed.sampleRatio?.mismatch).toBe(true);
    expect(skewed.sampleRatio?.z).toBeCloseTo(-25.98, 2);
    expect(skewed.verdict.outcome).toBe('sample_ratio_mismatch');
  });

  it('builds from request records end to end', () => {
    const random = seededRandom(7);
    const records = Array.from({ length: 900 }, (_, index) => {
      const arm = index % 2 === 0 ? 'control' : 'treatment';
      return record({ requestId: `r${index}`, experiment: { id: e.id, arm, unit: `request:r${index}` }, costUsd: (arm === 'control' ? 0.002 : 0.001) * (0.5 + random()) });
    });
    const built = buildExperimentReport(e, groupOutcomesByArm(e, records));
    expect(built.arms.map((arm) => arm.requests)).toEqual([450, 450]);
    expect(built.verdict.outcome).toBe('better');
    expect(built.difference.cost.relative?.estimate).toBeCloseTo(-0.5, 1);
  });
});

describe('renderExperimentReport', () => {
  const profile = { requests: 600, meanCost: 0.002, escalationRate: 0.1, errorRate: 0.02, feedbackShare: 0.2, feedbackGood: 0.8 };
  const e = experiment({
    split_by: 'key',
    arms: [
      { name: 'v1', policy: 'balanced', weight: 1 },
      { name: 'v2', policy: 'balanced', scorer_model: 'rung-scorer-v2', weight: 1 },
    ],
  });
  const text = renderExperimentReport(
    buildExperimentReport(e, { v1: syntheticOutcomes({ ...profile, units: 30 }, 1), v2: syntheticOutcomes({ ...profile, units: 30, meanCost: 0.0012 }, 2) }),
  );
  const lines = text.split('\n');

  it('prints a heading, the scope and one column per arm plus the difference', () => {
    expect(lines[0]).toBe('Experiment cheap-vs-balanced: does cost_optimized hold quality on support traffic?');
    expect(lines[1]).toBe('requests for rung/auto; split by key; no time window. Intervals are 95%.');
    expect(lines[3]).toMatch(/^\s+v1 \(control\)\s+v2 \(treatment\)\s+treatment − control$/);
    expect(text).toMatch(/^policy\s+balanced\s+balanced, scorer rung-scorer-v2$/m);
    expect(text).toMatch(/^requests \(keys\)\s+600 \(30\)\s+600 \(30\)$/m);
  });

  it('aligns each figure with its 95% interval on the next row', () => {
    const cost = lines.findIndex((line) => line.startsWith('cost per request'));
    expect(lines[cost]).toMatch(/^cost per request\s+\$0\.00\d+\s+\$0\.00\d+\s+-\$0\.000\d+ \(\d+% less\)$/);
    expect(lines[cost + 1]).toMatch(/^ {2}95% CI\s+\$[\d.]+–\$[\d.]+\s+\$[\d.]+–\$[\d.]+\s+-\$[\d.]+ to -\$[\d.]+ \(\d+%–\d+% less\)$/);
    const columnOf = (line: string | undefined, needle: RegExp) => line?.search(needle) ?? -1;
    expect(columnOf(lines[cost], /\$/)).toBe(columnOf(lines[cost + 1], /\$/));
    expect(text).toMatch(/^error rate\s+\d\.\d% \(\d+\)\s+\d\.\d% \(\d+\)\s+[+-]\d\.\d points$/m);
    expect(text).toMatch(/^ {2}95% CI.*points, includes 0$/m);
  });

  it('ends with the verdict, one line per metric, and the notes', () => {
    expect(text).toMatch(/\nVerdict: V2 is better: it costs \d+% less per request/);
    expect(text).toMatch(/\n {2}- v2 costs \d+% less per request \(95% CI/);
    expect(text).toMatch(/\nNotes:\n {2}- Arms were assigned by key: v1 has 600 requests from 30 keys/);
    expect(text.endsWith('\n')).toBe(true);
  });
});
