// Asks a (usually cheap, strong-at-grading) model whether the candidate answer is good enough.
// The decision: pass when the judge's score ≥ pass_threshold; when the judge gave no usable score,
// its `pass` boolean decides. Every way the judge can let us down — no judge wired in, the call
// failing, output that cannot be read — yields 'skip' with the reason, never an exception: a
// broken judge must not break requests, and 'skip' neither escalates nor blocks.
import type { ChatRequest, ChatResult } from '../chat/types.ts';
import type { LlmJudgeValidatorConfig } from '../config/cascade-schema.ts';
import { toRungError } from '../errors/rung-error.ts';
import { buildJudgeRequest } from './judge-prompt.ts';
import { readJudgeOutput } from './judge-output.ts';
import { clip } from './json-values.ts';
import type { Validator, ValidatorContext, Verdict } from './types.ts';
import { skip } from './types.ts';

export type LlmJudgeSettings = Pick<LlmJudgeValidatorConfig, 'model' | 'pass_threshold' | 'max_tokens' | 'criteria' | 'max_input_chars'>;

export function createLlmJudgeValidator(config: LlmJudgeSettings): Validator {
  return {
    type: 'llm_judge',
    check: (result, request, context) => judgeAnswer(config, result, request, context),
  };
}

async function judgeAnswer(config: LlmJudgeSettings, result: ChatResult, request: ChatRequest, context: ValidatorContext): Promise<Verdict> {
  if (context.judge === undefined) return skip('no judge is wired in');
  const judgeRequest = buildJudgeRequest(request, result, config);
  let reply: ChatResult;
  try {
    reply = await context.judge(judgeRequest, context.signal);
  } catch (thrown) {
    const error = toRungError(thrown);
    return skip(`the judge call failed (${error.code}): ${clip(error.message, 160)}`, { judgeError: error.code });
  }
  const costUsd = judgeCost(config.model, reply, context);
  const withCost = (verdict: Verdict): Verdict => (costUsd === undefined ? verdict : { ...verdict, costUsd });
  const reading = readJudgeOutput(reply.content ?? '');
  if (reading === undefined) {
    return withCost(skip(`the judge's reply could not be read: "${clip((reply.content ?? '').trim(), 120)}"`, { judgeUsage: reply.usage }));
  }
  const passed = reading.score !== undefined ? reading.score >= config.pass_threshold : reading.pass === true;
  const data: Record<string, unknown> = { threshold: config.pass_threshold, judgeUsage: reply.usage };
  if (reading.score !== undefined) data.score = reading.score;
  if (reading.pass !== undefined) data.judgePass = reading.pass;
  const because = reading.reason === undefined ? '' : `: ${clip(reading.reason, 200)}`;
  const scored = reading.score === undefined ? 'without a score' : `score ${reading.score}`;
  if (passed) return withCost({ verdict: 'pass', reason: `the judge passed the answer (${scored})${because}`, data });
  return withCost({ verdict: 'fail', reason: `the judge failed the answer (${scored}, threshold ${config.pass_threshold})${because}`, data });
}

/** The judge call's price, when the gateway gave us a price list that knows the judge model. */
function judgeCost(model: string, reply: ChatResult, context: ValidatorContext): number | undefined {
  if (context.cost === undefined) return undefined;
  try {
    const cost = context.cost(model, reply.usage);
    return Number.isFinite(cost) ? cost : undefined;
  } catch {
    return undefined;
  }
}
