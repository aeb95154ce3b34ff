// Every default Rung applies, in one place, with units in the names or comments.
import type { UpstreamErrorClass } from '../errors/catalogue.ts';

export const DEFAULTS = Object.freeze({
  server: {
    host: '127.0.0.1',
    port: 8080,
    /** Largest accepted request body. 4 MiB fits long prompts and a few inline images. */
    bodyLimitBytes: 4 * 1024 * 1024,
  },
  provider: {
    connectMs: 5_000,
    firstByteMs: 60_000,
    idleMs: 30_000,
    totalMs: 300_000,
    maxConnections: 128,
    anthropicVersion: '2023-06-01',
  },
  breaker: {
    /** Consecutive failures that open the breaker. */
    consecutiveFailures: 5,
    /** Failure rate over the window that opens it, once `minRequests` calls were seen. */
    failureRate: 0.5,
    windowMs: 60_000,
    minRequests: 20,
    /** How long an open breaker waits before letting probes through. */
    cooldownMs: 30_000,
    /** Probe calls allowed at once while half-open. */
    halfOpenProbes: 1,
  },
  retry: {
    /** Attempts per target, the first included. */
    attemptsPerTarget: 2,
    baseDelayMs: 100,
    maxDelayMs: 2_000,
    /** Retry-After longer than this is not waited for; Rung moves to the next target instead. */
    maxRetryAfterMs: 5_000,
  },
  /** Overall deadline for one request across every attempt. */
  deadlineMs: 600_000,
  /**
   * Error classes after which Rung tries the next target. `bad_request` and `content_filter` are
   * absent on purpose: they would fail on every target too.
   */
  fallbackOn: [
    'rate_limited',
    'overloaded',
    'server_error',
    'timeout',
    'connection',
    'auth',
    'not_found',
    'context_length',
    'malformed_response',
  ] as readonly UpstreamErrorClass[],
  health: {
    /** Requests kept per deployment for latency and success-rate figures. */
    windowSize: 100,
    /** Below this success rate a deployment reads as degraded. */
    degradedBelow: 0.95,
  },
  /** Scores in [low, high) are the scorer's uncertain middle; policies send them to the more capable side. */
  uncertainBand: { low: 0.4, high: 0.6 },
  scorer: {
    /** A request whose score is not ready by then goes to the most capable allowed deployment. */
    deadlineMs: 10,
  },
  leastLatency: {
    /** Share of requests sent to a random target so latency figures stay fresh. */
    exploration: 0.05,
  },
});
