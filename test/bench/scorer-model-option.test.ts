// The gateway benchmark's --scorer-model option: the rung_intelligent row's config names the given
// model directory, and the config it writes is one `rung serve` accepts.
import { describe, expect, it } from 'vitest';
import { parseBenchOptions } from '../../bench/lib/options.ts';
import { intelligentConfig } from '../../bench/lib/rung-config.ts';
import { parseConfig } from '../../src/config/load.ts';

const inputs = { fakeUrl: 'http://127.0.0.1:9/v1', providerKey: 'sk-fake', requestLog: 'off' as const };

describe('--scorer-model', () => {
  it('is absent by default and taken as given', () => {
    expect(parseBenchOptions([])).toMatchObject({ scorerModelDir: undefined });
    expect(parseBenchOptions(['--scorer-model', '/tmp/m'])).toMatchObject({ scorerModelDir: '/tmp/m' });
  });

  it('puts the directory in the intelligent row only when given', () => {
    expect(intelligentConfig(inputs)['scorer']).toEqual({ enabled: true });
    expect(intelligentConfig({ ...inputs, scorerModelDir: '/models/x' })['scorer']).toEqual({ enabled: true, model_dir: '/models/x' });
  });

  it('writes a config the gateway accepts', () => {
    const env = { RUNG_BENCH_CLIENT_KEY: 'rk-bench' };
    expect(parseConfig(intelligentConfig({ ...inputs, scorerModelDir: '/models/x' }), 'bench', env).scorer.model_dir).toBe('/models/x');
  });
});
