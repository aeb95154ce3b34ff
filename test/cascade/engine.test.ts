import { describe, expect, it } from 'vitest';
import { NON_ESCALATING_ERRORS, runCascade } from '../../src/cascade/engine.ts';
import type { CascadeInput } from '../../src/cascade/types.ts';
import { RungError } from '../../src/errors/rung-error.ts';
import { ManualClock } from '../../src/resilience/clock.ts';
import { createValidators } from '../../src/validators/registry.ts';
import type { JudgeFunction, Validator } from '../../src/validators/types.ts';
import { ask } from '../validators/fixtures.ts';
import { STEPS, cost, reply, scriptSteps, usage, type Scripted } from './script.ts';

const validators = createValidators([{ type: 'non_empty' }, { type: 'not_refusal' }, { type: 'not_truncated' }, { type: 'min_length', min_chars: 20 }]);
const request = ask('My parcel has not arrived after ten days. What can I do?', { stream: true });
const refusal = { content: "I'm sorry, but I can't help with that." };
const truncated = { content: 'You can request a refund by', finishReason: 'length' as const };

function input(replies: readonly Scripted[], overrides: Partial<CascadeInput> = {}) {
  const script = scriptSteps(replies);
  return { script, input: { steps: STEPS, validators, request, callStep: script.callStep, cost, ...overrides } satisfies CascadeInput };
}

