// The Google Gemini API adapter (generativelanguage.googleapis.com). `baseUrl` is the API root
// (e.g. `https://generativelanguage.googleapis.com`); the `/v1beta/models/...` path is added here.
import { emptyUsage, type ChatRequest, type ChatResult, type StreamEvent } from '../../chat/types.ts';
import { RungError } from '../../errors/rung-error.ts';
import { joinUrl } from '../join-url.ts';
import { ProviderHttp } from '../provider-http.ts';
import type { CallContext, ProviderAdapter, ProviderSettings, ProviderType } from '../spec.ts';
import { mapGeminiFinishReason } from './map-finish-reason.ts';
import { toGeminiRequestBody } from './request-body.ts';
import { readGeminiResponse, syntheticCallId } from './response.ts';
import { geminiStreamEvents } from './stream-events.ts';

export class GoogleAdapter implements ProviderAdapter {
  readonly providerId: string;
  readonly type: ProviderType = 'google';
  private readonly http: ProviderHttp;

  constructor(private readonly settings: ProviderSettings) {
    this.providerId = settings.id;
    // The key goes in a header, never in the `?key=` query string, so it stays out of URLs and logs.
    this.http = new ProviderHttp(settings, settings.apiKey === undefined || settings.apiKey === '' ? {} : { 'x-goog-api-key': settings.apiKey });
  }

  async doGenerate(request: ChatRequest, context: CallContext): Promise<ChatResult> {
    const json = await this.http.postForJson(this.modelUrl(request.model, 'generateContent'), toGeminiRequestBody(request), context);
    const response = readGeminiResponse(json, this.providerId);
    if (!response.hasCandidate || response.finishReason === undefined) {
      throw new RungError('malformed_response', `${this.providerId}: Gemini response without a finished candidate`, { provider: this.providerId });
    }
    const result: ChatResult = {
      content: response.text.length > 0 ? response.text : null,
      toolCalls: response.functionCalls.map((call, position) => ({ id: syntheticCallId(position), ...call })),
      finishReason: mapGeminiFinishReason(response.finishReason, response.functionCalls.length > 0),
      usage: response.usage ?? emptyUsage(),
    };
    if (response.responseId !== undefined) result.id = response.responseId;
    return result;
  }

  async doStream(request: ChatRequest, context: CallContext): Promise<AsyncIterable<StreamEvent>> {
    const url = this.modelUrl(request.model, 'streamGenerateContent');
    url.searchParams.set('alt', 'sse');
    const events = await this.http.postForEvents(url, toGeminiRequestBody(request), context);
    return geminiStreamEvents(events, { provider: this.providerId, secret: this.settings.apiKey });
  }

  close(): Promise<void> {
    return this.http.close();
  }

  private modelUrl(model: string, method: 'generateContent' | 'streamGenerateContent'): URL {
    // Model names may be given with Gemini's own `models/` prefix.
    const name = model.startsWith('models/') ? model.slice('models/'.length) : model;
    return joinUrl(this.settings.baseUrl, `v1beta/models/${encodeURIComponent(name)}:${method}`);
  }
}
