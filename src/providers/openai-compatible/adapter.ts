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

  constructor(private readonly settings: ProviderSettings) {
    this.providerId = settings.id;
    this.type = settings.type;
    // Local servers usually run without a key; send no Authorization header then.
    this.http = new ProviderHttp(settings, settings.apiKey === undefined || settings.apiKey === '' ? {} : { authorization: `Bearer ${settings.apiKey}` });
    this.url = joinUrl(settings.baseUrl, 'chat/completions');
  }

  async doGenerate(request: ChatRequest, context: CallContext): Promise<ChatResult> {
    const body = toOpenAIRequestBody({ ...request, stream: false });
    const json = await this.http.postForJson(this.url, body, context);
    return fromOpenAIResponse(json, { provider: this.providerId });
  }

  async doStream(request: ChatRequest, context: CallContext): Promise<AsyncIterable<StreamEvent>> {
    const body = toOpenAIRequestBody({ ...request, stream: true });
    const events = await this.http.postForEvents(this.url, body, context);
    return openAIStreamEvents(events, { provider: this.providerId, secret: this.settings.apiKey });
  }

  close(): Promise<void> {
    return this.http.close();
  }
}
