import { describe, expect, it } from 'vitest';
import { runCascadeForStream } from '../../src/cascade/engine.ts';
import { RungError } from '../../src/errors/rung-error.ts';
import { createValidators } from '../../src/validators/registry.ts';
import { ask } from '../validators/fixtures.ts';
import { STEPS, cost, reply, scriptSteps, usage } from './script.ts';

const validators = createValidators([{ type: 'non_empty' }, { type: 'not_refusal' }]);
const request = ask('Write a haiku about routers.', { stream: true });
const refusal = { content: "I'm sorry, but I can't help with that." };

describe('runCascadeForStream', () => {
  it('finishes like runCascade when an earlier step passes', async () => {
    const script = scriptSteps([reply('gemini-flash', {})]);
    const run = await runCascadeForStream({ steps: STEPS, validators, request, callStep: script.callStep, cost });
    expect(run.kind).toBe('done');
    expect(run.kind === 'done' ? run.outcome.outcome : undefined).toBe('passed');
  });

  it('hands the last step off instead of calling it, with the earlier answer as fallback', async () => {
    const first = reply('gemini-flash', refusal, usage(800, 10));
    const script = scriptSteps([first, reply('claude-haiku', refusal, usage(800, 12))]);
    const run = await runCascadeForStream({ steps: STEPS, validators, request, callStep: script.callStep, cost });
    expect(script.calls).toHaveLength(2);
    if (run.kind !== 'handoff') throw new Error('expected a handoff');
    expect(run.step).toBe(3);
    expect(run.targets).toEqual(['gpt-4o']);
    expect(run.request.stream).toBe(true);
    expect(run.steps.map((step) => step.status)).toEqual(['failed', 'failed']);
    expect(run.fallback?.deploymentId).toBe('claude-haiku');
    expect(run.fallback?.step).toBe(2);

    const summary = run.complete({ deploymentId: 'gpt-4o', usage: usage(800, 150), latencyMs: 900 });
    expect(summary.outcome).toBe('escalated');
    expect(summary.answerStep).toBe(3);
    expect(summary.steps.at(-1)).toMatchObject({ step: 3, status: 'handed_off', deploymentId: 'gpt-4o', latencyMs: 900, verdicts: [] });
    const total = cost('gemini-flash', usage(800, 10)) + cost('claude-haiku', usage(800, 12)) + cost('gpt-4o', usage(800, 150));
    expect(summary.totalCostUsd).toBeCloseTo(total, 12);
    expect(summary.savedVsTopUsd).toBeCloseTo(cost('gpt-4o', usage(800, 150)) - total, 12);
  });

  it('summarises a fallback to the earlier answer when the handed-off step fails', async () => {
    const script = scriptSteps([reply('gemini-flash', refusal), reply('claude-haiku', refusal)]);
    const run = await runCascadeForStream({ steps: STEPS, validators, request, callStep: script.callStep, cost });
    if (run.kind !== 'handoff') throw new Error('expected a handoff');
    const summary = run.completeWithFallback({ code: 'overloaded', message: 'gpt-4o overloaded' }, 40);
    expect(summary?.outcome).toBe('exhausted');
    expect(summary?.deploymentId).toBe('claude-haiku');
    expect(summary?.steps.at(-1)).toMatchObject({ status: 'error', error: { code: 'overloaded' }, costUsd: 0 });
  });

  it('hands off at once for a one-step cascade, with nothing to fall back on', async () => {
    const script = scriptSteps([]);
    const run = await runCascadeForStream({ steps: STEPS, maxSteps: 1, validators, request, callStep: script.callStep, cost });
    expect(script.calls).toHaveLength(0);
    if (run.kind !== 'handoff') throw new Error('expected a handoff');
    expect(run.fallback).toBeUndefined();
    expect(run.completeWithFallback({ code: 'timeout', message: 'x' }, 1)).toBeUndefined();
    expect(run.complete({ deploymentId: 'gpt-4o-mini', usage: usage(10, 10), latencyMs: 5 }).outcome).toBe('passed');
  });

  it('still throws when every step before the last errors and the client left', async () => {
    const controller = new AbortController();
    controller.abort();
    const script = scriptSteps([new RungError('overloaded', 'x')]);
    await expect(runCascadeForStream({ steps: STEPS, validators, request, callStep: script.callStep, cost, signal: controller.signal })).rejects.toMatchObject({ code: 'connection' });
  });
});
