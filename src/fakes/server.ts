// A fake LLM provider: a plain node:http server on 127.0.0.1 that speaks one provider's API (see
// the dialect files), answers with a responder, injects scripted faults per request and records
// what it received. Order per chat request: route → key → headers → JSON → request validation →
// fault choice → hang / latency → status fault → model and context-window checks → answer.
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { anthropicDialect } from './anthropic-fake.ts';
import { defaultRespond } from './default-responder.ts';
import { type Dialect, ErrorReply } from './dialect.ts';
import { googleDialect } from './google-fake.ts';
import { openAIDialect } from './openai-fake.ts';
import { resolveReply } from './resolved-reply.ts';
import { type Exchange, pause, sendError, sendJson, writeBody, writeStream } from './response-writer.ts';
import type {
  FakeProvider,
  FakeProviderKind,
  FakeProviderOptions,
  FakeReply,
  FakeRequest,
  FakeResponder,
  FaultScript,
  RecordedRequest,
} from './types.ts';

const DIALECTS: Readonly<Record<FakeProviderKind, Dialect>> = {
  openai: openAIDialect,
  anthropic: anthropicDialect,
  google: googleDialect,
};

/** Resolves with the body text, or undefined when the client went away while sending it. */
function readBody(req: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.once('end', () => resolve(chunks.length === 1 ? chunks[0]?.toString() : Buffer.concat(chunks).toString()));
    req.once('error', () => resolve(undefined));
    req.once('aborted', () => resolve(undefined));
  });
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

