// Runs the demo in-process with a small workload and checks that what it reports agrees with the
// gateway's own request records, plus the pieces the figures rest on (workload, simulation, flags).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main, type MainOutcome } from '../../src/demo/cli.ts';
import { loadCorpus } from '../../src/demo/corpus.ts';
import { createFaultPlan } from '../../src/demo/fault-plan.ts';
import { answerStyle, completeAnswerText, gradeAnswer, replyFor } from '../../src/demo/simulated-quality.ts';
import type { DemoSummary } from '../../src/demo/summary-types.ts';
import { toolsFromPrompt } from '../../src/demo/tools-from-prompt.ts';
import { buildWorkload, POLICY_NAMES, type WorkloadItem } from '../../src/demo/workload.ts';
import type { FakeRequest } from '../../src/fakes/types.ts';
import type { RequestRecord } from '../../src/records/request-record.ts';

const REQUESTS = 40;
let outcome: MainOutcome;
let stdout = '';

beforeAll(async () => {
  outcome = await main(['--requests', String(REQUESTS), '--seed', '7', '--latency-scale', '0.2', '--json'], {
    out: (text) => (stdout += text),
    err: () => undefined,
  });
}, 60_000);

afterAll(async () => {
  // main() closes the gateway without --serve; closing twice must be harmless either way.
  await outcome?.result?.gateway.close().catch(() => undefined);
});

function demo() {
  const result = outcome.result;
  if (result === undefined) throw new Error('the demo did not produce a result');
  return result;
}

function recordOf(records: RequestRecord[], requestId: string | null): RequestRecord {
  const record = records.find((candidate) => candidate.requestId === requestId);
  if (record === undefined) throw new Error(`no record for request ${requestId}`);
  return record;
}

const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);

