// An incremental Server-Sent Events parser (the WHATWG event-stream format). Bytes may be split
// anywhere, including inside a UTF-8 sequence (the streaming TextDecoder keeps the partial bytes)
// and between the CR and LF of one line ending (`skipLeadingLineFeed` remembers a trailing CR).
// An event is dispatched only at a blank line; a half-received event at end of input is dropped,
// as the format requires, because its data may be cut short.

export interface SseEvent {
  /** The `event:` field, when one was sent. */
  event: string | undefined;
  /** The `data:` lines joined with "\n". */
  data: string;
}

export class SseParser {
  private readonly decoder = new TextDecoder('utf-8');
  private readonly lineEnd = /[\r\n]/g;
  private buffer = '';
  private skipLeadingLineFeed = false;
  private dataLines: string[] = [];
  private eventName: string | undefined = undefined;

  /** Feeds bytes; returns the events completed by them. */
  push(bytes: Uint8Array): SseEvent[] {
    return this.consume(this.decoder.decode(bytes, { stream: true }));
  }

  /** Feeds text directly (tests and callers that already decoded). */
  pushText(text: string): SseEvent[] {
    return this.consume(text);
  }

  /** Flushes the decoder at end of input; a final line without a blank line after it is not dispatched. */
  end(): SseEvent[] {
    const events = this.consume(this.decoder.decode());
    this.buffer = '';
    this.dataLines = [];
    this.eventName = undefined;
    return events;
  }

  private consume(text: string): SseEvent[] {
    let buffer = this.buffer + text;
    if (this.skipLeadingLineFeed && buffer.length > 0) {
      if (buffer.charCodeAt(0) === 10) buffer = buffer.slice(1);
      this.skipLeadingLineFeed = false;
    }
    const events: SseEvent[] = [];
    let lineStart = 0;
    this.lineEnd.lastIndex = 0;
    for (let match = this.lineEnd.exec(buffer); match !== null; match = this.lineEnd.exec(buffer)) {
      const end = match.index;
      let next = end + 1;
      if (buffer.charCodeAt(end) === 13) {
        if (next === buffer.length) this.skipLeadingLineFeed = true;
        else if (buffer.charCodeAt(next) === 10) next += 1;
      }
      this.processLine(buffer.slice(lineStart, end), events);
      lineStart = next;
      this.lineEnd.lastIndex = next;
    }
    this.buffer = buffer.slice(lineStart);
    return events;
  }

  private processLine(line: string, events: SseEvent[]): void {
    if (line.length === 0) {
      if (this.dataLines.length > 0) events.push({ event: this.eventName, data: this.dataLines.join('\n') });
      this.dataLines = [];
      this.eventName = undefined;
      return;
    }
    if (line.charCodeAt(0) === 58) return; // ":" starts a comment (keep-alive pings)
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.charCodeAt(0) === 32) value = value.slice(1);
    if (field === 'data') this.dataLines.push(value);
    else if (field === 'event') this.eventName = value;
    // `id` and `retry` matter only for browser reconnection, which an upstream call never does.
  }
}
