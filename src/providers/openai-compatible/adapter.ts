// The adapter for OpenAI and every server that speaks its Chat Completions API (vLLM, Ollama,
// llama.cpp, LM Studio, Together, Groq, ...). `baseUrl` includes the version, e.g. `.../v1`.
import { fromOpenAIResponse } from '../../chat/openai-wire/from-response.ts';
import { toOpenAIRequestBody } from '../../chat/openai-wire/to-request-body.ts';
import type { ChatRequest, ChatResult, StreamEvent } from '../../chat/types.ts';
import { joinUrl } from '../join-url.ts';
import { ProviderHttp } from '../provider-http.ts';
import type { CallContext, ProviderAdapter, ProviderSettings, ProviderType } from '../spec.ts';
import { openAIStreamEvents } from './stream-events.ts';

export class OpenAICompatibleAdapter implements ProviderAdapter {
  readonly providerId: string;
  readonly type: ProviderType;
  private readonly http: ProviderHttp;
  private readonly url: URL;
  private readonly authHeaders: Record<string, string>;

  constructor(private readonly settings: ProviderSettings) {
    this.providerId = settings.id;
    this.type = settings.type;
    this.http = new ProviderHttp(settings);
    this.url = joinUrl(settings.baseUrl, 'chat/completions');
    // Local servers usually run without a key; send no Authorization header then.
    this.authHeaders = settings.apiKey === undefined || settings.apiKey === '' ? {} : { authorization: `Bearer ${settings.apiKey}` };
  }

  async doGenerate(request: ChatRequest, context: CallContext): Promise<ChatResult> {
    const body = toOpenAIRequestBody({ ...request, stream: false });
    const json = await this.http.postForJson(this.url, this.authHeaders, body, context);
    return fromOpenAIResponse(json, { provider: this.providerId });
  }

  async doStream(request: ChatRequest, context: CallContext): Promise<AsyncIterable<StreamEvent>> {
    const body = toOpenAIRequestBody({ ...request, stream: true });
    const events = await this.http.postForEvents(this.url, this.authHeaders, body, context);
    return openAIStreamEvents(events, { provider: this.providerId, secret: this.settings.apiKey });
  }

  close(): Promise<void> {
    return this.http.close();
  }
}
