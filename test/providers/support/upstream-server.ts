// A real node:http server on 127.0.0.1:0 standing in for a provider: it records every request
// exactly (method, path, headers, parsed JSON body) and answers with whatever the test scripted.
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface RecordedRequest {
  method: string;
  /** Path and query string. */
  path: string;
  headers: IncomingHttpHeaders;
  rawBody: string;
  body: unknown;
  /** Resolves true when the client closed the connection before the response was finished. */
  closedEarly: Promise<boolean>;
}

export type Responder = (request: RecordedRequest, response: ServerResponse) => void | Promise<void>;

export interface Upstream {
  /** `http://127.0.0.1:<port>`. */
  origin: string;
  requests: RecordedRequest[];
  /** TCP connections accepted so far (keep-alive reuse shows as fewer connections than requests). */
  connectionCount(): number;
  /** The latest recorded request; throws when there is none. */
  last(): RecordedRequest;
  respond(responder: Responder): void;
  close(): Promise<void>;
}

export async function startUpstream(initial?: Responder): Promise<Upstream> {
  let responder: Responder = initial ?? ((_request, response) => void response.writeHead(500).end());
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  let connections = 0;
  const server = createServer((incoming, response) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const rawBody = Buffer.concat(chunks).toString('utf8');
      let body: unknown;
      try {
        body = rawBody === '' ? undefined : JSON.parse(rawBody);
      } catch {
        body = undefined;
      }
      const closedEarly = new Promise<boolean>((resolve) => {
        response.on('close', () => resolve(!response.writableFinished));
      });
      const recorded: RecordedRequest = {
        method: incoming.method ?? '',
        path: incoming.url ?? '',
        headers: incoming.headers,
        rawBody,
        body,
        closedEarly,
      };
      requests.push(recorded);
      void Promise.resolve(responder(recorded, response)).catch(() => response.destroy());
    });
  });
  server.on('connection', (socket) => {
    connections += 1;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    connectionCount: () => connections,
    last() {
      const request = requests.at(-1);
      if (request === undefined) throw new Error('the upstream received no request');
      return request;
    },
    respond(next) {
      responder = next;
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Answers with a JSON body. */
export function json(status: number, body: unknown, headers: Record<string, string> = {}): Responder {
  return (_request, response) => {
    response.writeHead(status, { 'content-type': 'application/json', ...headers });
    response.end(typeof body === 'string' ? body : JSON.stringify(body));
  };
}

/** Answers with a raw text body. */
export function text(status: number, body: string, headers: Record<string, string> = {}): Responder {
  return (_request, response) => {
    response.writeHead(status, { 'content-type': 'text/plain', ...headers });
    response.end(body);
  };
}

export interface SseOptions {
  /** End the response after the chunks (default true); false leaves it open (a stall). */
  end?: boolean;
  /** Destroy the socket after the chunks instead of ending cleanly (a cut). */
  cut?: boolean;
}

/** Answers 200 text/event-stream, writing each string as a separate socket write. */
export function sse(chunks: readonly (string | Uint8Array)[], options: SseOptions = {}): Responder {
  return async (_request, response) => {
    response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    for (const chunk of chunks) {
      response.write(chunk);
      // Yield to the event loop so chunks leave as separate writes.
      await new Promise((resolve) => setImmediate(resolve));
    }
    if (options.cut === true) response.socket?.destroy();
    else if (options.end !== false) response.end();
  };
}

/** Formats data payloads as `data: <json>\n\n` SSE events (OpenAI and Gemini style). */
export function dataEvents(payloads: readonly unknown[]): string[] {
  return payloads.map((payload) => `data: ${typeof payload === 'string' ? payload : JSON.stringify(payload)}\n\n`);
}

/** Formats Anthropic-style `event: <type>\ndata: <json>\n\n` SSE events. */
export function namedEvents(payloads: ReadonlyArray<{ type: string; [field: string]: unknown }>): string[] {
  return payloads.map((payload) => `event: ${payload.type}\ndata: ${JSON.stringify(payload)}\n\n`);
}
