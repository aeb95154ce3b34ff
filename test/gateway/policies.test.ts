// Intelligent policies, routing rules, guardrails, budgets and cascades through the HTTP API with
// the official openai SDK as the client, against the fake providers.
import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { faultSequence } from '../../src/fakes/faults.ts';
import { ADMIN_KEY, CLIENT_KEY, startHarness, type Harness } from '../helpers/gateway-harness.ts';
import { scriptedScorer } from '../helpers/scripted-scorer.ts';
import { parseExposition } from '../analytics/exposition-check.ts';

const KEYS = { us: 'us-only-key-0001', intern: 'intern-key-0002', budget: 'budget-key-0003', throttle: 'throttle-key-0004', soft: 'soft-key-0005' };
const scorer = scriptedScorer();
let h: Harness;

beforeAll(async () => {
  h = await startHarness({
    scorer,
    env: { US_KEY: KEYS.us, INTERN_KEY: KEYS.intern, BUDGET_KEY: KEYS.budget, THROTTLE_KEY: KEYS.throttle, SOFT_KEY: KEYS.soft },
    config: (base) => ({
      ...base,
      resilience: { breaker: { consecutive_failures: 10_000, min_requests: 10_000 } },
      deployments: [
        { id: 'gpt-big', provider: 'openai', model: 'gpt-big', price: { input_per_mtok: 10, output_per_mtok: 30 }, context_window: 128000, tier: 'premium' },
        { id: 'claude-mid', provider: 'anthropic', model: 'claude-mid', price: { input_per_mtok: 3, output_per_mtok: 15 }, context_window: 200000, tier: 'mid' },
        { id: 'gemini-light', provider: 'google', model: 'gemini-light', price: { input_per_mtok: 0.3, output_per_mtok: 1.2 }, context_window: 1000000, tier: 'light' },
        // No tier: inferred from price (premium).
        { id: 'gpt-newcomer', provider: 'openai', model: 'gpt-newcomer', price: { input_per_mtok: 15, output_per_mtok: 60 }, context_window: 128000 },
        { id: 'gpt-tiny', provider: 'openai', model: 'gpt-tiny', price: { input_per_mtok: 0.05, output_per_mtok: 0.2 }, context_window: 600, capabilities: { tools: false }, tier: 'small', paid: false },
      ],
      keys: [
        ...(base.keys as unknown[]),
        { id: 'us-key', key_env: 'US_KEY', workspace: 'us-only' },
        { id: 'intern', key_env: 'INTERN_KEY' },
        { id: 'budget-key', key_env: 'BUDGET_KEY' },
        { id: 'throttle-key', key_env: 'THROTTLE_KEY' },
        { id: 'soft-key', key_env: 'SOFT_KEY' },
      ],
      policies: {
        chain: { strategy: { type: 'priority', targets: ['gpt-big', 'claude-mid', 'gemini-light'] }, retry: { attempts_per_target: 1 } },
        cheap: { strategy: { type: 'lowest_cost', targets: ['gpt-big', 'claude-mid', 'gemini-light'] } },
        smart: { strategy: { type: 'intelligent', objective: 'cost_optimized', targets: ['claude-mid', 'gemini-light'] } },
        support: {
          strategy: {
            type: 'cascade',
            steps: [['gemini-light'], ['claude-mid'], ['gpt-big']],
            validators: [{ type: 'non_empty' }, { type: 'not_refusal' }, { type: 'json_valid' }],
          },
          retry: { attempts_per_target: 1 },
        },
      },
      routing_rules: {
        default_policy: 'cost_optimized',
        rules: [
          { name: 'staging-is-cheap', when: { field: 'tags.env', op: 'eq', value: 'staging' }, action: { policy: 'cheap' } },
          { name: 'no-forbidden', when: { field: 'tags.env', op: 'eq', value: 'forbidden' }, action: { block: 'this environment may not call models' } },
          { name: 'legal-on-mid', when: { any: [{ field: 'tags.team', op: 'in', value: ['legal', 'compliance'] }, { not: { field: 'tokens', op: 'lt', value: 100000 } }] }, action: { models: ['claude-mid'] } },
        ],
      },
      guardrails: {
        floors: [{ tasks: ['debugging'], min_tier: 'mid' }],
        residency: { workspaces: { 'us-only': ['us'] } },
        paid: { deny_for_keys: ['intern'] },
      },
      budgets: [
        { id: 'race', scope: { key: 'budget-key' }, period: 'day', limit_usd: 0.5, soft_threshold: 0.99, throttle_threshold: 0.999 },
        { id: 'throttle', scope: { key: 'throttle-key' }, period: 'day', limit_usd: 0.01, soft_threshold: 0.05, throttle_threshold: 0.1, throttle_retry_after_s: 60 },
        { id: 'soft', scope: { key: 'soft-key' }, period: 'day', limit_usd: 1, soft_threshold: 0.000001, throttle_threshold: 0.99 },
      ],
    }),
  });
});
afterAll(async () => h.close());
beforeEach(() => {
  for (const fake of Object.values(h.fakes)) {
    fake.reset();
    fake.setRespond(undefined);
  }
  h.records.records.length = 0;
});

