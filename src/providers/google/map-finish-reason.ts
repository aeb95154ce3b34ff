import type { FinishReason } from '../../chat/types.ts';

const CONTENT_FILTER_REASONS = new Set(['SAFETY', 'RECITATION', 'PROHIBITED_CONTENT', 'BLOCKLIST', 'SPII', 'IMAGE_SAFETY']);

/**
 * Gemini finishReason → internal. Gemini says STOP even when the turn is a function call, so the
 * presence of functionCall parts decides `tool_calls`.
 */
export function mapGeminiFinishReason(reason: string, hasFunctionCalls: boolean): FinishReason {
  if (reason === 'MAX_TOKENS') return 'length';
  if (CONTENT_FILTER_REASONS.has(reason)) return 'content_filter';
  return hasFunctionCalls ? 'tool_calls' : 'stop';
}
