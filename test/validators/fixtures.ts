// Realistic chat requests and results for validator and cascade tests.
import type { ChatRequest, ChatResult } from '../../src/chat/types.ts';
import type { ValidatorContext } from '../../src/validators/types.ts';

export function answer(overrides: Partial<ChatResult> = {}): ChatResult {
  return {
    id: 'chatcmpl-test',
    content: 'Paris is the capital of France.',
    toolCalls: [],
    finishReason: 'stop',
    usage: { promptTokens: 20, completionTokens: 8, totalTokens: 28 },
    ...overrides,
  };
}

export function ask(text: string, overrides: Partial<ChatRequest> = {}): ChatRequest {
  return {
    model: '',
    stream: false,
    messages: [
      { role: 'system', content: 'You are a helpful support assistant.' },
      { role: 'user', content: [{ type: 'text', text }] },
    ],
    ...overrides,
  };
}

export function context(overrides: Partial<ValidatorContext> = {}): ValidatorContext {
  return { signal: new AbortController().signal, step: 1, deploymentId: 'cheap', ...overrides };
}