describe('runCascade', () => {
  it('returns the first step\'s answer when it passes, priced against the top model', async () => {
    const first = reply('gpt-4o-mini', {}, usage(1_000, 200));
    const { script, input: cascade } = input([first]);
    const outcome = await runCascade(cascade);
    expect(outcome.outcome).toBe('passed');
    expect(outcome.result).toBe(first.result);
    expect(outcome.deploymentId).toBe('gpt-4o-mini');
    expect(outcome.answerStep).toBe(1);
    expect(script.calls).toHaveLength(1);
    expect(script.calls[0]?.targets).toEqual(['gemini-flash', 'gpt-4o-mini']);
    expect(script.calls[0]?.request.stream).toBe(false);
    expect(outcome.steps[0]?.verdicts.map((verdict) => `${verdict.validator}:${verdict.verdict}`)).toEqual([
      'non_empty:pass', 'not_refusal:pass', 'not_truncated:pass', 'min_length:pass',
    ]);
    const spent = cost('gpt-4o-mini', usage(1_000, 200));
    expect(outcome.totalCostUsd).toBeCloseTo(spent, 12);
    expect(outcome.topDeploymentId).toBe('gpt-4o');
    expect(outcome.topCostUsd).toBeCloseTo(cost('gpt-4o', usage(1_000, 200)), 12);
    expect(outcome.savedVsTopUsd).toBeCloseTo(cost('gpt-4o', usage(1_000, 200)) - spent, 12);
  });

  it('escalates past a failed answer, stopping validation at the first failure, and sums both steps', async () => {
    const { script, input: cascade } = input([reply('gemini-flash', refusal, usage(1_000, 12)), reply('claude-haiku', {}, usage(1_000, 300))]);
    const outcome = await runCascade(cascade);
    expect(outcome.outcome).toBe('escalated');
    expect(outcome.deploymentId).toBe('claude-haiku');
    expect(outcome.answerStep).toBe(2);
    expect(script.calls.map((call) => call.targets)).toEqual([STEPS[0], STEPS[1]]);
    const [first, second] = outcome.steps;
    expect(first?.status).toBe('failed');
    expect(first?.verdicts.map((verdict) => verdict.validator)).toEqual(['non_empty', 'not_refusal']);
    expect(first?.verdicts[1]?.verdict).toBe('fail');
    expect(second?.status).toBe('passed');
    const total = cost('gemini-flash', usage(1_000, 12)) + cost('claude-haiku', usage(1_000, 300));
    expect(outcome.totalCostUsd).toBeCloseTo(total, 12);
    expect(outcome.savedVsTopUsd).toBeCloseTo(cost('gpt-4o', usage(1_000, 300)) - total, 12);
  });

  it('returns the last answer with every verdict when no step passes', async () => {
    const last = reply('gpt-4o', truncated);
    const { script, input: cascade } = input([reply('gemini-flash', refusal), reply('claude-haiku', { content: '' }), last]);
    const outcome = await runCascade(cascade);
    expect(outcome.outcome).toBe('exhausted');
    expect(outcome.result).toBe(last.result);
    expect(outcome.answerStep).toBe(3);
    expect(script.calls).toHaveLength(3);
    expect(outcome.steps.map((step) => step.verdicts.at(-1)?.validator)).toEqual(['not_refusal', 'non_empty', 'not_truncated']);
    expect(outcome.steps.every((step) => step.status === 'failed')).toBe(true);
  });

  it('escalates when a whole step errors, recording the error at no cost', async () => {
    const outage = new RungError('all_targets_failed', 'All 2 targets failed: gemini-flash#1 overloaded; gpt-4o-mini#1 timeout');
    const { input: cascade } = input([outage, reply('claude-haiku', {})]);
    const outcome = await runCascade(cascade);
    expect(outcome.outcome).toBe('escalated');
    expect(outcome.steps[0]).toMatchObject({ step: 1, status: 'error', deploymentId: null, costUsd: 0, verdicts: [], error: { code: 'all_targets_failed' } });
    expect(outcome.totalCostUsd).toBeCloseTo(cost('claude-haiku', usage(1_000, 200)), 12);
  });

  it('honours max_steps', async () => {
    const { script, input: cascade } = input([reply('gemini-flash', refusal), reply('claude-haiku', refusal), reply('gpt-4o', {})], { maxSteps: 2 });
    const outcome = await runCascade(cascade);
    expect(script.calls).toHaveLength(2);
    expect(outcome.outcome).toBe('exhausted');
    expect(outcome.deploymentId).toBe('claude-haiku');
    // The savings reference is still the policy's top model, even though max_steps kept it out of reach.
    expect(outcome.topDeploymentId).toBe('gpt-4o');
  });

  it('returns the earlier answer when the last step errors', async () => {
    const first = reply('gemini-flash', refusal);
    const { input: cascade } = input([first, new RungError('overloaded', 'haiku overloaded'), new RungError('timeout', 'gpt-4o timed out')]);
    const outcome = await runCascade(cascade);
    expect(outcome.outcome).toBe('exhausted');
    expect(outcome.result).toBe(first.result);
    expect(outcome.answerStep).toBe(1);
    expect(outcome.steps.map((step) => step.status)).toEqual(['failed', 'error', 'error']);
  });

  it('stops climbing on errors no tier can fix', async () => {
    expect(NON_ESCALATING_ERRORS.has('bad_request')).toBe(true);
    const first = reply('gemini-flash', refusal);
    const { script, input: cascade } = input([first, new RungError('bad_request', 'unsupported parameter'), reply('gpt-4o', {})]);
    const outcome = await runCascade(cascade);
    expect(script.calls).toHaveLength(2);
    expect(outcome.result).toBe(first.result);
    const { input: direct } = input([new RungError('bad_request', 'unsupported parameter'), reply('claude-haiku', {})]);
    await expect(runCascade(direct)).rejects.toMatchObject({ code: 'bad_request' });
  });

  it('rethrows a lone error and aggregates several', async () => {
    const { input: single } = input([new RungError('breakers_open', 'all open')], { maxSteps: 1 });
    await expect(runCascade(single)).rejects.toMatchObject({ code: 'breakers_open' });
    const { input: all } = input([new RungError('overloaded', 'a'), new RungError('timeout', 'b'), new Error('socket hang up')]);
    const error = await runCascade(all).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(RungError);
    expect((error as RungError).code).toBe('all_targets_failed');
    expect((error as RungError).message).toBe('All 3 cascade steps failed: step 1 overloaded; step 2 timeout; step 3 internal_error');
    expect((error as RungError).details?.cascade_steps).toHaveLength(3);
  });

  it('treats a validator that throws as a skip, not a failure', async () => {
    const broken: Validator = { type: 'flaky', check: () => Promise.reject(new Error('regex engine exploded')) };
    const { input: cascade } = input([reply('gemini-flash', {})], { validators: [broken, ...validators] });
    const outcome = await runCascade(cascade);
    expect(outcome.outcome).toBe('passed');
    expect(outcome.steps[0]?.verdicts[0]).toEqual({ validator: 'flaky', verdict: 'skip', reason: 'the validator failed: regex engine exploded' });
  });

  it('adds the judge\'s cost to the step and the total', async () => {
    const judgeUsage = usage(500, 20);
    const judge: JudgeFunction = () => Promise.resolve({ content: '{"pass": false, "score": 0.2, "reason": "vague"}', toolCalls: [], finishReason: 'stop', usage: judgeUsage });
    const judged = createValidators([{ type: 'llm_judge', model: 'gpt-4o-mini' }]);
    const { input: cascade } = input([reply('gemini-flash', {}), reply('claude-haiku', {})], { validators: judged, judge, maxSteps: 2 });
    const outcome = await runCascade(cascade);
    const judgeCost = cost('gpt-4o-mini', judgeUsage);
    expect(outcome.steps[0]?.validationCostUsd).toBeCloseTo(judgeCost, 12);
    expect(outcome.steps[0]?.costUsd).toBeCloseTo(cost('gemini-flash', usage(1_000, 200)) + judgeCost, 12);
    const answers = cost('gemini-flash', usage(1_000, 200)) + cost('claude-haiku', usage(1_000, 200));
    expect(outcome.totalCostUsd).toBeCloseTo(answers + 2 * judgeCost, 12);
  });

  it('measures each step\'s latency on the injected clock', async () => {
    const clock = new ManualClock();
    const script = scriptSteps([reply('gemini-flash', refusal), reply('claude-haiku', {})], clock, 250);
    const outcome = await runCascade({ steps: STEPS, validators, request, callStep: script.callStep, cost, clock });
    expect(outcome.steps.map((step) => step.latencyMs)).toEqual([250, 250]);
  });

  it('stops when the client goes away, without calling the next step', async () => {
    const controller = new AbortController();
    const script = scriptSteps([reply('gemini-flash', refusal), reply('claude-haiku', {})]);
    const callStep: CascadeInput['callStep'] = async (targets, stepRequest, signal) => {
      const answer = await script.callStep(targets, stepRequest, signal);
      controller.abort();
      return answer;
    };
    await expect(runCascade({ steps: STEPS, validators, request, callStep, cost, signal: controller.signal })).rejects.toMatchObject({ code: 'connection' });
    expect(script.calls).toHaveLength(1);
  });

  it('reports a passed deadline as deadline_exceeded', async () => {
    const controller = new AbortController();
    controller.abort(new DOMException('The operation timed out.', 'TimeoutError'));
    const { input: cascade } = input([reply('gemini-flash', {})], { signal: controller.signal });
    await expect(runCascade(cascade)).rejects.toMatchObject({ code: 'deadline_exceeded' });
  });

  it('accepts the first answer when no validators are configured', async () => {
    const { input: cascade } = input([reply('gemini-flash', refusal)], { validators: [] });
    const outcome = await runCascade(cascade);
    expect(outcome.outcome).toBe('passed');
    expect(outcome.steps[0]?.verdicts).toEqual([]);
  });
});
