// Test-side HTTP and SSE helpers for the fake-provider tests. The SSE parser here is written
// independently of src/providers on purpose: the fakes are checked against the format itself.
import { request } from 'undici';

export interface ParsedEvent {
  event: string | undefined;
  data: string;
}

/** Splits complete SSE events (ended by a blank line, LF or CRLF); an unterminated tail is dropped. */
export function parseSse(text: string): ParsedEvent[] {
  const events: ParsedEvent[] = [];
  const blocks = text.split(/\r\n\r\n|\n\n/);
  blocks.pop();
  for (const block of blocks) {
    let event: string | undefined;
    const data: string[] = [];
    for (const line of block.split(/\r\n|\n/)) {
      if (line.startsWith('event:')) event = line.slice(6).trim();
      else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
    }
    events.push({ event, data: data.join('\n') });
  }
  return events;
}

/** JSON of every event except OpenAI's `[DONE]` terminator. */
export function eventJson(events: readonly ParsedEvent[]): Record<string, unknown>[] {
  return events.filter((event) => event.data !== '[DONE]').map((event) => JSON.parse(event.data) as Record<string, unknown>);
}

export interface HttpResult {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

export async function postJson(url: string, body: unknown, headers: Record<string, string> = {}): Promise<HttpResult> {
  const response = await request(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.statusCode, headers: response.headers, text: await response.body.text() };
}

export async function getJson(url: string, headers: Record<string, string> = {}): Promise<HttpResult> {
  const response = await request(url, { method: 'GET', headers });
  return { status: response.statusCode, headers: response.headers, text: await response.body.text() };
}

export interface StreamResult {
  status: number;
  /** Complete events received, in order. */
  events: ParsedEvent[];
  /** Set when reading the body failed (cut connection) or was aborted by `stopAfterEvents`. */
  error: unknown;
  /** True when the helper aborted the request itself. */
  abortedByClient: boolean;
}

/**
 * Posts and reads an SSE body event by event. With `stopAfterEvents`, aborts the request as soon as
 * that many complete events arrived (the way a client that goes away behaves).
 */
export async function postStream(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
  stopAfterEvents?: number,
): Promise<StreamResult> {
  const controller = new AbortController();
  const response = await request(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
    signal: controller.signal,
  });
  let text = '';
  let error: unknown;
  let abortedByClient = false;
  try {
    for await (const chunk of response.body) {
      text += (chunk as Buffer).toString();
      if (stopAfterEvents !== undefined && parseSse(text).length >= stopAfterEvents) {
        abortedByClient = true;
        controller.abort();
        break;
      }
    }
  } catch (caught) {
    error = caught;
  }
  return { status: response.statusCode, events: parseSse(text), error, abortedByClient };
}
