// The cancellation a call on the request path listens to: the part of AbortSignal that Rung's call
// path uses. An AbortSignal is one (tests, the cascade's own steps); the gateway passes a cheaper
// one per request (gateway/client-disconnect.ts), because an AbortController and its EventTarget
// (listener map, Listener objects, an Event when it fires) cost more CPU and memory per request
// than the route's own decisions.

export interface CancelSignal {
  /** True once cancelled; never goes back. */
  readonly aborted: boolean;
  /** Why it was cancelled (an AbortError DOMException unless the canceller said otherwise). */
  readonly reason: unknown;
  /** `listener` runs once, when the signal is cancelled; not at all if it already was. */
  addEventListener(type: 'abort', listener: () => void, options?: { once?: boolean }): void;
  removeEventListener(type: 'abort', listener: () => void): void;
}
