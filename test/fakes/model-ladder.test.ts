import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crossCheck } from '../../src/config/cross-check.ts';
import { ConfigSchema } from '../../src/config/schema.ts';
import { inferTier } from '../../src/routing/tier-inference.ts';
import { Catalog } from '../../src/routing/catalog.ts';
import { startModelLadder } from '../../src/fakes/index.ts';
import type { ModelLadder } from '../../src/fakes/index.ts';
import { postJson } from './http-helpers.ts';

let ladder: ModelLadder;

beforeAll(async () => {
  ladder = await startModelLadder({ latencyScale: 0 });
});
afterAll(() => ladder.close());

describe('startModelLadder', () => {
  it('gives a config fragment that passes the config schema and cross-check, with explicit tiers and prices', () => {
    const config = ConfigSchema.parse({ ...ladder.config });
    expect(crossCheck(config)).toEqual([]);
    const catalog = new Catalog(config);
    expect(catalog.all().map((deployment) => [deployment.id, deployment.tier, deployment.price.input_per_mtok, deployment.price.output_per_mtok])).toEqual([
      ['sim-premium', 'premium', 10, 30],
      ['sim-mid', 'mid', 3, 15],
      ['sim-light', 'light', 0.8, 4],
      ['sim-small', 'small', 0.1, 0.4],
    ]);
    // The explicit tiers agree with what price inference would say.
    for (const deployment of catalog.all()) expect(inferTier(deployment.price)).toBe(deployment.tier);
    expect(config.providers.map((provider) => provider.type)).toEqual(['openai', 'anthropic', 'google', 'openai_compatible']);
    for (const id of [...config.providers.map((provider) => provider.id), ...config.deployments.map((deployment) => deployment.id)]) expect(id).toMatch(/^sim-/);
  });

  it('serves every rung on its own API, with the key and model the config names', async () => {
    const byTier = Object.fromEntries(ladder.rungs.map((rung) => [rung.tier, rung]));
    const key = (providerId: string): string => ladder.config.providers.find((provider) => provider.id === providerId)?.api_key ?? '';
    const premium = byTier.premium;
    const mid = byTier.mid;
    const light = byTier.light;
    const small = byTier.small;
    if (premium === undefined || mid === undefined || light === undefined || small === undefined) throw new Error('missing rung');

    const openai = await postJson(`${premium.fake.url}/chat/completions`, { model: premium.model, messages: [{ role: 'user', content: 'hi' }] }, { authorization: `Bearer ${key(premium.providerId)}` });
    expect(JSON.parse(openai.text).choices[0].message.content).toBe('Answer from sim-premium-4o: hi');
    const anthropic = await postJson(`${mid.fake.url}/messages`, { model: mid.model, max_tokens: 20, messages: [{ role: 'user', content: 'hi' }] }, { 'x-api-key': key(mid.providerId), 'anthropic-version': '2023-06-01' });
    expect(JSON.parse(anthropic.text).content[0].text).toBe('Answer from sim-mid-sonnet: hi');
    const google = await postJson(`${light.fake.url}/models/${light.model}:generateContent`, { contents: [{ parts: [{ text: 'hi' }] }] }, { 'x-goog-api-key': key(light.providerId) });
    expect(JSON.parse(google.text).candidates[0].content.parts[0].text).toBe('Answer from sim-light-flash: hi');
    const compatible = await postJson(`${small.fake.url}/chat/completions`, { model: 'not-this-one', messages: [{ role: 'user', content: 'hi' }] }, { authorization: `Bearer ${key(small.providerId)}` });
    expect(compatible.status).toBe(404);
    expect(ladder.rung('small').fake.requests).toHaveLength(1);
  });

  it('gives the small rung a context window that overflows before the others', async () => {
    const small = ladder.rung('small');
    const prompt = 'word '.repeat(30_000);
    const result = await postJson(`${small.fake.url}/chat/completions`, { model: small.model, messages: [{ role: 'user', content: prompt }] }, { authorization: 'Bearer sim-small-host-key' });
    expect(result.status).toBe(400);
    expect(JSON.parse(result.text).error.code).toBe('context_length_exceeded');
    ladder.reset();
    expect(small.fake.requests).toHaveLength(0);
  });
});