describe('npm run demo, in-process', () => {
  it('completes with exit code 0, prints every section, and ends with the JSON summary', () => {
    expect(outcome.exitCode).toBe(0);
    for (const section of ['1. Targets', '2. Where the requests went', '3. Cost and quality', '6. Fallbacks', '7. Escalations', '8. Errors']) {
      expect(stdout).toContain(section);
    }
    expect(stdout).toMatch(/cost saving\s+\S+%\s+>= 40%\s+(PASS|MISS)/);
    expect(stdout).toMatch(/quality kept\s+\S+%\s+>= 95%\s+(PASS|MISS)/);
    const lastLine = stdout.trimEnd().split('\n').at(-1) ?? '';
    const parsed = JSON.parse(lastLine) as DemoSummary;
    expect(parsed).toEqual(JSON.parse(JSON.stringify(demo().summary)));
  });

  it('has one record per request in each phase, joined to every client outcome', () => {
    const { summary, routed, baseline, items } = demo();
    expect(items).toHaveLength(REQUESTS);
    expect(routed.records).toHaveLength(REQUESTS);
    expect(baseline.records).toHaveLength(REQUESTS);
    expect(summary.records).toEqual({ routed: REQUESTS, baseline: REQUESTS, unmatchedOutcomes: 0 });
    for (const item of items) {
      const record = recordOf(routed.records, routed.outcomes[item.index]?.requestId ?? null);
      expect(record.policy).toBe(POLICY_NAMES[item.policy]);
      expect(record.stream).toBe(item.stream);
      expect(recordOf(baseline.records, baseline.outcomes[item.index]?.requestId ?? null).finalDeployment).toBe('sim-premium');
    }
  });

  it('counts tiers that add up to the requests and match the records', () => {
    const { summary, routed, items } = demo();
    for (const policy of summary.policies) {
      const tierTotal = sum(Object.values(policy.tiers));
      expect(tierTotal + policy.unanswered).toBe(policy.requests);
      const answered = items.filter((item) => item.policy === policy.policy && routed.outcomes[item.index]?.answer !== null);
      for (const tier of ['premium', 'mid', 'light', 'small'] as const) {
        const fromRecords = answered.filter((item) => recordOf(routed.records, routed.outcomes[item.index]?.requestId ?? null).tier === tier).length;
        expect(policy.tiers[tier]).toBe(fromRecords);
      }
    }
    expect(sum(summary.policies.map((policy) => policy.requests))).toBe(REQUESTS);
    expect(summary.totals.requests).toBe(REQUESTS);
  });

  it('reports costs that are the records’ costs, and computes the saving from them', () => {
    const { summary, routed, baseline, items } = demo();
    for (const policy of summary.policies) {
      const members = items.filter((item) => item.policy === policy.policy);
      const cost = sum(members.map((item) => recordOf(routed.records, routed.outcomes[item.index]?.requestId ?? null).costUsd));
      const premium = sum(members.map((item) => recordOf(baseline.records, baseline.outcomes[item.index]?.requestId ?? null).costUsd));
      expect(policy.costUsd).toBeCloseTo(cost, 12);
      expect(policy.baselineCostUsd).toBeCloseTo(premium, 12);
      expect(policy.costUsd).toBeGreaterThan(0);
      expect(policy.baselineCostUsd).toBeGreaterThan(0);
      expect(policy.savingPct).toBeCloseTo(100 * (1 - cost / premium), 9);
    }
    expect(summary.totals.costUsd).toBeCloseTo(sum(routed.records.map((record) => record.costUsd)), 12);
    expect(summary.totals.baselineCostUsd).toBeCloseTo(sum(baseline.records.map((record) => record.costUsd)), 12);
    expect(summary.targets.saving.valuePct).toBe(summary.policies.find((policy) => policy.policy === 'cost_optimized')?.savingPct);
    expect(summary.targets.saving.pass).toBe((summary.targets.saving.valuePct ?? -1) >= 40);
  });

  it('grades quality against the all-premium baseline', () => {
    const { summary, routed, items } = demo();
    expect(summary.totals.baselineCorrect).toBe(REQUESTS);
    const correct = items.filter((item) => gradeAnswer(item, routed.outcomes[item.index]?.answer ?? null)).length;
    expect(summary.totals.correct).toBe(correct);
    expect(summary.totals.qualityKeptPct).toBeCloseTo((100 * correct) / REQUESTS, 9);
    const optimised = summary.policies.find((policy) => policy.policy === 'cost_optimized');
    expect(summary.targets.quality.valuePct).toBe(optimised?.qualityKeptPct);
  });

  it('shows fallbacks when faults are injected, and counts only the planned stream cut as an expected error', () => {
    const { summary, routed, faults } = demo();
    expect(faults.injected.length).toBeGreaterThan(0);
    expect(summary.fallbacks.faultsInjected['503 overloaded']).toBeGreaterThanOrEqual(1);
    expect(summary.fallbacks.requests).toBeGreaterThan(0);
    const fellBack = routed.records.filter((record) => {
      const failed = record.attempts.findIndex((attempt) => attempt.status === 'error');
      return failed >= 0 && failed < record.attempts.length - 1;
    });
    expect(summary.fallbacks.requests).toBe(fellBack.length);
    expect(summary.fallbacks.recovered).toBe(fellBack.filter((record) => record.status === 'ok').length);
    expect(summary.errors).toMatchObject({ expected: faults.expectedClientErrors.size, unexpected: 0 });
    const cut = faults.cutItem;
    if (cut !== undefined) expect(recordOf(routed.records, routed.outcomes[cut]?.requestId ?? null).status).toBe('stream_error');
  });

  it('reports cascade outcomes that match the records', () => {
    const { summary, routed } = demo();
    const cascades = routed.records.filter((record) => record.cascade !== null);
    expect(summary.cascade.requests).toBe(cascades.length);
    expect(summary.cascade.passed + summary.cascade.escalated + summary.cascade.exhausted).toBe(cascades.length);
    expect(summary.cascade.escalated).toBe(cascades.filter((record) => record.cascade?.outcome === 'escalated').length);
  });
});

describe('workload', () => {
  const corpus = loadCorpus();

  it('is deterministic per seed, mixes classes and labels, and streams at least 20%', () => {
    const first = buildWorkload(corpus, { requests: 200, seed: 1 });
    const again = buildWorkload(corpus, { requests: 200, seed: 1 });
    const other = buildWorkload(corpus, { requests: 200, seed: 2 });
    expect(again).toEqual(first);
    expect(other.map((item) => item.id)).not.toEqual(first.map((item) => item.id));
    expect(new Set(first.map((item) => item.id)).size).toBe(200);
    expect(new Set(first.map((item) => item.task)).size).toBe(14);
    expect(first.filter((item) => item.label === 1).length).toBeGreaterThan(40);
    expect(first.filter((item) => item.stream).length).toBeGreaterThanOrEqual(40);
    expect(first.filter((item) => item.policy === 'cost_optimized')).toHaveLength(140);
    expect(first.some((item) => item.tools.length > 0)).toBe(true);
  });

  it('gives every policy at least one request from three requests on', () => {
    const items = buildWorkload(corpus, { requests: 3, seed: 5 });
    expect(new Set(items.map((item) => item.policy))).toEqual(new Set(['cost_optimized', 'cascade', 'chain']));
  });

  it('reads tool definitions from both ways the corpus writes them', () => {
    expect(toolsFromPrompt('Tools:\n- send_email(to: string, cc: string?, urgent: boolean) — Send an email\nUser: hi')).toEqual([
      {
        name: 'send_email',
        description: 'Send an email',
        parameters: { type: 'object', properties: { to: { type: 'string' }, cc: { type: 'string' }, urgent: { type: 'boolean' } }, required: ['to', 'urgent'] },
      },
    ]);
    const json = 'Functions:\n[\n  {"type": "function", "function": {"name": "set_priority", "parameters": {"properties": {"level": {"type": "\\"P1\\"|\\"P2\\""}}}}}\n]\nUser: go';
    expect(toolsFromPrompt(json)[0]?.parameters).toEqual({ type: 'object', properties: { level: { type: 'string', enum: ['P1', 'P2'] } }, required: ['level'] });
  });
});

