// Internal ChatRequest → Gemini generateContent request body.
import type { ChatRequest, ToolChoice, ToolDefinition } from '../../chat/types.ts';
import { toGeminiConversation } from './convert-messages.ts';
import { toGeminiSchema } from './convert-schema.ts';
import type { GeminiFunctionDeclaration, GeminiGenerationConfig, GeminiRequestBody } from './wire-types.ts';

function toFunctionDeclaration(tool: ToolDefinition): GeminiFunctionDeclaration {
  const declaration: GeminiFunctionDeclaration = { name: tool.name };
  if (tool.description !== undefined) declaration.description = tool.description;
  const parameters = tool.parameters === undefined ? undefined : toGeminiSchema(tool.parameters);
  // Gemini rejects an OBJECT schema with no properties; a function without arguments omits it.
  const properties = parameters?.properties;
  const hasProperties = typeof properties === 'object' && properties !== null && Object.keys(properties).length > 0;
  if (parameters !== undefined && hasProperties) declaration.parameters = parameters;
  return declaration;
}

function toFunctionCallingConfig(choice: ToolChoice): NonNullable<GeminiRequestBody['toolConfig']>['functionCallingConfig'] {
  if (choice === 'auto') return { mode: 'AUTO' };
  if (choice === 'none') return { mode: 'NONE' };
  if (choice === 'required') return { mode: 'ANY' };
  return { mode: 'ANY', allowedFunctionNames: [choice.name] };
}

function toGenerationConfig(request: ChatRequest): GeminiGenerationConfig | undefined {
  const config: GeminiGenerationConfig = {};
  if (request.temperature !== undefined) config.temperature = request.temperature;
  if (request.topP !== undefined) config.topP = request.topP;
  if (request.maxTokens !== undefined) config.maxOutputTokens = request.maxTokens;
  if (request.stop !== undefined && request.stop.length > 0) config.stopSequences = request.stop;
  if (request.seed !== undefined) config.seed = request.seed;
  if (request.presencePenalty !== undefined) config.presencePenalty = request.presencePenalty;
  if (request.frequencyPenalty !== undefined) config.frequencyPenalty = request.frequencyPenalty;
  const format = request.responseFormat;
  if (format?.type === 'json_object' || format?.type === 'json_schema') config.responseMimeType = 'application/json';
  if (format?.type === 'json_schema') config.responseSchema = toGeminiSchema(format.schema);
  // logprobs are supported by few Gemini models and are not requested.
  return Object.keys(config).length === 0 ? undefined : config;
}

export function toGeminiRequestBody(request: ChatRequest): GeminiRequestBody {
  const conversation = toGeminiConversation(request.messages);
  const body: GeminiRequestBody = { contents: conversation.contents };
  if (conversation.systemInstruction !== undefined) body.systemInstruction = conversation.systemInstruction;
  const generationConfig = toGenerationConfig(request);
  if (generationConfig !== undefined) body.generationConfig = generationConfig;
  const tools = request.tools ?? [];
  if (tools.length > 0) {
    body.tools = [{ functionDeclarations: tools.map(toFunctionDeclaration) }];
    if (request.toolChoice !== undefined) body.toolConfig = { functionCallingConfig: toFunctionCallingConfig(request.toolChoice) };
  }
  return body;
}
