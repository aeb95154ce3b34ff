// Which text of a chat request the scorer reads. Rule (also in docs/scorer.md):
//   1. the system prompt(s), joined, truncated to SYSTEM_LIMIT characters (head kept);
//   2. the text parts of the last USER_TURNS user messages, oldest first, joined by blank lines;
//   3. system + "\n\n" + user text, truncated to TOTAL_LIMIT characters by keeping the head
//      (HEAD_SHARE of the budget) and the tail (the rest), joined by "\n…\n".
// Assistant and tool turns are ignored: the question is how hard the user's request is, and the
// last user turns carry it. Images count as nothing (the scorer is text-only).
import type { ChatMessage } from '../chat/types.ts';

export const USER_TURNS = 2;
export const SYSTEM_LIMIT = 1_000;
export const TOTAL_LIMIT = 4_000;
export const HEAD_SHARE = 0.5;
const ELISION = '\n…\n';

/** Keeps the head and the tail of `text` within `limit` characters (code-unit safe at surrogates). */
export function truncateHeadTail(text: string, limit: number): string {
  if (text.length <= limit) return text;
  const budget = Math.max(0, limit - ELISION.length);
  let headLength = Math.floor(budget * HEAD_SHARE);
  let tailStart = text.length - (budget - headLength);
  // Never split a surrogate pair.
  if (headLength > 0 && isHighSurrogate(text.charCodeAt(headLength - 1))) headLength--;
  if (tailStart < text.length && isLowSurrogate(text.charCodeAt(tailStart))) tailStart++;
  return text.slice(0, headLength) + ELISION + text.slice(tailStart);
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

export function extractScoringText(messages: readonly ChatMessage[]): string {
  const system = messages
    .filter((m) => m.role === 'system')
    .map((m) => m.content)
    .join('\n');
  const userTurns = messages
    .filter((m) => m.role === 'user')
    .slice(-USER_TURNS)
    .map((m) =>
      m.content
        .flatMap((part) => (part.type === 'text' ? [part.text] : []))
        .join('\n'),
    );
  const user = userTurns.join('\n\n');
  const systemPart = system === '' ? '' : system.length > SYSTEM_LIMIT ? system.slice(0, SYSTEM_LIMIT) : system;
  const combined = systemPart === '' ? user : `${systemPart}\n\n${user}`;
  return truncateHeadTail(combined, TOTAL_LIMIT);
}
