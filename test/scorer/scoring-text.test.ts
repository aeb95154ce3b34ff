import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '../../src/chat/types.ts';
import { extractScoringText, SYSTEM_LIMIT, TOTAL_LIMIT, truncateHeadTail } from '../../src/scorer/scoring-text.ts';

const user = (text: string): ChatMessage => ({ role: 'user', content: [{ type: 'text', text }] });

describe('extractScoringText', () => {
  it('keeps the system prompt and the last two user turns, dropping assistant and tool turns', () => {
    const text = extractScoringText([
      { role: 'system', content: 'Be terse.' },
      user('first question'),
      { role: 'assistant', content: 'answer one' },
      user('second question'),
      { role: 'tool', toolCallId: 't', content: 'tool output' },
      { role: 'user', content: [{ type: 'text', text: 'third' }, { type: 'image', url: 'https://x/y.png' }, { type: 'text', text: 'question' }] },
    ]);
    expect(text).toBe('Be terse.\n\nsecond question\n\nthird\nquestion');
  });

  it('works without a system prompt or without user turns', () => {
    expect(extractScoringText([user('only this')])).toBe('only this');
    expect(extractScoringText([{ role: 'system', content: 'sys' }])).toBe('sys\n\n');
  });

  it('caps the system prompt and keeps the head and tail of long text', () => {
    const longSystem = 's'.repeat(SYSTEM_LIMIT + 500);
    const longUser = `HEAD${'m'.repeat(10_000)}TAIL`;
    const text = extractScoringText([{ role: 'system', content: longSystem }, user(longUser)]);
    expect(text.length).toBe(TOTAL_LIMIT);
    // The system prompt is cut to SYSTEM_LIMIT characters; the head half of the budget then
    // holds it and the start of the user turn.
    expect(text.startsWith('s'.repeat(SYSTEM_LIMIT) + '\n\nHEAD')).toBe(true);
    expect(text).not.toContain('s'.repeat(SYSTEM_LIMIT + 1));
    expect(text.endsWith('TAIL')).toBe(true);
    expect(text).toContain('\n…\n');
  });

  it('truncateHeadTail leaves short text alone and never splits a surrogate pair', () => {
    expect(truncateHeadTail('short', 100)).toBe('short');
    const emoji = '😀'.repeat(50);
    const cut = truncateHeadTail(emoji, 21);
    expect(cut.length).toBeLessThanOrEqual(21);
    expect(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(cut)).toBe(false);
  });
});