describe('simulated quality', () => {
  const item = (label: 0 | 1, id: string): WorkloadItem => ({ index: 0, id, prompt: `prompt ${id}`, label, task: 'coding', policy: 'cost_optimized', stream: false, tools: [] });
  const received = (reply: ReturnType<typeof replyFor>) => ({ text: reply.text ?? '', toolCalls: [], finishReason: reply.finishReason ?? 'stop' });

  it('answers easy prompts well on every tier and hard ones well only on premium and mid', () => {
    const easy = item(0, 'easy-1');
    for (const tier of ['premium', 'mid', 'light', 'small'] as const) expect(gradeAnswer(easy, received(replyFor(easy, tier)))).toBe(true);
    for (let n = 0; n < 20; n += 1) {
      const hard = item(1, `hard-${n}`);
      expect(gradeAnswer(hard, received(replyFor(hard, 'premium')))).toBe(true);
      expect(gradeAnswer(hard, received(replyFor(hard, 'mid')))).toBe(true);
      expect(answerStyle(hard, 'small')).not.toBe('complete');
      expect(gradeAnswer(hard, received(replyFor(hard, 'small')))).toBe(false);
    }
    expect(completeAnswerText(item(1, 'x')).length).toBeGreaterThan(completeAnswerText(item(0, 'x')).length);
  });

  it('scripts one outage and one stream cut on premium-chain requests, first attempt only', () => {
    const items = buildWorkload(loadCorpus(), { requests: 40, seed: 7 });
    const plan = createFaultPlan(items, 7, 0);
    const cut = items[plan.cutItem ?? -1];
    expect(cut).toMatchObject({ policy: 'chain', stream: true });
    const request = (target: WorkloadItem, stream: boolean) => ({ model: 'sim-premium-4o', stream, messages: [{ role: 'user' as const, text: target.prompt }] }) as unknown as FakeRequest;
    const premium = plan.scriptFor('premium');
    expect(premium?.(0, request(cut!, true))).toEqual({ cutAfterChunks: 6 });
    expect(premium?.(1, request(cut!, true))).toBeUndefined();
    const outage = items.find((entry) => entry.policy === 'chain' && entry.index !== cut!.index)!;
    expect(premium?.(2, request(outage, false))).toMatchObject({ status: 503 });
    expect(premium?.(3, request(outage, false))).toBeUndefined();
    expect(plan.injected.map((fault) => fault.kind)).toEqual(['stream cut', '503 overloaded']);
    expect(plan.expectedClientErrors).toEqual(new Set([cut!.index]));
    expect(plan.scriptFor('small')).toBeUndefined();
    expect(plan.scriptFor('light')).toBeUndefined();
  });
});


describe('the learning phase', () => {
  it('prints the recorded analytics and one retraining cycle with the gate decision', () => {
    expect(stdout).toContain('9. Analytics recorded by the gateway');
    const analytics = stdout.slice(stdout.indexOf('9. Analytics'), stdout.indexOf('10. One retraining'));
    // The analytics total counts both phases (baseline and routed) of the demo.
    expect(analytics).toMatch(new RegExp(`total\\s+${REQUESTS * 2}\\s`));
    expect(stdout).toContain('10. One retraining cycle from the logged outcomes');
    // 40 requests log only 7 labelled outcomes (seed 7): too few to train, and the demo says so
    // instead of promoting anything. The full 200-request demo reaches the eval gate.
    expect(stdout).toMatch(/Retraining did not run: need at least 10 training rows, got \d\b/);
  });
});
