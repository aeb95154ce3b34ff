// Turns a complete answer back into stream events, for streaming clients whose answer the cascade
// buffered and validated first. Text is cut at word boundaries into deltas of about `chunkChars`
// characters (long words and JSON without spaces are cut inside, never inside a surrogate pair);
// each tool call is announced with its id and name on its first delta and its arguments follow in
// pieces. Concatenating the deltas gives back exactly the original text and arguments.
import type { ChatResult, StreamEvent } from '../chat/types.ts';

export interface ReplayOptions {
  /** Target delta size in characters (default 24, roughly what providers send per chunk). */
  chunkChars?: number;
}

const DEFAULT_CHUNK_CHARS = 24;

export function resultToStreamEvents(result: ChatResult, options: ReplayOptions = {}): StreamEvent[] {
  const size = Math.max(1, Math.floor(options.chunkChars ?? DEFAULT_CHUNK_CHARS));
  const events: StreamEvent[] = [];
  for (const text of splitText(result.content ?? '', size)) events.push({ type: 'text-delta', text });
  if (result.logprobs !== undefined && result.logprobs.length > 0) events.push({ type: 'logprobs', logprobs: result.logprobs });
  result.toolCalls.forEach((call, index) => {
    const [first = '', ...rest] = hardSplit(call.arguments, size * 4);
    events.push({ type: 'tool-call-delta', index, id: call.id, name: call.name, argumentsDelta: first });
    for (const piece of rest) events.push({ type: 'tool-call-delta', index, argumentsDelta: piece });
  });
  events.push({ type: 'finish', finishReason: result.finishReason, usage: result.usage });
  return events;
}

/** Word-boundary pieces of about `size` characters whose concatenation is `text`. */
export function splitText(text: string, size: number): string[] {
  if (text === '') return [];
  const pieces: string[] = [];
  let current = '';
  // Each match is a word with its trailing whitespace, or a whitespace run (only at the start).
  for (const word of text.match(/\S+\s*|\s+/gu) ?? []) {
    if (word.length > size * 2) {
      if (current !== '') pieces.push(current);
      current = '';
      const parts = hardSplit(word, size);
      current = parts.pop() ?? '';
      pieces.push(...parts);
      continue;
    }
    current += word;
    if (current.length >= size) {
      pieces.push(current);
      current = '';
    }
  }
  if (current !== '') pieces.push(current);
  return pieces;
}

/** Fixed-size pieces that never separate the two halves of a surrogate pair. */
function hardSplit(text: string, size: number): string[] {
  const pieces: string[] = [];
  let start = 0;
  while (start < text.length) {
    let end = Math.min(text.length, start + size);
    if (end < text.length && isLowSurrogate(text.charCodeAt(end))) end += 1;
    pieces.push(text.slice(start, end));
    start = end;
  }
  return pieces;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}
