// The shipped scorer model, loaded by the gateway as in production, scoring live requests.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_MODEL_DIRECTORY } from '../../src/scorer/default-model.ts';
import { ADMIN_KEY, startHarness, type Harness } from '../helpers/gateway-harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ config: (base) => ({ ...base, scorer: { enabled: true, deadline_ms: 2000 } }) });
});
afterAll(async () => h.close());

describe('gateway with the shipped scorer', () => {
  it('scores each request, returns the score, and routes harder prompts higher', async () => {
    const easy = await h.client.chat.completions
      .create({ model: 'rung/cost_optimized', messages: [{ role: 'user', content: 'Translate "good morning" into French.' }] })
      .withResponse();
    const hard = await h.client.chat.completions
      .create({
        model: 'rung/cost_optimized',
        messages: [
          {
            role: 'user',
            content:
              'A tank fills at 12 litres per minute through pipe A and drains at 7 litres per minute through pipe B. Pipe C, opened after 18 minutes, ' +
              'adds 40% of pipe A\'s rate. The tank holds 1,450 litres and starts a fifth full. After pipe C opens, pipe B is closed for 6 minutes every ' +
              '20 minutes. Exactly when is the tank full? Show every step and check the answer.',
          },
        ],
      })
      .withResponse();
    const easyScore = Number(easy.response.headers.get('x-rung-score'));
    const hardScore = Number(hard.response.headers.get('x-rung-score'));
    for (const score of [easyScore, hardScore]) {
      expect(score).toBeGreaterThanOrEqual(0);
      expect(score).toBeLessThanOrEqual(1);
    }
    expect(hardScore).toBeGreaterThan(easyScore);
    const tierRank = ['premium', 'mid', 'light'];
    expect(tierRank.indexOf(hard.response.headers.get('x-rung-tier') ?? '')).toBeLessThanOrEqual(tierRank.indexOf(easy.response.headers.get('x-rung-tier') ?? ''));
    const records = h.records.records;
    expect(records.map((r) => r.scorer)).toEqual(['ok', 'ok']);
    expect(records[1]?.taskClass).toBeTruthy();
  });
});

describe('switching the live scorer model', () => {
  it('swaps under load without dropping or failing a request', async () => {
    const copy = join(mkdtempSync(join(tmpdir(), 'rung-model-')), 'candidate');
    cpSync(DEFAULT_MODEL_DIRECTORY, copy, { recursive: true });
    h.records.records.length = 0;
    const load = Array.from({ length: 60 }, (_, i) =>
      h.client.chat.completions.create({ model: 'rung/balanced', messages: [{ role: 'user', content: `question number ${i}: explain recursion` }] }).then(() => 'ok', (e: unknown) => String(e)),
    );
    const swap = fetch(`${h.baseURL.replace(/\/v1$/, '')}/api/v1/admin/scorer/activate`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model_dir: copy, version: 'candidate-1' }),
    });
    const [results, swapped] = await Promise.all([Promise.all(load), swap]);
    expect(swapped.status).toBe(200);
    expect(((await swapped.json()) as { active: string }).active).toBe('candidate-1');
    expect(results.filter((r) => r !== 'ok')).toEqual([]);
    expect(h.records.records.every((r) => r.scorer === 'ok')).toBe(true);
    const after = await h.client.chat.completions.create({ model: 'rung/balanced', messages: [{ role: 'user', content: 'after the swap' }] }).withResponse();
    expect(Number(after.response.headers.get('x-rung-score'))).toBeGreaterThanOrEqual(0);
  });

  it('refuses a model directory that fails verification and keeps the live one', async () => {
    const response = await fetch(`${h.baseURL.replace(/\/v1$/, '')}/api/v1/admin/scorer/activate`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model_dir: '/nonexistent/model' }),
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { param: string } }).error.param).toBe('model_dir');
    const still = await h.client.chat.completions.create({ model: 'rung/balanced', messages: [{ role: 'user', content: 'still scoring' }] }).withResponse();
    expect(still.response.headers.get('x-rung-score')).toMatch(/^0\.|^1\./);
  });
});
