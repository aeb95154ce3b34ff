// The HTTP client every adapter uses: one keep-alive undici Pool per origin, each call dispatched
// straight to it (upstream-exchange.ts; about half the CPU of `pool.request()`, a quarter of
// global fetch), with a total deadline (the provider's, or what is left of the route's) tied to
// the caller's signal. undici enforces the other
// three timeouts itself: connect (connectTimeout), first byte (headersTimeout) and silence
// between body chunks (bodyTimeout).
import { Pool } from 'undici';
import type { CancelSignal } from '../../chat/cancel-signal.ts';
import { RungError } from '../../errors/rung-error.ts';
import type { ProviderTimeouts } from '../spec.ts';
import type { SseEvent } from './sse-parser.ts';
import { UpstreamExchange } from './upstream-exchange.ts';

export interface HttpTransportOptions {
  /** Provider id, used in error messages and on every RungError. */
  provider: string;
  timeouts: ProviderTimeouts;
  maxConnections: number;
}

export type ResponseHeaders = Record<string, string | string[] | undefined>;

/**
 * An upstream response whose headers have arrived. Exactly one of `readText`, `sseEvents` or
 * `discard` should be used; each releases the connection and the deadline when done.
 */
export interface UpstreamResponse {
  readonly statusCode: number;
  readonly headers: ResponseHeaders;
  /** Reads the body as UTF-8, keeping at most `maxBytes` and dropping the rest. */
  readText(maxBytes: number): Promise<string>;
  /** Yields the body's server-sent events; transport failures surface as RungErrors. */
  sseEvents(): AsyncGenerator<SseEvent, void, undefined>;
  /** Drops the body unread. */
  discard(): void;
}

export class HttpTransport {
  private readonly pools = new Map<string, Pool>();
  private closed = false;

  constructor(private readonly options: HttpTransportOptions) {}

  /**
   * Sends a POST with a JSON body and `headers` as given (the caller's, content-type included);
   * resolves once response headers arrive, whatever the status.
   * `deadlineMs`, when shorter than the provider's total timeout, ends the call with
   * `deadline_exceeded` instead: the route's deadline, enforced by the call's one timer.
   */
  async postJson(url: URL, headers: Readonly<Record<string, string>>, body: string, callerSignal: CancelSignal, deadlineMs?: number): Promise<UpstreamResponse> {
    const { provider, timeouts } = this.options;
    if (this.closed) throw new RungError('connection', `${provider}: adapter is closed`, { provider });
    const exchange = new UpstreamExchange(provider, timeouts.totalMs, callerSignal, deadlineMs);
    this.poolFor(url.origin).dispatch(
      { method: 'POST', path: url.pathname + url.search, headers, body },
      exchange,
    );
    const head = await exchange.headers;
    return {
      statusCode: head.statusCode,
      headers: head.headers,
      readText: (maxBytes) => exchange.readText(maxBytes),
      sseEvents: () => exchange.events(),
      discard: () => exchange.discard(),
    };
  }

  /** Closes every pool once its in-flight requests are done. */
  async close(): Promise<void> {
    this.closed = true;
    const pools = [...this.pools.values()];
    this.pools.clear();
    await Promise.all(pools.map((pool) => pool.close()));
  }

  private poolFor(origin: string): Pool {
    let pool = this.pools.get(origin);
    if (pool === undefined) {
      const { timeouts, maxConnections } = this.options;
      pool = new Pool(origin, {
        connections: maxConnections,
        connectTimeout: timeouts.connectMs,
        headersTimeout: timeouts.firstByteMs,
        bodyTimeout: timeouts.idleMs,
      });
      this.pools.set(origin, pool);
    }
    return pool;
  }
}
