// Anthropic SSE → StreamEvents. The stream is a sequence of typed events:
//   message_start (input tokens) → per content block: content_block_start, content_block_delta*,
//   content_block_stop → message_delta (stop_reason, output tokens) → message_stop; `ping` anywhere,
//   `error` anywhere (after the 200, so it ends the call with a typed error).
// Tool-call indexes count tool calls only (0, 1, ...), not content blocks, as the internal
// shape and OpenAI clients expect; a map from block index to tool index keeps them apart.
import { z } from 'zod';
import type { FinishReason, StreamEvent } from '../../chat/types.ts';
import { RungError } from '../../errors/rung-error.ts';
import { parseJsonOrThrow } from '../provider-http.ts';
import type { StreamSource } from '../stream-support.ts';
import type { SseEvent } from '../transport/sse-parser.ts';
import { anthropicStreamError } from './errors.ts';
import { mapAnthropicStopReason } from './map-stop-reason.ts';
import { AnthropicUsageSchema, anthropicPromptTokens, toUsage } from './usage.ts';

const TypedSchema = z.object({ type: z.string() });
const MessageStartSchema = z.object({ message: z.object({ usage: AnthropicUsageSchema.nullish() }) });
const BlockStartSchema = z.object({
  index: z.number(),
  content_block: z.object({ type: z.string(), text: z.string().nullish(), id: z.string().nullish(), name: z.string().nullish() }),
});
const BlockDeltaSchema = z.object({
  index: z.number(),
  delta: z.object({ type: z.string(), text: z.string().nullish(), partial_json: z.string().nullish() }),
});
const MessageDeltaSchema = z.object({
  delta: z.object({ stop_reason: z.string().nullish() }).nullish(),
  usage: AnthropicUsageSchema.nullish(),
});

class AnthropicStreamState {
  promptTokens = 0;
  completionTokens = 0;
  stopReason: FinishReason | undefined;
  private readonly toolIndexByBlock = new Map<number, number>();

  constructor(private readonly provider: string) {}

  /** Events for one parsed SSE payload; `true` in `done` once message_stop arrived. */
  handle(payload: unknown): { events: StreamEvent[]; done: boolean } {
    const type = this.parse(TypedSchema, payload).type;
    switch (type) {
      case 'message_start': {
        const usage = this.parse(MessageStartSchema, payload).message.usage;
        if (usage) {
          this.promptTokens = anthropicPromptTokens(usage);
          this.completionTokens = usage.output_tokens ?? 0;
        }
        return { events: [], done: false };
      }
      case 'content_block_start':
        return { events: this.blockStart(this.parse(BlockStartSchema, payload)), done: false };
      case 'content_block_delta':
        return { events: this.blockDelta(this.parse(BlockDeltaSchema, payload)), done: false };
      case 'message_delta': {
        const { delta, usage } = this.parse(MessageDeltaSchema, payload);
        if (typeof delta?.stop_reason === 'string') this.stopReason = mapAnthropicStopReason(delta.stop_reason);
        // output_tokens here is the running total, not an increment.
        if (typeof usage?.output_tokens === 'number') this.completionTokens = usage.output_tokens;
        if (typeof usage?.input_tokens === 'number') this.promptTokens = anthropicPromptTokens(usage);
        return { events: [], done: false };
      }
      case 'message_stop':
        return { events: [this.finish()], done: true };
      default:
        // ping, content_block_stop and event types added later carry nothing Rung needs.
        return { events: [], done: false };
    }
  }

  finish(): StreamEvent {
    return {
      type: 'finish',
      finishReason: this.stopReason ?? 'stop',
      usage: toUsage(this.promptTokens, this.completionTokens),
    };
  }

  private blockStart(event: z.infer<typeof BlockStartSchema>): StreamEvent[] {
    const block = event.content_block;
    if (block.type === 'tool_use') {
      if (typeof block.id !== 'string' || typeof block.name !== 'string') throw this.malformed('tool_use block without id or name');
      const toolIndex = this.toolIndexByBlock.size;
      this.toolIndexByBlock.set(event.index, toolIndex);
      return [{ type: 'tool-call-delta', index: toolIndex, id: block.id, name: block.name, argumentsDelta: '' }];
    }
    if (block.type === 'text' && typeof block.text === 'string' && block.text.length > 0) {
      return [{ type: 'text-delta', text: block.text }];
    }
    return [];
  }

  private blockDelta(event: z.infer<typeof BlockDeltaSchema>): StreamEvent[] {
    const { delta } = event;
    if (delta.type === 'text_delta') {
      return typeof delta.text === 'string' && delta.text.length > 0 ? [{ type: 'text-delta', text: delta.text }] : [];
    }
    if (delta.type === 'input_json_delta') {
      const toolIndex = this.toolIndexByBlock.get(event.index);
      if (toolIndex === undefined) throw this.malformed(`input_json_delta for block ${event.index}, which is not a tool_use block`);
      const text = delta.partial_json ?? '';
      return text.length > 0 ? [{ type: 'tool-call-delta', index: toolIndex, argumentsDelta: text }] : [];
    }
    // thinking_delta, signature_delta, citations_delta: not part of the internal shape.
    return [];
  }

  private parse<T>(schema: z.ZodType<T>, payload: unknown): T {
    const parsed = schema.safeParse(payload);
    if (!parsed.success) throw this.malformed(`event field ${parsed.error.issues[0]?.path.join('.') || 'type'}`);
    return parsed.data;
  }

  private malformed(detail: string): RungError {
    return new RungError('malformed_response', `${this.provider}: malformed stream event (${detail})`, { provider: this.provider });
  }
}

export async function* anthropicStreamEvents(events: AsyncIterable<SseEvent>, source: StreamSource): AsyncGenerator<StreamEvent, void, undefined> {
  const { provider } = source;
  const state = new AnthropicStreamState(provider);
  let finished = false;
  try {
    for await (const event of events) {
      if (finished) continue;
      const payload = parseJsonOrThrow(event.data, provider, 'stream event');
      if (event.event === 'error' || (payload as { type?: unknown } | null)?.type === 'error') {
        throw anthropicStreamError(payload, provider, source.secret);
      }
      const { events: streamEvents, done } = state.handle(payload);
      finished = done;
      yield* streamEvents;
    }
  } catch (error) {
    if (!finished) throw error;
    // The message was complete; a failure while draining the rest of the body does not matter.
    return;
  }
  if (finished) return;
  // message_delta carried the stop reason but message_stop never came: the answer is complete.
  if (state.stopReason !== undefined) {
    yield state.finish();
    return;
  }
  throw new RungError('connection', `${provider}: stream ended before message_stop`, { provider });
}
