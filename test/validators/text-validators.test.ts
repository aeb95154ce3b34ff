import { describe, expect, it } from 'vitest';
import { createLogprobConfidenceValidator } from '../../src/validators/logprob-confidence.ts';
import { createMinLengthValidator } from '../../src/validators/min-length.ts';
import { createNonEmptyValidator } from '../../src/validators/non-empty.ts';
import { createNotRefusalValidator } from '../../src/validators/not-refusal.ts';
import { createNotTruncatedValidator } from '../../src/validators/not-truncated.ts';
import { answer, ask, context } from './fixtures.ts';

const request = ask('What is the capital of France?');
const weatherCall = { id: 'call_1', name: 'get_weather', arguments: '{"city":"Paris"}' };

describe('non_empty', () => {
  const validator = createNonEmptyValidator();

  it('passes text and passes tool-call-only answers', async () => {
    expect((await validator.check(answer(), request, context())).verdict).toBe('pass');
    expect((await validator.check(answer({ content: null, toolCalls: [weatherCall], finishReason: 'tool_calls' }), request, context())).verdict).toBe('pass');
  });

  it('fails null, empty and whitespace-only answers without tool calls', async () => {
    for (const content of [null, '', '  \n\t ']) {
      const verdict = await validator.check(answer({ content }), request, context());
      expect(verdict).toEqual({ verdict: 'fail', reason: 'the answer has no text and no tool calls' });
    }
  });
});

describe('not_refusal', () => {
  const validator = createNotRefusalValidator({ patterns: [], scan_chars: 240 });
  const verdictFor = async (content: string | null) => (await validator.check(answer({ content }), request, context())).verdict;

  it.each([
    "I can't help with that.",
    'I cannot assist with this request.',
    "I'm sorry, but I cannot provide that information.",
    'I’m sorry, but I can’t help with creating that.',
    'Sorry, I can\'t do that.',
    'I am sorry, but I am unable to comply.',
    'I apologize, but I won\'t write that.',
    'Unfortunately, I am unable to share internal documents.',
    "I'm afraid I can't answer questions about other customers' accounts.",
    'As an AI language model, I do not have personal opinions.',
    'As an AI, I cannot browse the internet.',
    'I must respectfully decline.',
    "That's not something I can help with.",
    "I'm unable to provide legal advice.",
    '**I’m sorry, but I cannot** continue this conversation.',
    '  > I won\'t generate that content.',
  ])('fails the refusal %j', async (content) => {
    expect(await verdictFor(content)).toBe('fail');
  });

  it.each([
    'Paris is the capital of France.',
    "I can't wait to help! Here is the itinerary you asked for: ...",
    'I cannot stress enough how important backups are. Here is how to set them up: ...',
    "I'm sorry to hear your order arrived damaged. I have issued a replacement; it ships today.",
    'Sure. Note that the API says "I can\'t help with that" when the token expired; refresh it first.',
    'As an AI researcher, you will appreciate this paper. It shows...',
  ])('passes the helpful answer %j', async (content) => {
    expect(await verdictFor(content)).toBe('pass');
  });

  it('names the matched opening in the reason', async () => {
    const verdict = await validator.check(answer({ content: "I'm sorry, but I cannot help with that request." }), request, context());
    expect(verdict.reason).toContain('"I\'m sorry, but I cannot"');
  });

  it('skips answers with no text', async () => {
    expect(await verdictFor(null)).toBe('skip');
    expect(await verdictFor('   ')).toBe('skip');
  });

  it('adds configured patterns, searched within scan_chars', async () => {
    const custom = createNotRefusalValidator({ patterns: ['je ne peux pas'], scan_chars: 40 });
    const french = answer({ content: 'Désolé, je ne peux pas vous aider.' });
    expect((await custom.check(french, request, context())).verdict).toBe('fail');
    const late = answer({ content: `${'Voici la réponse complète et détaillée. '.repeat(3)}je ne peux pas` });
    expect((await custom.check(late, request, context())).verdict).toBe('pass');
  });
});

