import type { FinishReason } from '../types.ts';

/**
 * OpenAI finish_reason → internal. `function_call` is the legacy name of `tool_calls`. Unknown
 * values from OpenAI-compatible servers (`eos`, `abort`, ...) and null read as a normal stop.
 */
export function mapOpenAIFinishReason(reason: string | null | undefined): FinishReason {
  switch (reason) {
    case 'length':
      return 'length';
    case 'tool_calls':
    case 'function_call':
      return 'tool_calls';
    case 'content_filter':
      return 'content_filter';
    default:
      return 'stop';
  }
}
