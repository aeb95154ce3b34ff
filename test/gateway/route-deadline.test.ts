// A policy's overall deadline (`deadline_ms`) across its attempts, through the HTTP API with the
// openai SDK: the call still running when it passes is cut (504 `deadline_exceeded`, recorded on
// the attempt), no further target is tried after it, and attempts that finish in time are
// untouched. The transport enforces it with the call's own timer (test/providers/transport.test.ts).
import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { faultSequence } from '../../src/fakes/faults.ts';
import { startHarness, type Harness } from '../helpers/gateway-harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({
    config: (base) => ({
      ...base,
      resilience: { breaker: { consecutive_failures: 10_000, min_requests: 10_000 } },
      policies: {
        ...(base.policies as object),
        tight: { strategy: { type: 'priority', targets: ['gpt-big', 'claude-mid'] }, retry: { attempts_per_target: 1 }, deadline_ms: 400 },
      },
    }),
  });
});
afterAll(async () => h.close());
beforeEach(() => {
  for (const fake of Object.values(h.fakes)) fake.reset();
  h.records.records.length = 0;
});

const ask = () => h.client.chat.completions.create({ model: 'tight', messages: [{ role: 'user', content: 'one two three' }] }).withResponse();

describe('route deadline', () => {
  it('cuts a call still running when the deadline passes, and tries no target after it', async () => {
    h.fakes.openai.setFaults(() => ({ latencyMs: 5_000 }));
    const error = await ask().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.APIError);
    const apiError = error as InstanceType<typeof OpenAI.APIError>;
    expect(apiError.status).toBe(504);
    expect(apiError.code).toBe('deadline_exceeded');
    expect(h.fakes.anthropic.requestCount).toBe(0);
    const record = h.records.records.at(-1);
    expect(record?.attempts.map((attempt) => [attempt.deployment, attempt.status, attempt.errorClass])).toEqual([['gpt-big', 'error', 'deadline_exceeded']]);
    expect(record?.errorCode).toBe('deadline_exceeded');
  });

  it('falls back within the deadline when the first target fails fast', async () => {
    h.fakes.openai.setFaults(faultSequence([{ status: 503 }]));
    const { response } = await ask();
    expect(response.headers.get('x-rung-model')).toBe('claude-mid');
    expect(response.headers.get('x-rung-fallback')).toBe('true');
  });

  it('leaves an answer that arrives before the deadline alone', async () => {
    h.fakes.openai.setFaults(() => ({ latencyMs: 50 }));
    const { response } = await ask();
    expect(response.headers.get('x-rung-model')).toBe('gpt-big');
    expect(h.records.records.at(-1)?.attempts).toHaveLength(1);
  });
});
