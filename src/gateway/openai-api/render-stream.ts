// Renders internal stream events as the Server-Sent Events of an OpenAI
// `chat.completion.chunk` stream. One renderer per response: it remembers which tool-call indexes
// were already announced, because OpenAI clients build each tool call by concatenating deltas and
// expect `id`, `type` and `function.name` exactly once per index.
//
// The fields every chunk shares (id, object, created, model) are serialised once in the
// constructor; each chunk then costs string concatenation plus at most one JSON.stringify of the
// part that varies.
import { emptyUsage, type FinishReason, type StreamEvent, type Usage } from '../../chat/types.ts';
import type { RungError } from '../../errors/rung-error.ts';
import { renderLogprobs, renderUsage } from './render-completion.ts';

export interface ChunkRendererOptions {
  /** The gateway's response id (`chatcmpl-...`), the same on every chunk. */
  id: string;
  /** The model name reported to the client. */
  model: string;
  /** Unix time in whole seconds. */
  created: number;
  /** `stream_options.include_usage`: add `"usage":null` to every chunk and a final usage chunk. */
  includeUsage: boolean;
}

const ANNOUNCED = 1;
const NAMED = 2;

export class ChunkRenderer {
  readonly #head: string;
  readonly #tail: string;
  readonly #includeUsage: boolean;
  readonly #responseId: string;
  /** Per tool-call index: ANNOUNCED once id and type were sent, NAMED once the name was. */
  readonly #toolCallState = new Map<number, number>();
  #finished = false;

  constructor(options: ChunkRendererOptions) {
    this.#head =
      `data: {"id":${JSON.stringify(options.id)},"object":"chat.completion.chunk","created":${Math.floor(options.created)},` +
      `"model":${JSON.stringify(options.model)},"system_fingerprint":null,"choices":[`;
    this.#tail = options.includeUsage ? '],"usage":null}\n\n' : ']}\n\n';
    this.#includeUsage = options.includeUsage;
    this.#responseId = options.id;
  }

  /** The first chunk, sent before any upstream event: it carries the assistant role. */
  start(): string {
    return this.#chunk('{"role":"assistant","content":""}', 'null', 'null');
  }

  /**
   * The SSE text for one event. A `finish` event yields the finish chunk and, with includeUsage,
   * the usage chunk after it. Events after `finish` break the stream contract and render nothing,
   * so a client never sees a delta after the chunk it treats as final.
   */
  render(event: StreamEvent): string {
    if (this.#finished) return '';
    switch (event.type) {
      case 'text-delta':
        return this.#chunk(`{"content":${JSON.stringify(event.text)}}`, 'null', 'null');
      case 'tool-call-delta':
        return this.#chunk(this.#toolCallDelta(event), 'null', 'null');
      case 'logprobs':
        return this.#chunk('{}', JSON.stringify(renderLogprobs(event.logprobs)), 'null');
      case 'finish':
        this.#finished = true;
        return this.#finish(event.finishReason, event.usage);
    }
  }

  /** The stream terminator, sent after the finish (and usage) chunk of a successful stream. */
  done(): string {
    return 'data: [DONE]\n\n';
  }

  /** Same as the module function; here for callers that only hold the renderer. */
  renderStreamError(error: RungError): string {
    return renderStreamError(error);
  }

  #chunk(delta: string, logprobs: string, finishReason: string): string {
    return `${this.#head}{"index":0,"delta":${delta},"logprobs":${logprobs},"finish_reason":${finishReason}}${this.#tail}`;
  }

  #toolCallDelta(event: Extract<StreamEvent, { type: 'tool-call-delta' }>): string {
    const state = this.#toolCallState.get(event.index) ?? 0;
    let call = `{"index":${event.index}`;
    if ((state & ANNOUNCED) === 0) {
      // Clients need an id to send the tool result back; an adapter that had none still gets a unique one.
      const id = event.id ?? `call_${event.index}_${this.#responseId}`;
      call += `,"id":${JSON.stringify(id)},"type":"function"`;
    }
    let fn = '';
    if ((state & NAMED) === 0 && event.name !== undefined) fn = `"name":${JSON.stringify(event.name)},`;
    call += `,"function":{${fn}"arguments":${JSON.stringify(event.argumentsDelta)}}}`;
    this.#toolCallState.set(event.index, state | ANNOUNCED | (event.name === undefined ? 0 : NAMED));
    return `{"tool_calls":[${call}]}`;
  }

  #finish(finishReason: FinishReason, usage: Usage | undefined): string {
    const finishChunk = this.#chunk('{}', 'null', `"${finishReason}"`);
    if (!this.#includeUsage) return finishChunk;
    // The gateway fills `usage` in before rendering when the provider sent none; zeros are the last resort.
    const usageJson = JSON.stringify(renderUsage(usage ?? emptyUsage()));
    return `${finishChunk}${this.#head}],"usage":${usageJson}}\n\n`;
  }
}

/** OpenAI's in-stream error event. The gateway ends the stream after it, without `[DONE]`. */
export function renderStreamError(error: RungError): string {
  return `data: ${JSON.stringify(error.toBody())}\n\n`;
}
