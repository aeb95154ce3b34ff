// Every way a body is rejected, each with the exact `param` path the client is told about.
import { describe, expect, it } from 'vitest';
import { parseChatCompletionBody } from '../../../src/gateway/openai-api/parse-chat-request.ts';
import { expectInvalid, fullBody, minimalBody, type Body } from './fixtures.ts';

type Messages = Record<string, unknown>[];

/** A full body with `change` applied; `messages` is typed for convenience. */
function changed(change: (body: Body, messages: Messages) => void): Body {
  const body = fullBody();
  change(body, body.messages as Messages);
  return body;
}

function withMessages(...messages: unknown[]): Body {
  return { model: 'm', messages };
}

const user = { role: 'user', content: 'q' };

describe('parseChatCompletionBody rejects', () => {
  it.each([null, 'text', 42, [], true])('a body that is not an object (%j) with param null', (body) => {
    const error = expectInvalid(() => parseChatCompletionBody(body), undefined);
    expect(error.toBody().error.param).toBeNull();
  });

  it.each<[string, Body, string]>([
    // Top level
    ['an unknown parameter, naming it', { ...minimalBody(), temprature: 1 }, 'temprature'],
    ['legacy functions', { ...minimalBody(), functions: [] }, 'functions'],
    ['legacy function_call', { ...minimalBody(), function_call: 'auto' }, 'function_call'],
    ['moderation', { ...minimalBody(), moderation: { model: 'x' } }, 'moderation'],
    ['a missing model', { messages: [user] }, 'model'],
    ['a numeric model', { model: 4, messages: [user] }, 'model'],
    ['an empty model', { model: '', messages: [user] }, 'model'],
    ['missing messages', { model: 'm' }, 'messages'],
    ['messages that are not an array', { model: 'm', messages: { role: 'user' } }, 'messages'],
    ['an empty messages array', { model: 'm', messages: [] }, 'messages'],
    ['a non-boolean stream', { ...minimalBody(), stream: 'yes' }, 'stream'],
    ['stream_options that is not an object', { ...minimalBody(), stream: true, stream_options: true }, 'stream_options'],
    ['a non-boolean include_usage', { ...minimalBody(), stream: true, stream_options: { include_usage: 1 } }, 'stream_options.include_usage'],
    ['temperature above 2', { ...minimalBody(), temperature: 2.01 }, 'temperature'],
    ['negative temperature', { ...minimalBody(), temperature: -0.1 }, 'temperature'],
    ['infinite temperature', { ...minimalBody(), temperature: Number.POSITIVE_INFINITY }, 'temperature'],
    ['string temperature', { ...minimalBody(), temperature: '0.5' }, 'temperature'],
    ['top_p above 1', { ...minimalBody(), top_p: 1.5 }, 'top_p'],
    ['zero max_tokens', { ...minimalBody(), max_tokens: 0 }, 'max_tokens'],
    ['fractional max_tokens', { ...minimalBody(), max_tokens: 10.5 }, 'max_tokens'],
    ['negative max_completion_tokens', { ...minimalBody(), max_completion_tokens: -3 }, 'max_completion_tokens'],
    ['a numeric stop', { ...minimalBody(), stop: 5 }, 'stop'],
    ['an empty stop string', { ...minimalBody(), stop: '' }, 'stop'],
    ['five stop sequences', { ...minimalBody(), stop: ['a', 'b', 'c', 'd', 'e'] }, 'stop'],
    ['a non-string stop entry', { ...minimalBody(), stop: ['a', 7] }, 'stop[1]'],
    ['a fractional seed', { ...minimalBody(), seed: 1.5 }, 'seed'],
    ['presence_penalty below -2', { ...minimalBody(), presence_penalty: -2.5 }, 'presence_penalty'],
    ['frequency_penalty above 2', { ...minimalBody(), frequency_penalty: 3 }, 'frequency_penalty'],
    ['a non-boolean parallel_tool_calls', { ...minimalBody(), parallel_tool_calls: 'no' }, 'parallel_tool_calls'],
    ['a non-boolean logprobs', { ...minimalBody(), logprobs: 'true' }, 'logprobs'],
    ['top_logprobs without logprobs', { ...minimalBody(), top_logprobs: 2 }, 'top_logprobs'],
    ['top_logprobs above 20', { ...minimalBody(), logprobs: true, top_logprobs: 21 }, 'top_logprobs'],
    ['a numeric user', { ...minimalBody(), user: 12 }, 'user'],
    ['n of 2', { ...minimalBody(), n: 2 }, 'n'],
    ['n of 0', { ...minimalBody(), n: 0 }, 'n'],
    ['a string n', { ...minimalBody(), n: '1' }, 'n'],
    ['a non-empty logit_bias', { ...minimalBody(), logit_bias: { '50256': -100 } }, 'logit_bias'],
    ['metadata that is an array', { ...minimalBody(), metadata: ['a'] }, 'metadata'],
    ['a non-string metadata value', { ...minimalBody(), metadata: { team: 1 } }, 'metadata.team'],
    ['17 metadata keys', { ...minimalBody(), metadata: Object.fromEntries(Array.from({ length: 17 }, (_, i) => [`k${i}`, 'v'])) }, 'metadata'],
    ['a metadata key over 64 characters', { ...minimalBody(), metadata: { ['k'.repeat(65)]: 'v' } }, 'metadata'],
    ['a metadata value over 512 characters', { ...minimalBody(), metadata: { k: 'v'.repeat(513) } }, 'metadata.k'],
  ])('%s', (_name, body, param) => {
    expectInvalid(() => parseChatCompletionBody(body), param);
  });

  it.each<[string, Body, string]>([
    ['a message that is not an object', withMessages(user, 'hello'), 'messages[1]'],
    ['a message without role', withMessages({ content: 'x' }), 'messages[0].role'],
    ['an unknown role', withMessages({ role: 'robot', content: 'x' }), 'messages[0].role'],
    ['a numeric role', withMessages({ role: 3, content: 'x' }), 'messages[0].role'],
    ['the legacy function role', withMessages(user, { role: 'function', name: 'f', content: 'x' }), 'messages[1].role'],
    ['a system message without content', withMessages({ role: 'system' }), 'messages[0].content'],
    ['a system message with numeric content', withMessages({ role: 'system', content: 1 }), 'messages[0].content'],
    ['a system message with an empty parts array', withMessages({ role: 'system', content: [] }), 'messages[0].content'],
    ['a developer image part', withMessages({ role: 'developer', content: [{ type: 'image_url', image_url: { url: 'https://x' } }] }), 'messages[0].content[0].type'],
    ['a system text part without text', withMessages({ role: 'system', content: [{ type: 'text' }] }), 'messages[0].content[0].text'],
    ['a user message without content', withMessages({ role: 'user' }), 'messages[0].content'],
    ['a user message with object content', withMessages({ role: 'user', content: { text: 'x' } }), 'messages[0].content'],
    ['a user message with an empty parts array', withMessages({ role: 'user', content: [] }), 'messages[0].content'],
    ['a user part that is a string', withMessages({ role: 'user', content: ['x'] }), 'messages[0].content[0]'],
    ['a user part of unknown type', withMessages({ role: 'user', content: [{ type: 'video', url: 'x' }] }), 'messages[0].content[0].type'],
    ['a user part without type', withMessages({ role: 'user', content: [{ text: 'x' }] }), 'messages[0].content[0].type'],
    ['an audio part', withMessages({ role: 'user', content: [{ type: 'input_audio', input_audio: { data: '', format: 'wav' } }] }), 'messages[0].content[0].type'],
    ['a file part', withMessages({ role: 'user', content: [{ type: 'file', file: { file_id: 'f' } }] }), 'messages[0].content[0].type'],
    ['a text part with numeric text', withMessages({ role: 'user', content: [{ type: 'text', text: 1 }] }), 'messages[0].content[0].text'],
    ['an image part without image_url', withMessages({ role: 'user', content: [{ type: 'image_url' }] }), 'messages[0].content[0].image_url'],
    ['an image part without url', withMessages({ role: 'user', content: [{ type: 'image_url', image_url: {} }] }), 'messages[0].content[0].image_url.url'],
    ['an image url that is not http or data', withMessages({ role: 'user', content: [{ type: 'image_url', image_url: { url: 'ftp://x/y.png' } }] }), 'messages[0].content[0].image_url.url'],
    ['an unknown image detail', withMessages({ role: 'user', content: [{ type: 'image_url', image_url: { url: 'https://x', detail: 'max' } }] }), 'messages[0].content[0].image_url.detail'],
    ['a numeric user name', withMessages({ role: 'user', content: 'x', name: 5 }), 'messages[0].name'],
    ['an assistant message with neither content nor tool calls', withMessages(user, { role: 'assistant' }), 'messages[1].content'],
    ['an assistant message with numeric content', withMessages(user, { role: 'assistant', content: 5 }), 'messages[1].content'],
    ['an assistant image part', withMessages(user, { role: 'assistant', content: [{ type: 'image_url', image_url: { url: 'https://x' } }] }), 'messages[1].content[0].type'],
    ['an assistant refusal part without text', withMessages(user, { role: 'assistant', content: [{ type: 'refusal' }] }), 'messages[1].content[0].refusal'],
    ['a legacy assistant function_call', withMessages(user, { role: 'assistant', content: null, function_call: { name: 'f', arguments: '{}' } }), 'messages[1].function_call'],
    ['tool_calls that is not an array', withMessages(user, { role: 'assistant', content: null, tool_calls: {} }), 'messages[1].tool_calls'],
  ])('%s', (_name, body, param) => {
    expectInvalid(() => parseChatCompletionBody(body), param);
  });

  it.each<[string, (body: Body, messages: Messages) => void, string]>([
    ['a tool call without id', (_b, m) => delete toolCallOf(m).id, 'messages[3].tool_calls[0].id'],
    ['a tool call with an empty id', (_b, m) => (toolCallOf(m).id = ''), 'messages[3].tool_calls[0].id'],
    ['a tool call of another type', (_b, m) => (toolCallOf(m).type = 'custom'), 'messages[3].tool_calls[0].type'],
    ['a tool call without type', (_b, m) => delete toolCallOf(m).type, 'messages[3].tool_calls[0].type'],
    ['a tool call without function', (_b, m) => delete toolCallOf(m).function, 'messages[3].tool_calls[0].function'],
    ['a tool call with a string function', (_b, m) => (toolCallOf(m).function = 'f'), 'messages[3].tool_calls[0].function'],
    ['a tool call without a name', (_b, m) => delete functionOf(toolCallOf(m)).name, 'messages[3].tool_calls[0].function.name'],
    ['a tool call with an object for arguments', (_b, m) => (functionOf(toolCallOf(m)).arguments = { city: 'Oslo' }), 'messages[3].tool_calls[0].function.arguments'],
    ['a tool message without tool_call_id', (_b, m) => delete m[4]?.tool_call_id, 'messages[4].tool_call_id'],
    ['a tool message answering an unknown call', (_b, m) => (m[4] = { role: 'tool', tool_call_id: 'call_404', content: 'x' }), 'messages[4].tool_call_id'],
    ['a tool message before the call it answers', (_b, m) => m.splice(3, 2, m[4] as Body, m[3] as Body), 'messages[3].tool_call_id'],
    ['a tool message without content', (_b, m) => delete m[4]?.content, 'messages[4].content'],
    ['a tool message with an image part', (_b, m) => (m[4] = { role: 'tool', tool_call_id: 'call_1', content: [{ type: 'image_url' }] }), 'messages[4].content[0].type'],
    // Tools
    ['tools that is an object', (b) => (b.tools = {}), 'tools'],
    ['a tool that is a string', (b) => (b.tools = ['get_weather']), 'tools[0]'],
    ['a tool of type custom', (b) => (toolOf(b).type = 'custom'), 'tools[0].type'],
    ['a tool without type', (b) => delete toolOf(b).type, 'tools[0].type'],
    ['a tool without function', (b) => delete toolOf(b).function, 'tools[0].function'],
    ['a tool without a name', (b) => delete functionOf(toolOf(b)).name, 'tools[0].function.name'],
    ['a tool name with a space', (b) => (functionOf(toolOf(b)).name = 'get weather'), 'tools[0].function.name'],
    ['a tool name of 65 characters', (b) => (functionOf(toolOf(b)).name = 'a'.repeat(65)), 'tools[0].function.name'],
    ['an empty tool name', (b) => (functionOf(toolOf(b)).name = ''), 'tools[0].function.name'],
    ['a numeric tool description', (b) => (functionOf(toolOf(b)).description = 1), 'tools[0].function.description'],
    ['tool parameters that are an array', (b) => (functionOf(toolOf(b)).parameters = []), 'tools[0].function.parameters'],
    ['a string tool strict flag', (b) => (functionOf(toolOf(b)).strict = 'true'), 'tools[0].function.strict'],
    ['two tools with one name', (b) => (b.tools = [toolOf(b), toolOf(b)]), 'tools[1].function.name'],
    ['129 tools', (b) => (b.tools = Array.from({ length: 129 }, (_, i) => ({ type: 'function', function: { name: `t${i}` } }))), 'tools'],
    // Tool choice
    ['an unknown tool_choice string', (b) => (b.tool_choice = 'any'), 'tool_choice'],
    ['a numeric tool_choice', (b) => (b.tool_choice = 1), 'tool_choice'],
    ["tool_choice 'required' without tools", (b) => { delete b.tools; b.tool_choice = 'required'; }, 'tool_choice'],
    ['a tool_choice naming a tool not in tools', (b) => (b.tool_choice = { type: 'function', function: { name: 'other' } }), 'tool_choice.function.name'],
    ['a named tool_choice without tools', (b) => delete b.tools, 'tool_choice.function.name'],
    ['a tool_choice of type allowed_tools', (b) => (b.tool_choice = { type: 'allowed_tools', allowed_tools: {} }), 'tool_choice.type'],
    ['a tool_choice without type', (b) => (b.tool_choice = { function: { name: 'get_weather' } }), 'tool_choice.type'],
    ['a tool_choice without function', (b) => (b.tool_choice = { type: 'function' }), 'tool_choice.function'],
    ['a tool_choice with a numeric name', (b) => (b.tool_choice = { type: 'function', function: { name: 1 } }), 'tool_choice.function.name'],
    // Response format
    ['a string response_format', (b) => (b.response_format = 'json'), 'response_format'],
    ['a response_format without type', (b) => (b.response_format = {}), 'response_format.type'],
    ['an unknown response_format type', (b) => (b.response_format = { type: 'yaml' }), 'response_format.type'],
    ['json_schema without json_schema', (b) => (b.response_format = { type: 'json_schema' }), 'response_format.json_schema'],
    ['json_schema without a name', (b) => (b.response_format = { type: 'json_schema', json_schema: { schema: {} } }), 'response_format.json_schema.name'],
    ['json_schema with a bad name', (b) => (b.response_format = { type: 'json_schema', json_schema: { name: 'a b', schema: {} } }), 'response_format.json_schema.name'],
    ['json_schema without a schema', (b) => (b.response_format = { type: 'json_schema', json_schema: { name: 'a' } }), 'response_format.json_schema.schema'],
    ['json_schema with a string schema', (b) => (b.response_format = { type: 'json_schema', json_schema: { name: 'a', schema: '{}' } }), 'response_format.json_schema.schema'],
    ['json_schema with a string strict', (b) => (b.response_format = { type: 'json_schema', json_schema: { name: 'a', schema: {}, strict: 'yes' } }), 'response_format.json_schema.strict'],
    ['json_schema with a numeric description', (b) => (b.response_format = { type: 'json_schema', json_schema: { name: 'a', schema: {}, description: 2 } }), 'response_format.json_schema.description'],
  ])('%s', (_name, change, param) => {
    expectInvalid(() => parseChatCompletionBody(changed(change)), param);
  });

  it('explains that only one choice is returned when n > 1', () => {
    const error = expectInvalid(() => parseChatCompletionBody({ ...minimalBody(), n: 3 }), 'n');
    expect(error.message).toMatch(/one choice/);
  });

  it('names an unknown parameter in the message too', () => {
    expect(expectInvalid(() => parseChatCompletionBody({ ...minimalBody(), foo_bar: 1 }), 'foo_bar').message).toContain("'foo_bar'");
  });

  it('cuts a huge echoed value short in the message', () => {
    const error = expectInvalid(() => parseChatCompletionBody(withMessages({ role: 'x'.repeat(10_000), content: 'y' })), 'messages[0].role');
    expect(error.message.length).toBeLessThan(300);
  });
});

function toolCallOf(messages: Messages): Body {
  return (messages[3]?.tool_calls as Body[])[0] as Body;
}

function toolOf(body: Body): Body {
  return (body.tools as Body[])[0] as Body;
}

function functionOf(holder: Body): Body {
  return holder.function as Body;
}
