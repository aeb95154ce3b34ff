// A/B experiments through the HTTP API: requests for the experiment's model are split between the
// arms' policies by a stable hash, the arm is returned and recorded, and the report reads it back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_KEY, startHarness, type Harness } from '../helpers/gateway-harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({
    config: (base) => ({
      ...base,
      policies: {
        ...(base.policies as object),
        'arm-premium': { strategy: { type: 'single', target: 'gpt-big' } },
        'arm-light': { strategy: { type: 'single', target: 'gemini-light' } },
        'support-entry': { strategy: { type: 'single', target: 'claude-mid' } },
      },
      experiments: [
        {
          id: 'premium-vs-light',
          match: { model: 'support-entry' },
          split_by: 'request',
          arms: [
            { name: 'control', policy: 'arm-premium', weight: 50 },
            { name: 'treatment', policy: 'arm-light', weight: 50 },
          ],
          min_requests_per_arm: 5,
        },
      ],
    }),
  });
});
afterAll(async () => h.close());

describe('experiments', () => {
  it('splits matching requests between the arms, records the arm, and reports per arm', async () => {
    const arms: string[] = [];
    for (let i = 0; i < 40; i += 1) {
      const { response } = await h.client.chat.completions.create({ model: 'support-entry', messages: [{ role: 'user', content: `question ${i}` }] }).withResponse();
      const arm = response.headers.get('x-rung-experiment') ?? '';
      arms.push(arm);
      // Each arm is served by its own policy, never by the entry policy's deployment.
      expect(response.headers.get('x-rung-model')).toBe(arm.endsWith(':control') ? 'gpt-big' : 'gemini-light');
    }
    expect(new Set(arms)).toEqual(new Set(['premium-vs-light:control', 'premium-vs-light:treatment']));
    expect(h.fakes.anthropic.requestCount).toBe(0);
    expect(h.records.records.map((r) => `${r.experiment?.id}:${r.experiment?.arm}`)).toEqual(arms);

    // Requests for other models are not in the experiment.
    const outside = await h.client.chat.completions.create({ model: 'claude-mid', messages: [{ role: 'user', content: 'x' }] }).withResponse();
    expect(outside.response.headers.get('x-rung-experiment')).toBeNull();

    await h.built.context.flushRecords();
    const report = await fetch(`${h.baseURL.replace(/\/v1$/, '')}/api/v1/experiments/premium-vs-light`, { headers: { authorization: `Bearer ${ADMIN_KEY}` } });
    expect(report.status).toBe(200);
    const body = (await report.json()) as { arms: { name: string; requests: number }[] };
    const byArm = Object.fromEntries(body.arms.map((arm) => [arm.name, arm.requests]));
    expect(byArm.control).toBe(arms.filter((a) => a.endsWith(':control')).length);
    expect(byArm.treatment).toBe(arms.filter((a) => a.endsWith(':treatment')).length);
  });
});
