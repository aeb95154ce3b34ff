// The model list, as rendered and as the official SDK pages through it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderModelList } from '../../../src/gateway/openai-api/render-models.ts';
import { jsonResponse, startSdkServer, type SdkServer } from './sdk-server.ts';

const entries = [
  { id: 'gpt-small', ownedBy: 'openai', created: 1_700_000_000 },
  { id: 'rung-auto', ownedBy: 'rung-policy', created: 1_700_000_001 },
];

describe('renderModelList', () => {
  it('renders the OpenAI list shape', () => {
    expect(renderModelList(entries)).toStrictEqual({
      object: 'list',
      data: [
        { id: 'gpt-small', object: 'model', created: 1_700_000_000, owned_by: 'openai' },
        { id: 'rung-auto', object: 'model', created: 1_700_000_001, owned_by: 'rung-policy' },
      ],
    });
    expect(renderModelList([])).toStrictEqual({ object: 'list', data: [] });
  });

  describe('read by the openai SDK', () => {
    let server: SdkServer;
    beforeAll(async () => {
      server = await startSdkServer();
    });
    afterAll(async () => server.close());

    it('lists every model through models.list()', async () => {
      server.respondWith(jsonResponse(renderModelList(entries)));
      const seen: string[] = [];
      for await (const model of server.client.models.list()) seen.push(`${model.id}/${model.owned_by}/${model.object}`);
      expect(seen).toStrictEqual(['gpt-small/openai/model', 'rung-auto/rung-policy/model']);
      expect(server.lastPath()).toBe('/v1/models');
    });
  });
});
