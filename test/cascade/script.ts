// A scripted `callStep` for cascade unit tests: each step's targets map to an answer or an error,
// and every call is recorded. Prices are per million tokens, as in the catalogue.
import type { ChatRequest, ChatResult, Usage } from '../../src/chat/types.ts';
import type { CallStep, StepAnswer } from '../../src/cascade/types.ts';
import type { ManualClock } from '../../src/resilience/clock.ts';

export const PRICES: Readonly<Record<string, { input: number; output: number }>> = {
  'gemini-flash': { input: 0.1, output: 0.4 },
  'gpt-4o-mini': { input: 0.15, output: 0.6 },
  'claude-haiku': { input: 0.8, output: 4 },
  'gpt-4o': { input: 2.5, output: 10 },
};

export const STEPS = [['gemini-flash', 'gpt-4o-mini'], ['claude-haiku'], ['gpt-4o']] as const;

export function cost(deploymentId: string, usage: Usage): number {
  const price = PRICES[deploymentId];
  if (price === undefined) throw new Error(`no price for ${deploymentId}`);
  return (usage.promptTokens * price.input + usage.completionTokens * price.output) / 1_000_000;
}

export function usage(promptTokens: number, completionTokens: number): Usage {
  return { promptTokens, completionTokens, totalTokens: promptTokens + completionTokens };
}

export type Scripted = StepAnswer | Error;

export interface Script {
  callStep: CallStep;
  calls: { targets: readonly string[]; request: ChatRequest }[];
}

/** Answers step N's call with `replies[N-1]`; `latencyMs` advances the clock during each call. */
export function scriptSteps(replies: readonly Scripted[], clock?: ManualClock, latencyMs = 0): Script {
  const calls: Script['calls'] = [];
  const callStep: CallStep = (targets, request) => {
    const reply = replies[calls.length];
    calls.push({ targets, request });
    clock?.advance(latencyMs);
    if (reply === undefined) return Promise.reject(new Error(`no scripted reply for call ${calls.length}`));
    if (reply instanceof Error) return Promise.reject(reply);
    return Promise.resolve(reply);
  };
  return { callStep, calls };
}

export function reply(deploymentId: string, result: Partial<ChatResult>, tokens: Usage = usage(1_000, 200)): StepAnswer {
  return {
    deploymentId,
    result: { content: 'Here is a complete, helpful answer to the question.', toolCalls: [], finishReason: 'stop', usage: tokens, ...result },
  };
}
