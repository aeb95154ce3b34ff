// Writes a started provider stream to the client as OpenAI SSE. Headers are sent only now, after
// the first content event arrived, so earlier failures could still fall back. From here on a
// failure ends the stream with an OpenAI-shaped error event and no `[DONE]`: a client can always
// tell a cut answer from a complete one.
import type { FastifyReply } from 'fastify';
import type { CancelSignal } from '../../chat/cancel-signal.ts';
import type { StreamEvent, Usage } from '../../chat/types.ts';
import { RungError, toRungError } from '../../errors/rung-error.ts';
import type { RequestRecord } from '../../records/request-record.ts';
import { ChunkRenderer, renderStreamError } from '../openai-api/render-stream.ts';
import type { Completion } from '../execute/run-attempts.ts';
import type { StartedStream } from '../execute/start-stream.ts';

export interface WriteStreamInput {
  reply: FastifyReply;
  headers: Record<string, string>;
  started: StartedStream;
  complete: Completion;
  includeUsage: boolean;
  meta: { id: string; model: string; created: number };
  record: RequestRecord;
  clientSignal: CancelSignal;
}

export async function writeStream(input: WriteStreamInput): Promise<void> {
  const { reply, started, record } = input;
  reply.hijack();
  const raw = reply.raw;
  raw.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
    ...input.headers,
  });
  const renderer = new ChunkRenderer({ ...input.meta, includeUsage: input.includeUsage });
  raw.write(renderer.start());
  let usage: Usage | undefined;
  const emit = (event: StreamEvent) => {
    if (event.type === 'finish') usage = event.usage;
    raw.write(renderer.render(event));
  };
  try {
    for (const event of started.buffered) emit(event);
    for (;;) {
      const next = await started.iterator.next();
      if (next.done === true) break;
      emit(next.value);
    }
    if (usage === undefined) throw new RungError('malformed_response', 'the provider stream ended without a finish event');
    record.usage = usage;
    input.complete({ ok: true });
    raw.end(renderer.done());
  } catch (thrown) {
    const error = toRungError(thrown);
    record.usage = usage ?? null;
    if (input.clientSignal.aborted) {
      record.status = 'client_closed';
      record.httpStatus = 499;
      input.complete({ ok: false, error: new RungError('connection', 'client disconnected') });
      raw.destroy();
      return;
    }
    record.status = 'stream_error';
    record.errorCode = error.code;
    input.complete({ ok: false, error });
    const attempt = record.attempts[record.attempts.length - 1];
    if (attempt !== undefined) {
      attempt.status = 'error';
      attempt.errorClass = error.code;
      attempt.message = error.message.slice(0, 300);
    }
    raw.end(renderStreamError(error));
  }
}
