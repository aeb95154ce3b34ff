// The one token estimate every fake uses: characters / 4, rounded up. Real tokenisers differ, but
// a fixed rule keeps usage figures, max_tokens truncation and context-window checks predictable.

export const CHARS_PER_TOKEN = 4;

export function estimateTokens(chars: number): number {
  return Math.ceil(chars / CHARS_PER_TOKEN);
}

/** The prompt estimate every dialect reports: all message text, at least one token. */
export function estimatePromptTokens(messages: readonly { text: string }[]): number {
  let chars = 0;
  for (const message of messages) chars += message.text.length;
  return Math.max(1, estimateTokens(chars));
}
