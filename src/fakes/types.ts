// The public shapes of the fake providers: what a responder sees, what it answers, which faults a
// script may inject and what is recorded per request. Provider wire formats live only in the
// per-provider dialect files; everything here is provider-neutral.
import type { IncomingHttpHeaders } from 'node:http';
import type { FinishReason, JsonObject, ToolChoice } from '../chat/types.ts';

export type FakeProviderKind = 'openai' | 'anthropic' | 'google';

export interface FakeMessage {
  /** Anthropic `tool_result` blocks and Gemini `functionResponse` parts read as 'tool'. */
  role: 'system' | 'user' | 'assistant' | 'tool';
  /** The text parts joined; images are left out. */
  text: string;
}

export interface FakeTool {
  name: string;
  description?: string;
  /** JSON Schema of the arguments object (an empty object schema when the request gave none). */
  parameters: JsonObject;
}

export type FakeResponseFormat =
  | { type: 'text' }
  | { type: 'json_object' }
  | { type: 'json_schema'; schema: JsonObject; name?: string };

/** A request as the fake understood it, the same shape whatever the provider. */
export interface FakeRequest {
  kind: FakeProviderKind;
  model: string;
  stream: boolean;
  messages: FakeMessage[];
  tools: FakeTool[];
  /** `'required'` or `{ name }` means the model must call a tool. */
  toolChoice: ToolChoice;
  responseFormat: FakeResponseFormat;
  maxTokens: number | undefined;
  stop: string[];
  /** Whether the request asked for token log-probabilities (OpenAI `logprobs`, Gemini `responseLogprobs`). */
  logprobs: boolean;
  /** Estimated prompt size: message characters / 4, rounded up. */
  promptTokens: number;
  /** The parsed body, for responders that need a provider-specific field. */
  body: JsonObject;
}

export interface FakeToolCallReply {
  name: string;
  /** An object is serialised; a string is sent as is (it may be invalid JSON on purpose). */
  arguments: JsonObject | string;
}

/** What the fake answers. Every field is optional; missing ones are derived. */
export interface FakeReply {
  text?: string;
  toolCalls?: FakeToolCallReply[];
  /** Default: 'tool_calls' when there are tool calls, else 'stop'. */
  finishReason?: FinishReason;
  /** The stop sequence that ended the text (Anthropic reports it as `stop_sequence`). */
  stopSequence?: string;
  /** Default: characters / 4 estimates. */
  usage?: { promptTokens?: number; completionTokens?: number };
  /** One log-probability per streamed text piece; the last one repeats when the list is short. */
  logprobs?: number[];
}

export type FakeResponder = (request: FakeRequest) => FakeReply | Promise<FakeReply>;

/** Answer with an HTTP error in the provider's own error shape. */
export interface StatusFault {
  status: number;
  /** Sent as `retry-after` (OpenAI also `retry-after-ms`; Gemini as a RetryInfo detail in the body). */
  retryAfterSeconds?: number;
  message?: string;
  /**
   * 'context_length_exceeded' produces each provider's own context-length error. Any other value
   * is used verbatim: OpenAI `error.code`, Anthropic `error.type`, Gemini `error.status`.
   */
  errorType?: string;
}
/** Extra delay before the response headers. */
export interface LatencyFault {
  latencyMs: number;
}
/** Stop sending after `afterChunks` stream events for `stallMs` (Infinity: until the client leaves), then go on. */
export interface StallFault {
  stallMs: number;
  afterChunks: number;
}
/** Destroy the socket after N stream events, without ending the response properly. */
export interface CutFault {
  cutAfterChunks: number;
}
/** After N stream events, send one event whose data is not valid JSON, then carry on. */
export interface MalformedFault {
  malformedAfterChunks: number;
}
/** After N stream events, send the provider's own in-stream error event and end the stream. */
export interface ErrorEventFault {
  errorEventAfterChunks: number;
  message?: string;
}
/** Never answer; the request stays open until the client leaves or the fake closes. */
export interface HangFault {
  hang: true;
}

export type Fault = StatusFault | LatencyFault | StallFault | CutFault | MalformedFault | ErrorEventFault | HangFault;

/** Chooses the fault for one chat request; `index` counts accepted chat requests from 0. */
export type FaultScript = (index: number, request: FakeRequest) => Fault | undefined;

export interface RecordedRequest {
  method: string;
  /** The URL path without the query. */
  path: string;
  query: Record<string, string>;
  headers: IncomingHttpHeaders;
  /** The parsed JSON body; the raw text when it was not JSON; undefined when empty. */
  body: unknown;
  model: string | undefined;
  stream: boolean;
  /** The index passed to the fault script; undefined for requests rejected before it (auth, validation, other routes). */
  index: number | undefined;
  fault: Fault | undefined;
  /** The status sent, once headers went out. */
  status: number | undefined;
  /** Stream events written (a non-streaming body counts as one). */
  chunksSent: number;
  /**
   * pending: still being answered; finished: fully written; aborted: the client went away first;
   * cut: the fake destroyed the socket (cut fault); closed: the fake was closed first.
   */
  outcome: 'pending' | 'finished' | 'aborted' | 'cut' | 'closed';
  /** True when the client went away before the response finished (same as outcome 'aborted'). */
  aborted: boolean;
}

export interface FakeProviderOptions {
  kind: FakeProviderKind;
  /** Default: the deterministic responder of `default-responder.ts`. */
  respond?: FakeResponder;
  faults?: FaultScript;
  /** Delay before the response headers, ms. Default 0. */
  latencyMs?: number;
  /** Delay between two stream events, ms. Default 0. */
  chunkDelayMs?: number;
  /** When set, requests must carry this key the provider's way, or get its 401/400/403. */
  apiKey?: string;
  /** When set, other model names get the provider's 404. */
  models?: string[];
  /** When set, prompts estimated above this many tokens get the provider's context-length error. */
  contextWindowTokens?: number;
  /** Keep every request in `requests` (default true). Benchmarks turn it off to keep memory flat. */
  record?: boolean;
  host?: string;
  port?: number;
}

export interface FakeProvider {
  readonly kind: FakeProviderKind;
  /** Base URL for Rung config, with the API version segment: `/v1` (OpenAI, Anthropic) or `/v1beta` (Gemini). */
  readonly url: string;
  /** `http://host:port`, without any path. */
  readonly origin: string;
  readonly requests: RecordedRequest[];
  /** Chat requests received since start or the last reset (also when recording is off). */
  readonly requestCount: number;
  setFaults(faults: FaultScript | undefined): void;
  /** Undefined restores the default responder. */
  setRespond(respond: FakeResponder | undefined): void;
  /** Clears the records and the request counter and restores the faults and responder given at start. */
  reset(): void;
  /** Resolves once no request is being answered. */
  whenIdle(): Promise<void>;
  close(): Promise<void>;
}