const ask = (content: string, model = 'rung/auto', headers: Record<string, string> = {}, client: OpenAI = h.client) =>
  client.chat.completions.create({ model, messages: [{ role: 'user', content }] }, { headers }).withResponse();

describe('intelligent policies', () => {
  it('routes by score down and up the ladder and returns the score, tier and reason', async () => {
    const easy = await ask('[score=0.05] what is 2+2', 'rung/cost_optimized');
    expect(easy.response.headers.get('x-rung-tier')).toBe('small');
    expect(easy.response.headers.get('x-rung-model')).toBe('gpt-tiny');
    expect(easy.response.headers.get('x-rung-score')).toBe('0.0500');
    // cost_optimized serves hard requests on the cheapest strong tier...
    const hard = await ask('[score=0.95] prove the theorem', 'rung/cost_optimized');
    expect(hard.response.headers.get('x-rung-tier')).toBe('mid');
    expect(hard.response.headers.get('x-rung-reason')).toContain('cost_optimized');
    // ...quality_first on the most capable one; the inferred-premium newcomer costs more than
    // gpt-big, and the cheapest of the tier goes first.
    const best = await ask('[score=0.95] prove the theorem', 'rung/quality_first');
    expect(best.response.headers.get('x-rung-tier')).toBe('premium');
    expect(best.response.headers.get('x-rung-model')).toBe('gpt-big');
    // balanced splits the strong side by score: 0.95 is in the upper half of [0.5, 1].
    const balanced = await ask('[score=0.95] prove the theorem', 'rung/balanced');
    expect(balanced.response.headers.get('x-rung-tier')).toBe('premium');
    const balancedLower = await ask('[score=0.62] prove the theorem', 'rung/balanced');
    expect(balancedLower.response.headers.get('x-rung-tier')).toBe('mid');
    expect(h.built.runtime.catalog.get('gpt-newcomer')).toMatchObject({ tier: 'premium', tierInferred: true });
  });

  it('sends the uncertain 0.4-0.6 band to the more capable side', async () => {
    // cost_optimized: threshold 0.6; the cheap side (light, small) splits [0, 0.6): light >= 0.3.
    // 0.45 is light by its bound and in the band, so it moves up to mid.
    const banded = await ask('[score=0.45] something in between', 'rung/cost_optimized');
    expect(banded.response.headers.get('x-rung-tier')).toBe('mid');
    expect(banded.response.headers.get('x-rung-reason')).toContain('uncertain band');
  });

  it('never selects outside the policy list, and is reachable by the router path', async () => {
    const client = new OpenAI({ apiKey: CLIENT_KEY, baseURL: h.baseURL.replace(/\/v1$/, '/router/smart/v1'), maxRetries: 0 });
    for (const score of ['0.01', '0.99', '0.5']) {
      const { response } = await client.chat.completions.create({ model: 'x', messages: [{ role: 'user', content: `[score=${score}] q` }] }).withResponse();
      expect(['claude-mid', 'gemini-light']).toContain(response.headers.get('x-rung-model'));
    }
    expect(h.fakes.openai.requestCount).toBe(0);
  });

  it('counts every score call of the request path in rung_scorer_duration_seconds, by outcome', async () => {
    const countOf = async (outcome: string): Promise<number> => {
      const families = parseExposition(await (await fetch(h.baseURL.replace(/\/v1$/, '/metrics'))).text());
      const sample = families.get('rung_scorer_duration_seconds')?.samples.find((s) => s.name === 'rung_scorer_duration_seconds_count' && s.labels.outcome === outcome);
      return sample?.value ?? 0;
    };
    const before = { ok: await countOf('ok'), error: await countOf('error'), timeout: await countOf('timeout') };
    await ask('[score=0.2] hello', 'smart');
    await ask('[score=0.9] hello again', 'smart');
    await ask('[scorer=throw] hello', 'smart');
    await ask('[scorer=slow] hello', 'smart');
    // A route that does not use the score never calls the scorer.
    await ask('[score=0.9] not scored', 'chain');
    // Scored, then refused by a guardrail (this key may not use paid deployments): still counted.
    const refused = await ask('[score=0.2] scored then refused', 'smart', {}, h.clientWithKey(KEYS.intern)).catch((e: unknown) => e);
    expect((refused as InstanceType<typeof OpenAI.APIError>).code).toBe('no_eligible_deployment');
    expect(await countOf('ok')).toBe(before.ok + 3);
    expect(await countOf('error')).toBe(before.error + 1);
    expect(await countOf('timeout')).toBe(before.timeout + 1);
  });

  it('routes to the most capable allowed model when the scorer fails or times out', async () => {
    for (const fault of ['[scorer=throw]', '[scorer=slow]']) {
      const { response } = await ask(`${fault} hello`, 'smart');
      expect(response.headers.get('x-rung-model')).toBe('claude-mid');
      expect(response.headers.get('x-rung-score')).toMatch(/^unavailable:(error|timeout)$/);
      expect(h.records.records.at(-1)?.scorer).toBe(fault === '[scorer=throw]' ? 'error' : 'timeout');
      expect(h.records.records.at(-1)?.reason).toContain('scorer unavailable');
    }
  });

  it('moves up a tier when the request needs a capability the cheap tier lacks', async () => {
    const { data, response } = await h.client.chat.completions
      .create({
        model: 'rung/cost_optimized',
        messages: [{ role: 'user', content: '[score=0.01] weather in Oslo?' }],
        tools: [{ type: 'function', function: { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } } }],
        tool_choice: 'required',
      })
      .withResponse();
    expect(response.headers.get('x-rung-model')).not.toBe('gpt-tiny');
    expect(response.headers.get('x-rung-tier')).toBe('light');
    expect(data.choices[0]?.finish_reason).toBe('tool_calls');
  });

  it('skips deployments whose context window is too small', async () => {
    const long = `[score=0.01] ${'word '.repeat(700)}`;
    const { response } = await ask(long, 'rung/cost_optimized');
    expect(response.headers.get('x-rung-model')).not.toBe('gpt-tiny');
  });
});

