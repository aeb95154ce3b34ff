import { describe, expect, it } from 'vitest';
import { SseParser, type SseEvent } from '../../src/providers/transport/sse-parser.ts';

/** Feeds `bytes` to a fresh parser split at every given offset, then ends it. */
function parseSplit(bytes: Uint8Array, cuts: number[]): SseEvent[] {
  const parser = new SseParser();
  const events: SseEvent[] = [];
  let start = 0;
  for (const cut of [...cuts, bytes.length]) {
    events.push(...parser.push(bytes.subarray(start, cut)));
    start = cut;
  }
  events.push(...parser.end());
  return events;
}

const encoder = new TextEncoder();

describe('SseParser', () => {
  it('parses data events separated by blank lines', () => {
    const events = parseSplit(encoder.encode('data: {"a":1}\n\ndata: [DONE]\n\n'), []);
    expect(events).toEqual([
      { event: undefined, data: '{"a":1}' },
      { event: undefined, data: '[DONE]' },
    ]);
  });

  it('reads event names, joins multi-line data and skips comments', () => {
    const text = ': keep-alive\nevent: message_start\ndata: line one\ndata: line two\n\n:ping\n\nevent: ping\ndata:{"type":"ping"}\n\n';
    expect(parseSplit(encoder.encode(text), [])).toEqual([
      { event: 'message_start', data: 'line one\nline two' },
      { event: 'ping', data: '{"type":"ping"}' },
    ]);
  });

  it('handles CRLF and lone CR line endings', () => {
    const text = 'data: a\r\n\r\nevent: x\rdata: b\r\rdata: c\n\n';
    expect(parseSplit(encoder.encode(text), [])).toEqual([
      { event: undefined, data: 'a' },
      { event: 'x', data: 'b' },
      { event: undefined, data: 'c' },
    ]);
  });

  it('gives the same events however the bytes are split, including inside UTF-8 sequences and CRLF pairs', () => {
    const text = 'event: delta\r\ndata: {"text":"héllo wörld — 你好 🎉"}\r\n\r\ndata: second\r\n\r\n';
    const bytes = encoder.encode(text);
    const whole = parseSplit(bytes, []);
    expect(whole).toEqual([
      { event: 'delta', data: '{"text":"héllo wörld — 你好 🎉"}' },
      { event: undefined, data: 'second' },
    ]);
    for (let cut = 1; cut < bytes.length; cut += 1) {
      expect(parseSplit(bytes, [cut])).toEqual(whole);
    }
    // Every byte on its own.
    expect(parseSplit(bytes, Array.from({ length: bytes.length - 1 }, (_, index) => index + 1))).toEqual(whole);
  });

  it('strips only one leading space from a value and accepts a field with no colon', () => {
    expect(parseSplit(encoder.encode('data:  two spaces\ndata\n\n'), [])).toEqual([{ event: undefined, data: ' two spaces\n' }]);
  });

  it('does not dispatch an event that was cut before its blank line', () => {
    expect(parseSplit(encoder.encode('data: complete\n\ndata: cut off'), [])).toEqual([{ event: undefined, data: 'complete' }]);
    expect(parseSplit(encoder.encode('data: complete\n\ndata: cut off\n'), [])).toEqual([{ event: undefined, data: 'complete' }]);
  });

  it('does not dispatch a blank line with no data, and resets the event name after each event', () => {
    expect(parseSplit(encoder.encode('event: lonely\n\ndata: x\n\n'), [])).toEqual([{ event: undefined, data: 'x' }]);
  });
});
