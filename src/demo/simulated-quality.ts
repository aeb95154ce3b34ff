// How the simulation decides answer quality. The fake models answer from the prompt's label:
// - label 0 (a light model is enough): every tier gives the same complete answer;
// - label 1 (a strong model is needed): premium and mid give the complete answer; light and small
//   give a visibly poor one: a refusal, a reply cut at the length limit, a one-liner, or (about one
//   in seven) a confident but wrong answer that no cheap validator can spot.
// Grading is done on what the client received: an answer is correct only if it is exactly the
// complete answer for that prompt (text), or a call to the expected tool with JSON arguments.
// The premium model never errs here, so the all-premium baseline scores 100% by construction.
import type { FinishReason } from '../chat/types.ts';
import { defaultRespond } from '../fakes/default-responder.ts';
import { sampleObjectFromSchema } from '../fakes/schema-sample.ts';
import type { FakeReply, FakeRequest, FakeResponder } from '../fakes/types.ts';
import { stringHash } from './seeded.ts';
import { expectedTool } from './tools-from-prompt.ts';
import type { WorkloadItem } from './workload.ts';

export type SimulatedTier = 'premium' | 'mid' | 'light' | 'small';
export type AnswerStyle = 'complete' | 'refusal' | 'truncated' | 'too_short' | 'confident_wrong';

/** Most capable first, the order the report's columns use. */
export const TIERS_BY_CAPABILITY: readonly SimulatedTier[] = ['premium', 'mid', 'light', 'small'];

/** Tiers that answer label-1 prompts well. */
export const STRONG_TIERS: ReadonlySet<SimulatedTier> = new Set(['premium', 'mid']);

/** What a client got back, reduced to what grading needs. */
export interface ReceivedAnswer {
  text: string;
  toolCalls: { name: string; arguments: string }[];
  finishReason: string | null;
}

const CHARS_PER_TOKEN = 4;

/** Neutral sentences the complete answers are built from; only their length matters for cost. */
const SENTENCES = [
  'First, restate what is asked and which inputs matter.',
  'The relevant figures are taken from the request as given.',
  'Each constraint is checked in turn before moving on.',
  'Where the request changes a value later, the later value wins.',
  'The intermediate result is carried forward to the next step.',
  'Edge cases are handled explicitly rather than assumed away.',
  'The wording follows the tone and format the request asked for.',
  'Nothing is added that the request did not ask for.',
  'A quick consistency check confirms the parts agree with each other.',
  'Units, names and dates are kept exactly as written.',
  'Alternatives are noted briefly where the request is ambiguous.',
  'The final step combines the partial results into one answer.',
];

/** Deterministic per prompt: which poor answer a weak tier gives to a label-1 prompt. */
export function poorStyle(item: Pick<WorkloadItem, 'id'>): Exclude<AnswerStyle, 'complete'> {
  const bucket = stringHash(`style:${item.id}`) % 20;
  if (bucket < 8) return 'refusal';
  if (bucket < 12) return 'truncated';
  if (bucket < 17) return 'too_short';
  return 'confident_wrong';
}

/** The style a tier answers this prompt with. */
export function answerStyle(item: Pick<WorkloadItem, 'id' | 'label'>, tier: SimulatedTier): AnswerStyle {
  return item.label === 1 && !STRONG_TIERS.has(tier) ? poorStyle(item) : 'complete';
}

/** The complete answer: the same text from every tier, so tiers differ only in price. Longer for harder prompts. */
export function completeAnswerText(item: Pick<WorkloadItem, 'id' | 'label' | 'task'>): string {
  const hash = stringHash(`length:${item.id}`);
  const targetTokens = item.label === 1 ? 180 + (hash % 180) : 60 + (hash % 80);
  const parts = [`Answer to ${item.id} (${item.task.replaceAll('_', ' ')}).`];
  let chars = parts[0]?.length ?? 0;
  for (let step = 0; chars < targetTokens * CHARS_PER_TOKEN; step += 1) {
    const sentence = SENTENCES[(hash + step * 7) % SENTENCES.length] ?? '';
    parts.push(sentence);
    chars += sentence.length + 1;
  }
  parts.push('That covers every part of the request.');
  return parts.join(' ');
}

export function replyFor(item: WorkloadItem, tier: SimulatedTier): FakeReply {
  const style = answerStyle(item, tier);
  const tool = item.tools.length > 0 ? expectedTool(item.prompt, item.tools) : undefined;
  if (tool !== undefined) {
    if (style === 'complete') return { toolCalls: [{ name: tool.name, arguments: sampleObjectFromSchema(tool.parameters) }] };
    const wrong = item.tools.find((candidate) => candidate.name !== tool.name);
    if (style === 'confident_wrong' && wrong !== undefined) {
      return { toolCalls: [{ name: wrong.name, arguments: sampleObjectFromSchema(wrong.parameters) }] };
    }
    return { text: "I'm not able to complete this with the tools available." };
  }
  const complete = completeAnswerText(item);
  const reply = (text: string, finishReason: FinishReason = 'stop'): FakeReply => ({ text, finishReason });
  switch (style) {
    case 'complete':
      return reply(complete);
    case 'refusal':
      return reply("I'm sorry, but I can't answer this reliably; it needs more careful reasoning than I can offer here.");
    case 'truncated':
      return reply(complete.slice(0, Math.floor(complete.length * 0.35)), 'length');
    case 'too_short':
      return reply('It depends on the details.');
    case 'confident_wrong':
      return reply(`${complete.slice(0, Math.floor(complete.length * 0.4))} The rest follows directly, so no further checking is needed.`);
  }
}

/**
 * One responder for every rung of the ladder. Prompts from the workload are answered by the
 * simulation; anything else (someone trying the gateway in `--serve` mode) gets the fakes'
 * ordinary deterministic answer.
 */
export function createSimulatedResponder(items: readonly WorkloadItem[], tierOfModel: (model: string) => SimulatedTier | undefined): FakeResponder {
  const byPrompt = new Map(items.map((item) => [item.prompt, item]));
  return (request: FakeRequest) => {
    const item = byPrompt.get(lastUserText(request));
    const tier = tierOfModel(request.model);
    if (item === undefined || tier === undefined) return defaultRespond(request);
    return replyFor(item, tier);
  };
}

/** Correct means: exactly the complete answer, or a call to the expected tool with a JSON object as arguments. */
export function gradeAnswer(item: WorkloadItem, answer: ReceivedAnswer | null): boolean {
  if (answer === null) return false;
  const tool = item.tools.length > 0 ? expectedTool(item.prompt, item.tools) : undefined;
  if (tool === undefined) return answer.toolCalls.length === 0 && answer.text === completeAnswerText(item);
  const call = answer.toolCalls[0];
  if (call?.name !== tool.name) return false;
  try {
    const parsed: unknown = JSON.parse(call.arguments);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed);
  } catch {
    return false;
  }
}

export function lastUserText(request: Pick<FakeRequest, 'messages'>): string {
  for (let position = request.messages.length - 1; position >= 0; position -= 1) {
    const message = request.messages[position];
    if (message?.role === 'user') return message.text;
  }
  return '';
}