describe('not_truncated', () => {
  const validator = createNotTruncatedValidator();

  it('passes stop and tool_calls', async () => {
    expect((await validator.check(answer({ finishReason: 'stop' }), request, context())).verdict).toBe('pass');
    expect((await validator.check(answer({ content: null, toolCalls: [weatherCall], finishReason: 'tool_calls' }), request, context())).verdict).toBe('pass');
  });

  it('fails answers cut by the token limit or a content filter', async () => {
    const cut = await validator.check(answer({ content: 'The three main causes are: 1. inflation, 2.', finishReason: 'length' }), request, context());
    expect(cut.verdict).toBe('fail');
    expect(cut.reason).toContain('length');
    const filtered = await validator.check(answer({ finishReason: 'content_filter' }), request, context());
    expect(filtered.verdict).toBe('fail');
    expect(filtered.reason).toContain('content_filter');
  });
});

describe('min_length', () => {
  it('fails answers under min_chars, counting trimmed text', async () => {
    const validator = createMinLengthValidator({ min_chars: 20, relative_to_prompt: 0 });
    const verdict = await validator.check(answer({ content: '   Paris.   ' }), request, context());
    expect(verdict).toEqual({ verdict: 'fail', reason: 'the answer has 6 characters; at least 20 are required', data: { chars: 6, requiredChars: 20 } });
    expect((await validator.check(answer(), request, context())).verdict).toBe('pass');
  });

  it('scales with the prompt when relative_to_prompt is set', async () => {
    const validator = createMinLengthValidator({ min_chars: 20, relative_to_prompt: 0.05 });
    const longPrompt = ask(`Summarise this report:\n${'The quarterly numbers grew in every region. '.repeat(100)}`);
    const short = await validator.check(answer({ content: 'Numbers grew everywhere this quarter.' }), longPrompt, context());
    expect(short.verdict).toBe('fail');
    expect(short.data?.requiredChars).toBeGreaterThan(200);
    const long = answer({ content: 'Growth was broad-based: every region reported higher numbers. '.repeat(5) });
    expect((await validator.check(long, longPrompt, context())).verdict).toBe('pass');
  });

  it('skips tool-call-only answers', async () => {
    const validator = createMinLengthValidator({ min_chars: 20, relative_to_prompt: 0 });
    const verdict = await validator.check(answer({ content: null, toolCalls: [weatherCall], finishReason: 'tool_calls' }), request, context());
    expect(verdict.verdict).toBe('skip');
  });
});

describe('logprob_confidence', () => {
  const validator = createLogprobConfidenceValidator({ min_mean_logprob: -1.2 });
  const tokens = (...logprobs: number[]) => logprobs.map((logprob, index) => ({ token: `t${index}`, logprob }));

  it('passes confident answers and reports the mean', async () => {
    const verdict = await validator.check(answer({ logprobs: tokens(-0.1, -0.2, -0.3) }), request, context());
    expect(verdict.verdict).toBe('pass');
    expect(verdict.data?.meanLogprob).toBeCloseTo(-0.2);
  });

  it('fails unconfident answers', async () => {
    const verdict = await validator.check(answer({ logprobs: tokens(-2, -1.5, -0.5) }), request, context());
    expect(verdict.verdict).toBe('fail');
    expect(verdict.reason).toContain('-1.333');
  });

  it('counts an impossible token as very unconfident without producing -Infinity', async () => {
    const verdict = await validator.check(answer({ logprobs: tokens(-0.1, Number.NEGATIVE_INFINITY) }), request, context());
    expect(verdict.verdict).toBe('fail');
    expect(Number.isFinite(verdict.data?.meanLogprob)).toBe(true);
  });

  it('skips when the provider returned no logprobs', async () => {
    expect((await validator.check(answer(), request, context())).verdict).toBe('skip');
    expect((await validator.check(answer({ logprobs: [] }), request, context())).verdict).toBe('skip');
  });
});
