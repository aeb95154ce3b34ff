// Writes one answer to the socket, applying the chunk-level faults (stall, cut, malformed,
// in-stream error). The fault-free path with no chunk delay writes everything in one call, so
// the benchmark pays no timers and no per-event writes.
import type { ServerResponse } from 'node:http';
import type { Dialect, ErrorReply } from './dialect.ts';
import type { Fault, RecordedRequest } from './types.ts';

/** One request being answered. `closed` turns true when the response closes for any reason. */
export interface Exchange {
  readonly res: ServerResponse;
  readonly record: RecordedRequest;
  readonly baseHeaders: Record<string, string>;
  closed: boolean;
}

type ChunkFault =
  | { kind: 'stall'; after: number; stallMs: number }
  | { kind: 'cut'; after: number }
  | { kind: 'malformed'; after: number }
  | { kind: 'error-event'; after: number; message: string | undefined };

function chunkFaultOf(fault: Fault | undefined): ChunkFault | undefined {
  if (fault === undefined) return undefined;
  if ('stallMs' in fault) return { kind: 'stall', after: fault.afterChunks, stallMs: fault.stallMs };
  if ('cutAfterChunks' in fault) return { kind: 'cut', after: fault.cutAfterChunks };
  if ('malformedAfterChunks' in fault) return { kind: 'malformed', after: fault.malformedAfterChunks };
  if ('errorEventAfterChunks' in fault) return { kind: 'error-event', after: fault.errorEventAfterChunks, message: fault.message };
  return undefined;
}

/** Resolves true after `ms` (Infinity: never), false as soon as the response closes. */
export function pause(exchange: Exchange, ms: number): Promise<boolean> {
  if (exchange.closed) return Promise.resolve(false);
  return new Promise((resolve) => {
    let timer: NodeJS.Timeout | undefined;
    const onClose = (): void => {
      if (timer !== undefined) clearTimeout(timer);
      resolve(false);
    };
    exchange.res.once('close', onClose);
    if (Number.isFinite(ms)) {
      timer = setTimeout(() => {
        exchange.res.off('close', onClose);
        resolve(true);
      }, Math.max(0, ms));
    }
  });
}

/**
 * Ends the exchange without a proper end: waits until what was written left the socket's buffer
 * (so the client really receives the first part), then destroys the socket. Node corks the socket
 * around response writes and emits 'drain' only after a refused write, so this polls instead.
 */
async function cut(exchange: Exchange): Promise<void> {
  exchange.record.outcome = 'cut';
  const socket = exchange.res.socket;
  if (socket === null) return;
  while (socket.writableLength > 0 && !socket.destroyed) await new Promise((resolve) => setImmediate(resolve));
  socket.destroy();
}

/** Writes a complete JSON answer (a body known in full) with its length. */
function sendWhole(exchange: Exchange, dialect: Dialect, status: number, body: string, headers: Readonly<Record<string, string>>): void {
  if (exchange.closed) return;
  exchange.res.writeHead(status, {
    ...exchange.baseHeaders,
    ...headers,
    'content-type': dialect.jsonContentType,
    'content-length': Buffer.byteLength(body),
  });
  exchange.record.status = status;
  exchange.record.chunksSent = 1;
  exchange.res.end(body);
}

export function sendError(exchange: Exchange, dialect: Dialect, error: ErrorReply): void {
  sendWhole(exchange, dialect, error.status, error.body, error.headers);
}

export function sendJson(exchange: Exchange, dialect: Dialect, body: string): void {
  sendWhole(exchange, dialect, 200, body, {});
}

/** A non-streaming answer. Chunk faults map to: stall → delay before the body; cut → half a body then a dead socket; malformed → half a body; error event → the provider's overloaded error. */
export async function writeBody(exchange: Exchange, dialect: Dialect, body: string, fault: Fault | undefined): Promise<void> {
  const chunkFault = chunkFaultOf(fault);
  const { res, record } = exchange;
  if (chunkFault === undefined) return sendJson(exchange, dialect, body);
  if (chunkFault.kind === 'error-event') return sendError(exchange, dialect, dialect.overloaded(chunkFault.message));
  const bytes = Buffer.from(body);
  const half = bytes.subarray(0, Math.ceil(bytes.length / 2));
  if (chunkFault.kind === 'malformed') return sendJson(exchange, dialect, half.toString());
  res.writeHead(200, { ...exchange.baseHeaders, 'content-type': dialect.jsonContentType, 'content-length': bytes.length });
  record.status = 200;
  if (chunkFault.kind === 'stall') {
    res.flushHeaders();
    if (!(await pause(exchange, chunkFault.stallMs))) return;
    record.chunksSent = 1;
    res.end(bytes);
    return;
  }
  res.write(half);
  await cut(exchange);
}

/** A streaming answer: `frames` are complete events; a chunk fault fires after `after` of them (at most all but the last). */
export async function writeStream(exchange: Exchange, dialect: Dialect, frames: readonly string[], fault: Fault | undefined, chunkDelayMs: number): Promise<void> {
  const { res, record } = exchange;
  res.writeHead(200, {
    ...exchange.baseHeaders,
    'content-type': dialect.streamContentType,
    'cache-control': 'no-cache',
    connection: 'keep-alive',
  });
  record.status = 200;
  const chunkFault = chunkFaultOf(fault);
  if (chunkFault === undefined && chunkDelayMs <= 0) {
    record.chunksSent = frames.length;
    res.end(frames.join(''));
    return;
  }
  // Headers go out at once, so a fault after zero events still shows a started response.
  res.flushHeaders();
  // Clamped so that a fault always fires before the stream's proper end.
  const faultAt = chunkFault === undefined ? -1 : Math.min(Math.max(0, Math.floor(chunkFault.after)), frames.length - 1);
  for (let position = 0; position < frames.length; position += 1) {
    if (position === faultAt && chunkFault !== undefined) {
      switch (chunkFault.kind) {
        case 'stall':
          if (!(await pause(exchange, chunkFault.stallMs))) return;
          break;
        case 'cut':
          await cut(exchange);
          return;
        case 'malformed':
          res.write(dialect.malformedEvent());
          record.chunksSent += 1;
          break;
        case 'error-event':
          res.end(dialect.errorEvent(chunkFault.message));
          record.chunksSent += 1;
          return;
      }
    }
    if (position > 0 && chunkDelayMs > 0 && !(await pause(exchange, chunkDelayMs))) return;
    if (exchange.closed) return;
    res.write(frames[position]);
    record.chunksSent += 1;
  }
  res.end();
}
