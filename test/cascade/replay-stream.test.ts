import { describe, expect, it } from 'vitest';
import type { ChatResult, StreamEvent } from '../../src/chat/types.ts';
import { OpenAIStreamDecoder } from '../../src/chat/openai-wire/stream-decoder.ts';
import { resultToStreamEvents, splitText } from '../../src/cascade/replay-stream.ts';
import { ChunkRenderer } from '../../src/gateway/openai-api/render-stream.ts';

/** Rebuilds a result from events the way a streaming client does: concatenate per index. */
function collect(events: readonly StreamEvent[]): Omit<ChatResult, 'id'> {
  let text: string | null = null;
  const calls: { id: string; name: string; arguments: string }[] = [];
  let finish: Extract<StreamEvent, { type: 'finish' }> | undefined;
  const logprobs: NonNullable<ChatResult['logprobs']> = [];
  for (const event of events) {
    if (event.type === 'text-delta') text = (text ?? '') + event.text;
    else if (event.type === 'logprobs') logprobs.push(...event.logprobs);
    else if (event.type === 'finish') finish = event;
    else {
      const call = (calls[event.index] ??= { id: '', name: '', arguments: '' });
      if (event.id !== undefined) call.id = event.id;
      if (event.name !== undefined) call.name = event.name;
      call.arguments += event.argumentsDelta;
    }
  }
  if (finish?.usage === undefined) throw new Error('no finish with usage');
  const result: Omit<ChatResult, 'id'> = { content: text, toolCalls: calls, finishReason: finish.finishReason, usage: finish.usage };
  if (logprobs.length > 0) result.logprobs = logprobs;
  return result;
}

const prose: ChatResult = {
  content: 'Your parcel is delayed at the Oslo hub.\n\nYou can:\n1. Wait two more days — most parcels arrive by then.\n2. Ask for a refund 🙂 at support.example.com/refunds.',
  toolCalls: [],
  finishReason: 'stop',
  usage: { promptTokens: 120, completionTokens: 48, totalTokens: 168 },
  logprobs: [{ token: 'Your', logprob: -0.01 }, { token: ' parcel', logprob: -0.2 }],
};

const tools: ChatResult = {
  content: null,
  toolCalls: [
    { id: 'call_a', name: 'track_parcel', arguments: JSON.stringify({ tracking_number: 'NO123456789', carrier: 'posten', include_history: true, notes: 'x'.repeat(300) }) },
    { id: 'call_b', name: 'list_orders', arguments: '' },
  ],
  finishReason: 'tool_calls',
  usage: { promptTokens: 300, completionTokens: 90, totalTokens: 390 },
};

describe('resultToStreamEvents', () => {
  it('round-trips text, logprobs and usage through concatenated deltas', () => {
    const events = resultToStreamEvents(prose);
    const { id: _id, ...expected } = prose;
    expect(collect(events)).toEqual(expected);
    expect(events.filter((event) => event.type === 'text-delta').length).toBeGreaterThan(3);
    expect(events.at(-1)).toEqual({ type: 'finish', finishReason: 'stop', usage: prose.usage });
  });

  it('round-trips tool calls, announcing id and name once per call', () => {
    const events = resultToStreamEvents(tools);
    expect(collect(events)).toEqual(tools);
    const announcements = events.filter((event) => event.type === 'tool-call-delta' && event.name !== undefined);
    expect(announcements.map((event) => (event.type === 'tool-call-delta' ? event.index : -1))).toEqual([0, 1]);
    expect(events.filter((event) => event.type === 'tool-call-delta' && event.index === 0).length).toBeGreaterThan(1);
  });

  it('round-trips through the real SSE renderer and the OpenAI stream decoder', () => {
    const renderer = new ChunkRenderer({ id: 'chatcmpl-1', model: 'rung', created: 1_700_000_000, includeUsage: true });
    const sse = renderer.start() + resultToStreamEvents({ ...prose, content: `${prose.content}`, toolCalls: tools.toolCalls, finishReason: 'tool_calls' }).map((event) => renderer.render(event)).join('') + renderer.done();
    const decoder = new OpenAIStreamDecoder();
    const decoded: StreamEvent[] = [];
    for (const line of sse.split('\n')) {
      if (!line.startsWith('data: ') || line === 'data: [DONE]') continue;
      decoded.push(...decoder.push(JSON.parse(line.slice('data: '.length)) as unknown));
    }
    const finish = decoder.finish(true);
    if (finish !== undefined) decoded.push(finish);
    const rebuilt = collect(decoded);
    expect(rebuilt.content).toBe(prose.content);
    expect(rebuilt.toolCalls).toEqual(tools.toolCalls);
    expect(rebuilt.usage).toEqual(prose.usage);
    expect(rebuilt.finishReason).toBe('tool_calls');
  });

  it('emits only a finish for an empty answer', () => {
    const events = resultToStreamEvents({ content: null, toolCalls: [], finishReason: 'stop', usage: { promptTokens: 1, completionTokens: 0, totalTokens: 1 } });
    expect(events).toEqual([{ type: 'finish', finishReason: 'stop', usage: { promptTokens: 1, completionTokens: 0, totalTokens: 1 } }]);
  });
});

describe('splitText', () => {
  it('cuts at word boundaries near the target size and loses nothing', () => {
    const text = '  Leading spaces, then several ordinary words that should be grouped into pieces.  ';
    const pieces = splitText(text, 16);
    expect(pieces.join('')).toBe(text);
    expect(pieces.slice(0, -1).every((piece) => piece.length >= 16 && piece.length <= 40)).toBe(true);
    expect(pieces.slice(1).every((piece) => /^\S/u.test(piece))).toBe(true);
  });

  it('cuts long unbroken runs without splitting surrogate pairs', () => {
    const emoji = '😀'.repeat(40);
    const pieces = splitText(`{"emoji":"${emoji}"}`, 7);
    expect(pieces.join('')).toBe(`{"emoji":"${emoji}"}`);
    const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
    for (const piece of pieces) expect(loneSurrogate.test(piece)).toBe(false);
    expect(loneSurrogate.test('😀'.slice(0, 1))).toBe(true);
  });
});