export async function startFakeProvider(options: FakeProviderOptions): Promise<FakeProvider> {
  const dialect = DIALECTS[options.kind];
  const recording = options.record ?? true;
  const latencyMs = options.latencyMs ?? 0;
  const chunkDelayMs = options.chunkDelayMs ?? 0;
  const nonce = randomBytes(4).toString('hex');
  const requests: RecordedRequest[] = [];
  let faults: FaultScript | undefined = options.faults;
  let respond: FakeResponder = options.respond ?? defaultRespond;
  let requestCount = 0;
  /** Every request received, for response-header request ids. */
  let received = 0;
  let inFlight = 0;
  let closing = false;
  let idleWaiters: (() => void)[] = [];

  function whenIdle(): Promise<void> {
    return inFlight === 0 ? Promise.resolve() : new Promise((resolve) => idleWaiters.push(resolve));
  }

  function settle(): void {
    inFlight -= 1;
    if (inFlight > 0) return;
    const waiters = idleWaiters;
    idleWaiters = [];
    for (const wake of waiters) wake();
  }

  async function answer(exchange: Exchange, req: IncomingMessage, url: URL): Promise<void> {
    const { record } = exchange;
    const route = dialect.route(record.method, url.pathname, url.searchParams);
    if (route === undefined) return sendError(exchange, dialect, dialect.notFound(record.method, url.pathname));
    if (route instanceof ErrorReply) return sendError(exchange, dialect, route);
    const text = record.method === 'GET' ? '' : await readBody(req);
    if (text === undefined || exchange.closed) return;
    const json = text === '' ? undefined : parseJson(text);
    record.body = json === undefined ? undefined : json.ok ? json.value : text;
    const rejection = (options.apiKey === undefined ? undefined : dialect.checkKey(req.headers, url.searchParams, options.apiKey))
      ?? dialect.checkHeaders(req.headers);
    if (rejection !== undefined) return sendError(exchange, dialect, rejection);
    if (route.type === 'list-models') return sendJson(exchange, dialect, dialect.listModels(options.models ?? []));
    if (json === undefined || !json.ok) return sendError(exchange, dialect, dialect.invalidJson());
    const parsed = dialect.parse(json.value, route);
    if (parsed instanceof ErrorReply) return sendError(exchange, dialect, parsed);
    await answerChat(exchange, parsed);
  }

  async function answerChat(exchange: Exchange, request: FakeRequest): Promise<void> {
    const { record } = exchange;
    record.model = request.model;
    record.stream = request.stream;
    const index = requestCount;
    requestCount += 1;
    record.index = index;
    const fault = faults?.(index, request);
    record.fault = fault;
    if (fault !== undefined && 'hang' in fault) {
      await pause(exchange, Number.POSITIVE_INFINITY);
      return;
    }
    const delay = latencyMs + (fault !== undefined && 'latencyMs' in fault ? fault.latencyMs : 0);
    if (delay > 0 && !(await pause(exchange, delay))) return;
    const details = { model: request.model, promptTokens: request.promptTokens, contextWindowTokens: options.contextWindowTokens };
    if (fault !== undefined && 'status' in fault) {
      const { status, ...rest } = fault;
      return sendError(exchange, dialect, dialect.error(status, { ...details, ...rest }));
    }
    if (options.models !== undefined && !options.models.includes(request.model)) {
      return sendError(exchange, dialect, dialect.error(404, details));
    }
    if (options.contextWindowTokens !== undefined && request.promptTokens > options.contextWindowTokens) {
      return sendError(exchange, dialect, dialect.error(400, { ...details, errorType: 'context_length_exceeded' }));
    }
    let reply: FakeReply;
    try {
      reply = await respond(request);
    } catch (error) {
      const message = `fake responder failed: ${error instanceof Error ? error.message : String(error)}`;
      return sendError(exchange, dialect, dialect.error(500, { message }));
    }
    if (exchange.closed) return;
    const resolved = resolveReply(reply, request, `${nonce}${index.toString(36).padStart(4, '0')}`);
    if (request.stream) await writeStream(exchange, dialect, dialect.renderStream(resolved, request), fault, chunkDelayMs);
    else await writeBody(exchange, dialect, dialect.render(resolved, request), fault);
  }

  function handle(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://fake.invalid');
    const record: RecordedRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: req.headers,
      body: undefined,
      model: undefined,
      stream: false,
      index: undefined,
      fault: undefined,
      status: undefined,
      chunksSent: 0,
      outcome: 'pending',
      aborted: false,
    };
    if (recording) requests.push(record);
    received += 1;
    const exchange: Exchange = { res, record, baseHeaders: dialect.responseHeaders(`${nonce}r${received.toString(36)}`), closed: false };
    inFlight += 1;
    let settled = false;
    const finish = (): void => {
      if (settled) return;
      settled = true;
      settle();
    };
    res.once('finish', () => {
      if (record.outcome === 'pending') record.outcome = 'finished';
    });
    res.once('close', () => {
      exchange.closed = true;
      if (record.outcome === 'pending') {
        if (res.writableFinished) record.outcome = 'finished';
        else if (closing) record.outcome = 'closed';
        else {
          record.outcome = 'aborted';
          record.aborted = true;
        }
      }
      finish();
    });
    answer(exchange, req, url).catch((error: unknown) => {
      // A bug in a responder-independent path (or a throwing fault script): answer 500 if possible.
      const message = `fake provider failed: ${error instanceof Error ? error.message : String(error)}`;
      if (!res.headersSent) sendError(exchange, dialect, dialect.error(500, { message }));
      else res.destroy();
    });
  }

  const server = createServer(handle);
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

  return {
    kind: options.kind,
    url: `${origin}${dialect.basePath}`,
    origin,
    requests,
    get requestCount() {
      return requestCount;
    },
    setFaults(next) {
      faults = next;
    },
    setRespond(next) {
      respond = next ?? defaultRespond;
    },
    reset() {
      requests.length = 0;
      requestCount = 0;
      faults = options.faults;
      respond = options.respond ?? defaultRespond;
    },
    whenIdle,
    async close() {
      closing = true;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
      // Responses learn of their closed sockets a tick later; wait so every record is final.
      await whenIdle();
    },
  };
}
