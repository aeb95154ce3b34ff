// The state a whole OpenAI stream needs: finish_reason and usage usually arrive in different
// chunks (usage last, with `choices: []`), yet consumers must see exactly one `finish`, carrying
// both. So deltas pass through at once and the finish is held until the stream ends.
import type { FinishReason, StreamEvent, Usage } from '../types.ts';
import { parseOpenAIChunk } from './from-chunk.ts';
import type { WireErrorSource } from './from-response.ts';

export class OpenAIStreamDecoder {
  private finishReason: FinishReason | undefined;
  private usage: Usage | undefined;

  constructor(private readonly source: WireErrorSource = {}) {}

  /** The deltas of one parsed chunk; remembers its finish reason and usage. */
  push(chunk: unknown): StreamEvent[] {
    const parts = parseOpenAIChunk(chunk, this.source);
    if (parts.finishReason !== undefined && this.finishReason === undefined) this.finishReason = parts.finishReason;
    if (parts.usage !== undefined) this.usage = parts.usage;
    return parts.deltas;
  }

  /** Whether a finish_reason has been seen. */
  get hasFinishReason(): boolean {
    return this.finishReason !== undefined;
  }

  /**
   * The single finish event. `streamCompleted` says the server ended the stream properly
   * (`data: [DONE]`); then a missing finish_reason reads as `stop`. Returns undefined when the
   * stream neither completed nor gave a finish reason, that is when it was cut.
   */
  finish(streamCompleted: boolean): StreamEvent | undefined {
    const finishReason = this.finishReason ?? (streamCompleted ? 'stop' : undefined);
    if (finishReason === undefined) return undefined;
    return this.usage === undefined ? { type: 'finish', finishReason } : { type: 'finish', finishReason, usage: this.usage };
  }
}
