// Anthropic Messages response → ChatResult. Text blocks are concatenated; tool_use blocks become
// tool calls with their `input` re-serialised as the JSON arguments text; other block types
// (thinking, server tools) are not part of the internal shape and are skipped.
import { z } from 'zod';
import type { ChatResult, ToolCall } from '../../chat/types.ts';
import { RungError } from '../../errors/rung-error.ts';
import { mapAnthropicStopReason } from './map-stop-reason.ts';
import { AnthropicUsageSchema, anthropicPromptTokens, toUsage } from './usage.ts';

const TextBlockSchema = z.object({ type: z.literal('text'), text: z.string() });
const ToolUseBlockSchema = z.object({ type: z.literal('tool_use'), id: z.string(), name: z.string(), input: z.unknown() });

const ResponseSchema = z.object({
  id: z.string().nullish(),
  content: z.array(z.object({ type: z.string() }).loose()),
  stop_reason: z.string().nullish(),
  usage: AnthropicUsageSchema,
});

function malformed(provider: string, detail: string): RungError {
  return new RungError('malformed_response', `${provider}: malformed Anthropic message (${detail})`, { provider });
}

export function fromAnthropicResponse(body: unknown, provider: string): ChatResult {
  const parsed = ResponseSchema.safeParse(body);
  if (!parsed.success) throw malformed(provider, parsed.error.issues[0]?.path.join('.') || 'body');
  const { id, content, stop_reason: stopReason, usage } = parsed.data;
  let text: string | null = null;
  const toolCalls: ToolCall[] = [];
  content.forEach((block, index) => {
    if (block.type === 'text') {
      const textBlock = TextBlockSchema.safeParse(block);
      if (!textBlock.success) throw malformed(provider, `content.${index}.text`);
      text = (text ?? '') + textBlock.data.text;
    } else if (block.type === 'tool_use') {
      const toolUse = ToolUseBlockSchema.safeParse(block);
      if (!toolUse.success) throw malformed(provider, `content.${index}`);
      toolCalls.push({ id: toolUse.data.id, name: toolUse.data.name, arguments: JSON.stringify(toolUse.data.input ?? {}) });
    }
  });
  const result: ChatResult = {
    content: text,
    toolCalls,
    finishReason: mapAnthropicStopReason(stopReason),
    usage: toUsage(anthropicPromptTokens(usage), usage.output_tokens ?? 0),
  };
  if (typeof id === 'string') result.id = id;
  return result;
}
