// A reply with every field filled in, ready for a dialect to render: text split into the pieces a
// stream sends (so mid-stream faults land between real words), tool arguments as JSON text,
// finish reason, usage and per-piece log-probabilities.
import type { FinishReason } from '../chat/types.ts';
import { estimateTokens } from './tokens.ts';
import type { FakeReply, FakeRequest } from './types.ts';

/** Longest piece a stream sends; longer words (JSON has few spaces) are split. */
const MAX_PIECE_CHARS = 16;

export interface ResolvedToolCall {
  name: string;
  argumentsJson: string;
}

export interface ResolvedReply {
  /** Unique per request within one fake; dialects prefix it (`chatcmpl-`, `msg_`, ...). */
  serial: string;
  /** Unix seconds. */
  created: number;
  model: string;
  text: string;
  /** `text` split for streaming; joined they give `text` back. Empty when there is no text. */
  pieces: string[];
  /** One per piece, present only when the request asked for log-probabilities. */
  logprobs: number[] | undefined;
  toolCalls: ResolvedToolCall[];
  finishReason: FinishReason;
  stopSequence: string | undefined;
  promptTokens: number;
  completionTokens: number;
}

export function resolveReply(reply: FakeReply, request: FakeRequest, serial: string): ResolvedReply {
  const text = reply.text ?? '';
  const toolCalls = (reply.toolCalls ?? []).map((call) => ({
    name: call.name,
    argumentsJson: typeof call.arguments === 'string' ? call.arguments : JSON.stringify(call.arguments),
  }));
  const pieces = splitIntoPieces(text);
  const outputChars = text.length + toolCalls.reduce((sum, call) => sum + call.name.length + call.argumentsJson.length, 0);
  return {
    serial,
    created: Math.floor(Date.now() / 1000),
    model: request.model,
    text,
    pieces,
    logprobs: request.logprobs ? alignLogprobs(pieces, reply.logprobs) : undefined,
    toolCalls,
    finishReason: reply.finishReason ?? (toolCalls.length > 0 ? 'tool_calls' : 'stop'),
    stopSequence: reply.stopSequence,
    promptTokens: reply.usage?.promptTokens ?? request.promptTokens,
    completionTokens: reply.usage?.completionTokens ?? Math.max(1, estimateTokens(outputChars)),
  };
}

/**
 * Splits text at word starts (leading spaces stay with the word that follows), then cuts pieces
 * longer than MAX_PIECE_CHARS, never inside a UTF-16 surrogate pair.
 */
export function splitIntoPieces(text: string): string[] {
  const pieces: string[] = [];
  for (const word of text.match(/\s*\S+|\s+$/g) ?? []) pushCut(word, pieces);
  return pieces;
}

/** Splits JSON text (tool arguments) into a few pieces, as providers stream them. */
export function splitJson(json: string): string[] {
  const pieces: string[] = [];
  if (json.length > 0) pushCut(json, pieces);
  return pieces;
}

function pushCut(text: string, pieces: string[]): void {
  let start = 0;
  while (text.length - start > MAX_PIECE_CHARS) {
    let end = start + MAX_PIECE_CHARS;
    const code = text.charCodeAt(end - 1);
    if (code >= 0xd800 && code <= 0xdbff) end -= 1;
    pieces.push(text.slice(start, end));
    start = end;
  }
  pieces.push(text.slice(start));
}

function alignLogprobs(pieces: string[], given: number[] | undefined): number[] {
  return pieces.map((piece, position) => {
    if (given !== undefined && given.length > 0) return given[Math.min(position, given.length - 1)] ?? 0;
    return defaultLogprob(piece);
  });
}

/** A confident, deterministic value in (-0.5, 0] derived from the piece's characters. */
function defaultLogprob(piece: string): number {
  let hash = 0;
  for (let position = 0; position < piece.length; position += 1) hash = (hash * 31 + piece.charCodeAt(position)) % 997;
  return -Math.round((hash % 50) * 10) / 1000;
}
