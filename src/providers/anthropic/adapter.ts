// The Anthropic Messages API adapter. `baseUrl` is the API root without a version
// (e.g. `https://api.anthropic.com`); the path `/v1/messages` is added here.
import type { ChatRequest, ChatResult, StreamEvent } from '../../chat/types.ts';
import { DEFAULTS } from '../../config/defaults.ts';
import { joinUrl } from '../join-url.ts';
import { ProviderHttp } from '../provider-http.ts';
import type { CallContext, ProviderAdapter, ProviderSettings, ProviderType } from '../spec.ts';
import { toAnthropicRequestBody } from './request-body.ts';
import { fromAnthropicResponse } from './response.ts';
import { anthropicStreamEvents } from './stream-events.ts';

export class AnthropicAdapter implements ProviderAdapter {
  readonly providerId: string;
  readonly type: ProviderType = 'anthropic';
  private readonly http: ProviderHttp;
  private readonly url: URL;

  constructor(private readonly settings: ProviderSettings) {
    this.providerId = settings.id;
    const headers: Record<string, string> = { 'anthropic-version': settings.apiVersion ?? DEFAULTS.provider.anthropicVersion };
    if (settings.apiKey !== undefined && settings.apiKey !== '') headers['x-api-key'] = settings.apiKey;
    this.http = new ProviderHttp(settings, headers);
    this.url = joinUrl(settings.baseUrl, 'v1/messages');
  }

  async doGenerate(request: ChatRequest, context: CallContext): Promise<ChatResult> {
    const body = toAnthropicRequestBody({ ...request, stream: false });
    const json = await this.http.postForJson(this.url, body, context);
    return fromAnthropicResponse(json, this.providerId);
  }

  async doStream(request: ChatRequest, context: CallContext): Promise<AsyncIterable<StreamEvent>> {
    const body = toAnthropicRequestBody({ ...request, stream: true });
    const events = await this.http.postForEvents(this.url, body, context);
    return anthropicStreamEvents(events, { provider: this.providerId, secret: this.settings.apiKey });
  }

  close(): Promise<void> {
    return this.http.close();
  }
}
