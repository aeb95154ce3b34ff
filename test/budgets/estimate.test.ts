import { describe, expect, it } from 'vitest';
import { maxCallCostUsd } from '../../src/budgets/estimate.ts';
import { parseConfig } from '../../src/config/load.ts';
import { Catalog } from '../../src/routing/catalog.ts';

// Prices in USD per million tokens.
const catalog = new Catalog(parseConfig(
  {
    providers: [{ id: 'p', type: 'openai_compatible', base_url: 'http://127.0.0.1:1' }],
    deployments: [
      { id: 'big', provider: 'p', model: 'big', price: { input_per_mtok: 10, output_per_mtok: 30 }, context_window: 128_000, max_output_tokens: 4_000 },
      { id: 'small', provider: 'p', model: 'small', price: { input_per_mtok: 1, output_per_mtok: 2 }, context_window: 128_000 },
    ],
  },
  '(test)',
  {},
));

describe('maxCallCostUsd', () => {
  it('prices the most expensive candidate at the requested output cap', () => {
    // big: 1000 x 10 + 500 x 30 = 25_000 micro-dollars; small: 1000 x 1 + 500 x 2 = 2_000.
    expect(maxCallCostUsd(catalog, ['small', 'big'], { promptTokens: 1_000, maxOutputTokens: 500 })).toBeCloseTo(0.025, 12);
  });

  it('bounds the requested output by the deployment cap', () => {
    // big caps at 4000 output tokens: 1000 x 10 + 4000 x 30 = 130_000 micro-dollars.
    expect(maxCallCostUsd(catalog, ['big'], { promptTokens: 1_000, maxOutputTokens: 100_000 })).toBeCloseTo(0.13, 12);
  });

  it('uses the deployment cap, or else the fallback, without max_tokens', () => {
    expect(maxCallCostUsd(catalog, ['big'], { promptTokens: 0 })).toBeCloseTo(0.12, 12);
    expect(maxCallCostUsd(catalog, ['small'], { promptTokens: 0 })).toBeCloseTo((256 * 2) / 1e6, 12);
    expect(maxCallCostUsd(catalog, ['small'], { promptTokens: 0, fallbackOutputTokens: 8_000 })).toBeCloseTo(0.016, 12);
  });

  it('is zero without candidates', () => {
    expect(maxCallCostUsd(catalog, [], { promptTokens: 1_000 })).toBe(0);
  });
});
