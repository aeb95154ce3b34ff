// The same stream failures replayed against every adapter type, each in its provider's SSE
// format: a cut, a stall, a malformed chunk, a client abort. The shared transport handles the
// socket, but each adapter decides when its stream is complete, so each is checked.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatRequest, StreamEvent } from '../../src/chat/types.ts';
import { createProviderAdapter } from '../../src/providers/create-adapter.ts';
import type { ProviderAdapter, ProviderType } from '../../src/providers/spec.ts';
import { callContext, rungErrorFrom, settingsFor } from './support/adapter-fixtures.ts';
import { dataEvents, namedEvents, sse, startUpstream, type Upstream } from './support/upstream-server.ts';

/** For each provider: SSE text that yields exactly one text delta "Hi" and does not finish. */
const FIRST_DELTA: Record<'openai' | 'anthropic' | 'google', string[]> = {
  openai: dataEvents([{ choices: [{ index: 0, delta: { content: 'Hi' }, finish_reason: null }] }]),
  anthropic: namedEvents([
    { type: 'message_start', message: { id: 'msg_1', content: [], usage: { input_tokens: 3, output_tokens: 1 } } },
    { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } },
    { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'Hi' } },
  ]),
  google: dataEvents([{ candidates: [{ content: { role: 'model', parts: [{ text: 'Hi' }] }, index: 0 }] }]),
};

const request: ChatRequest = { model: 'model-x', stream: true, messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }] };

async function drain(events: AsyncIterable<StreamEvent>, seen: StreamEvent[]): Promise<void> {
  for await (const event of events) seen.push(event);
}

for (const [type, firstDelta] of Object.entries(FIRST_DELTA) as Array<[ProviderType, string[]]>) {
  describe(`${type} adapter: stream failures`, () => {
    let upstream: Upstream;
    let adapter: ProviderAdapter;
    beforeAll(async () => {
      upstream = await startUpstream();
      const base = settingsFor(type, type === 'openai' ? `${upstream.origin}/v1` : upstream.origin);
      adapter = createProviderAdapter({ ...base, timeouts: { ...base.timeouts, idleMs: 100 } });
    });
    afterAll(async () => {
      await adapter.close();
      await upstream.close();
    });

    it('a cut after the first delta → connection, and no finish was yielded', async () => {
      upstream.respond(sse(firstDelta, { cut: true }));
      const seen: StreamEvent[] = [];
      const error = await rungErrorFrom(async () => drain(await adapter.doStream(request, callContext()), seen));
      expect(seen).toEqual([{ type: 'text-delta', text: 'Hi' }]);
      expect(error.code).toBe('connection');
    });

    it('a clean end of body without a finish → connection', async () => {
      upstream.respond(sse(firstDelta));
      const seen: StreamEvent[] = [];
      const error = await rungErrorFrom(async () => drain(await adapter.doStream(request, callContext()), seen));
      expect(seen.some((event) => event.type === 'finish')).toBe(false);
      expect(error.code).toBe('connection');
    });

    it('a stall after the first delta → timeout', async () => {
      upstream.respond(sse(firstDelta, { end: false }));
      const seen: StreamEvent[] = [];
      const error = await rungErrorFrom(async () => drain(await adapter.doStream(request, callContext()), seen));
      expect(seen).toEqual([{ type: 'text-delta', text: 'Hi' }]);
      expect(error.code).toBe('timeout');
    });

    it('a chunk that is not JSON → malformed_response', async () => {
      upstream.respond(sse([...firstDelta, 'event: content_block_delta\ndata: {"type": "content_block_delta", "ind\n\n']));
      const error = await rungErrorFrom(async () => drain(await adapter.doStream(request, callContext()), []));
      expect(error.code).toBe('malformed_response');
    });

    it('a client abort → the iteration fails and the upstream sees its connection closed', async () => {
      upstream.respond(sse(firstDelta, { end: false }));
      const controller = new AbortController();
      const events = await adapter.doStream(request, { ...callContext(controller.signal) });
      const error = await rungErrorFrom(async () => {
        for await (const event of events) {
          if (event.type === 'text-delta') controller.abort();
        }
      });
      expect(error.code).toBe('connection');
      expect(await upstream.last().closedEarly).toBe(true);
    });
  });
}