describe('routing rules', () => {
  it('applies the first matching tag rule and records it', async () => {
    const { response } = await ask('[score=0.99] hi', 'rung/auto', { 'x-rung-tags': 'env=staging' });
    expect(response.headers.get('x-rung-policy')).toBe('cheap');
    expect(response.headers.get('x-rung-model')).toBe('gemini-light');
    expect(response.headers.get('x-rung-reason')).toContain('staging-is-cheap');
    expect(h.records.records.at(-1)).toMatchObject({ rule: 'staging-is-cheap', control: 'rule:staging-is-cheap' });
  });

  it('blocks with a clear error and records the refusal', async () => {
    const error = await ask('hi', 'rung/auto', { 'x-rung-tags': 'env=forbidden' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.PermissionDeniedError);
    expect((error as InstanceType<typeof OpenAI.APIError>).code).toBe('blocked_by_rule');
    expect(h.records.records.at(-1)).toMatchObject({ status: 'error', errorCode: 'blocked_by_rule', rule: 'no-forbidden' });
    expect(h.fakes.openai.requestCount + h.fakes.anthropic.requestCount + h.fakes.google.requestCount).toBe(0);
  });

  it('uses a model list from metadata tags', async () => {
    const { data, response } = await h.client.chat.completions
      .create({ model: 'rung/auto', messages: [{ role: 'user', content: 'contract review' }], metadata: { team: 'legal' } })
      .withResponse();
    expect(data.choices[0]?.message.content).toBeTruthy();
    expect(response.headers.get('x-rung-model')).toBe('claude-mid');
  });

  it('falls through to the default policy', async () => {
    const { response } = await ask('[score=0.99] nothing special');
    expect(response.headers.get('x-rung-policy')).toBe('cost_optimized');
  });

  it('rejects a malformed tags header naming it', async () => {
    const error = await ask('hi', 'rung/auto', { 'x-rung-tags': '===' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect((error as InstanceType<typeof OpenAI.APIError>).param).toBe('x-rung-tags');
  });
});

describe('guardrails', () => {
  it('keeps a residency-restricted key in its regions through every fallback', async () => {
    const client = h.clientWithKey(KEYS.us);
    h.fakes.openai.setFaults(faultSequence([{ status: 503 }]));
    const { response } = await ask('hello', 'chain', {}, client);
    expect(response.headers.get('x-rung-model')).toBe('claude-mid');
    h.fakes.openai.setFaults(() => ({ status: 503 }));
    h.fakes.anthropic.setFaults(() => ({ status: 503 }));
    const error = await ask('hello', 'chain', {}, client).catch((e: unknown) => e);
    expect((error as InstanceType<typeof OpenAI.APIError>).status).toBe(502);
    expect(h.fakes.google.requestCount).toBe(0);
    expect(h.records.records.at(-1)?.attempts.map((a) => a.deployment)).toEqual(['gpt-big', 'claude-mid']);
  });

  it('denies paid deployments to a key and explains why when nothing is left', async () => {
    const client = h.clientWithKey(KEYS.intern);
    const { response } = await ask('[score=0.99] hi', 'rung/cost_optimized', {}, client);
    expect(response.headers.get('x-rung-model')).toBe('gpt-tiny');
    const error = await ask('hi', 'chain', {}, client).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    const apiError = error as InstanceType<typeof OpenAI.APIError>;
    expect(apiError.code).toBe('no_eligible_deployment');
    expect(apiError.message).toContain('paid');
  });

  it('never routes a floored task class below its tier', async () => {
    const { response } = await ask('[score=0.01] fix my stack trace', 'rung/cost_optimized', { 'x-rung-task': 'debugging' });
    expect(['mid', 'premium']).toContain(response.headers.get('x-rung-tier'));
    const viaScorer = await ask('[score=0.01] [task=debugging] segfault', 'rung/cost_optimized');
    expect(['mid', 'premium']).toContain(viaScorer.response.headers.get('x-rung-tier'));
  });
});

describe('budgets', () => {
  it('never lets 200 concurrent requests spend past the limit by more than one estimate', async () => {
    const client = h.clientWithKey(KEYS.budget);
    // Slow answers keep many requests in flight at once, so reservations, not settled spend, decide.
    h.fakes.openai.setFaults(() => ({ latencyMs: 150 }));
    const body = (i: number) => ({ model: 'gpt-big', max_tokens: 1000, messages: [{ role: 'user' as const, content: `budget race ${i}` }] });
    let worst = 0;
    const watch = setInterval(() => {
      void h.built.runtime.budgets.snapshot().then((entries) => {
        const race = entries.find((entry) => entry.id === 'race');
        if (race !== undefined) worst = Math.max(worst, race.spentUsd + race.reservedUsd);
      });
    }, 1);
    const results = await Promise.all(Array.from({ length: 200 }, (_, i) => client.chat.completions.create(body(i)).then(() => 200, (e: unknown) => (e as InstanceType<typeof OpenAI.APIError>).status)));
    clearInterval(watch);
    const estimate = (12 * 10 + 1000 * 30) / 1_000_000;
    const race = (await h.built.runtime.budgets.snapshot()).find((entry) => entry.id === 'race');
    expect(new Set(results)).toEqual(new Set([200, 402]));
    expect(race!.reservedUsd).toBe(0);
    expect(race!.spentUsd).toBeLessThanOrEqual(0.5 + estimate);
    expect(worst).toBeLessThanOrEqual(0.5 + estimate);
    const admin = await fetch(`${h.baseURL.replace(/\/v1$/, '')}/api/v1/admin/budgets`, { headers: { authorization: `Bearer ${ADMIN_KEY}` } });
    const listed = (await admin.json()) as { budgets: { id: string; spentUsd: number; state: string }[] };
    expect(listed.budgets.find((b) => b.id === 'race')?.spentUsd).toBeCloseTo(race!.spentUsd, 9);
    expect(h.records.records.filter((r) => r.errorCode === 'budget_exceeded').length).toBe(results.filter((s) => s === 402).length);
  });

  it('throttles near the limit with 429 and Retry-After', async () => {
    const client = h.clientWithKey(KEYS.throttle);
    await client.chat.completions.create({ model: 'gpt-big', messages: [{ role: 'user', content: 'x '.repeat(400) }], max_tokens: 200 });
    const error = await client.chat.completions.create({ model: 'gpt-big', messages: [{ role: 'user', content: 'again' }] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.RateLimitError);
    const apiError = error as InstanceType<typeof OpenAI.APIError>;
    expect(apiError.code).toBe('budget_throttled');
    expect(Number(apiError.headers?.get('retry-after'))).toBeGreaterThan(0);
  });

  it('downgrades a tier when a budget passes its soft threshold', async () => {
    const client = h.clientWithKey(KEYS.soft);
    await ask('[score=0.99] spend a little', 'rung/cost_optimized', {}, client);
    const { response } = await ask('[score=0.99] now near the soft limit', 'rung/cost_optimized', {}, client);
    expect(response.headers.get('x-rung-tier')).toBe('light');
    expect(response.headers.get('x-rung-reason')).toContain('budget near limit');
  });
});

describe('cascade', () => {
  const refuseOnGemini = () => h.fakes.google.setRespond(() => ({ text: "I'm sorry, but I cannot help with that request." }));

  it('passes on the cheap step', async () => {
    const { data, response } = await ask('Summarise: cats are mammals.', 'support');
    expect(response.headers.get('x-rung-model')).toBe('gemini-light');
    expect(response.headers.get('x-rung-cascade')).toBe('passed; step 1 of 1');
    expect(data.choices[0]?.message.content).toContain('Summarise');
    const record = h.records.records.at(-1)!;
    expect(record.cascade?.outcome).toBe('passed');
    expect(record.cascade?.savedVsTopUsd).toBeGreaterThan(0);
  });

  it('escalates when a validator fails, and records each verdict and cost', async () => {
    refuseOnGemini();
    const { response } = await ask('A hard question', 'support');
    expect(response.headers.get('x-rung-model')).toBe('claude-mid');
    const record = h.records.records.at(-1)!;
    expect(record.cascade?.outcome).toBe('escalated');
    expect(record.cascade?.steps[0]?.verdicts.at(-1)).toMatchObject({ validator: 'not_refusal', verdict: 'fail' });
    expect(record.costUsd).toBeCloseTo(record.cascade!.totalCostUsd, 12);
  });

  it('returns the last answer as exhausted when every step fails validation', async () => {
    const refuse = () => ({ text: 'As an AI, I cannot do that.' });
    h.fakes.google.setRespond(refuse);
    h.fakes.anthropic.setRespond(refuse);
    h.fakes.openai.setRespond(refuse);
    const { response } = await ask('Impossible', 'support');
    expect(response.headers.get('x-rung-cascade')).toBe('exhausted; step 3 of 3');
    expect(h.records.records.at(-1)?.cascade?.steps.map((s) => s.status)).toEqual(['failed', 'failed', 'failed']);
  });

  it('buffers a streamed cheap answer until it passes, then streams it', async () => {
    const stream = await h.client.chat.completions.create({ model: 'support', stream: true, messages: [{ role: 'user', content: 'Stream me a short answer' }] });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    expect(text).toContain('Stream me');
    expect(h.fakes.google.requests[0]?.stream).toBe(false);
    expect(h.records.records.at(-1)?.cascade?.outcome).toBe('passed');
  });

  it('streams an escalated last step directly', async () => {
    refuseOnGemini();
    h.fakes.anthropic.setRespond(() => ({ text: 'I cannot assist with that.' }));
    const stream = await h.client.chat.completions.create({ model: 'support', stream: true, messages: [{ role: 'user', content: 'Escalate to the top please' }] });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    expect(text).toContain('Escalate to the top');
    expect(h.fakes.openai.requests.at(-1)?.stream).toBe(true);
    expect(h.records.records.at(-1)?.cascade?.steps.map((s) => s.status)).toEqual(['failed', 'failed', 'handed_off']);
  });
});
