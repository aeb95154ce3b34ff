// The client side of the demo: each workload item goes through the gateway with the official
// openai SDK, streaming or not, with tools when it has them, a fixed number at a time.
import OpenAI from 'openai';
import type { ChatCompletionCreateParamsBase } from 'openai/resources/chat/completions';
import type { ReceivedAnswer } from './simulated-quality.ts';
import type { WorkloadItem } from './workload.ts';

export interface ClientError {
  status: number | null;
  code: string | null;
  message: string;
}

export interface RequestOutcome {
  itemIndex: number;
  /** From the `x-rung-request-id` header; joins the outcome to its RequestRecord. */
  requestId: string | null;
  /** Null when the request failed (also a stream that ended in an error event). */
  answer: ReceivedAnswer | null;
  error: ClientError | null;
  /** Wall time seen by the client, ms. */
  latencyMs: number;
}

export function createDemoClient(baseURL: string, apiKey: string): OpenAI {
  // No SDK retries: every failure the gateway lets through should be visible to the demo.
  return new OpenAI({ apiKey, baseURL, maxRetries: 0, timeout: 60_000 });
}

export async function sendItem(client: OpenAI, item: WorkloadItem, model: string): Promise<RequestOutcome> {
  const started = performance.now();
  const body: ChatCompletionCreateParamsBase = {
    model,
    messages: [{ role: 'user', content: item.prompt }],
    ...(item.tools.length === 0
      ? {}
      : { tools: item.tools.map((tool) => ({ type: 'function' as const, function: { name: tool.name, description: tool.description, parameters: tool.parameters } })), tool_choice: 'auto' as const }),
  };
  let requestId: string | null = null;
  try {
    let answer: ReceivedAnswer;
    if (item.stream) {
      const { data: stream, response } = await client.chat.completions.create({ ...body, stream: true }).withResponse();
      requestId = response.headers.get('x-rung-request-id');
      answer = { text: '', toolCalls: [], finishReason: null };
      const calls: { name: string; arguments: string }[] = [];
      for await (const chunk of stream) {
        const choice = chunk.choices[0];
        if (choice === undefined) continue;
        answer.text += choice.delta.content ?? '';
        for (const delta of choice.delta.tool_calls ?? []) {
          const call = (calls[delta.index] ??= { name: '', arguments: '' });
          call.name += delta.function?.name ?? '';
          call.arguments += delta.function?.arguments ?? '';
        }
        if (choice.finish_reason !== null) answer.finishReason = choice.finish_reason;
      }
      answer.toolCalls = calls.filter((call) => call !== undefined);
    } else {
      const { data, response } = await client.chat.completions.create({ ...body, stream: false }).withResponse();
      requestId = response.headers.get('x-rung-request-id');
      const choice = data.choices[0];
      answer = {
        text: choice?.message.content ?? '',
        toolCalls: (choice?.message.tool_calls ?? []).flatMap((call) => (call.type === 'function' ? [{ name: call.function.name, arguments: call.function.arguments }] : [])),
        finishReason: choice?.finish_reason ?? null,
      };
    }
    return { itemIndex: item.index, requestId, answer, error: null, latencyMs: performance.now() - started };
  } catch (thrown) {
    const error = describeError(thrown);
    if (thrown instanceof OpenAI.APIError) requestId ??= thrown.headers?.get('x-rung-request-id') ?? null;
    return { itemIndex: item.index, requestId, answer: null, error, latencyMs: performance.now() - started };
  }
}

function describeError(thrown: unknown): ClientError {
  if (thrown instanceof OpenAI.APIError) {
    return { status: thrown.status ?? null, code: typeof thrown.code === 'string' ? thrown.code : null, message: thrown.message };
  }
  return { status: null, code: null, message: thrown instanceof Error ? thrown.message : String(thrown) };
}

/** Runs `task` over every item with at most `concurrency` in flight; results keep the items' order. */
export async function runPool<T, R>(items: readonly T[], concurrency: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const position = next;
      next += 1;
      results[position] = await task(items[position] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, () => worker()));
  return results;
}
