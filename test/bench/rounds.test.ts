// bench:gateway --rounds N: rows run N times and are combined per row (bench/lib/rounds.ts), and
// the flag itself is validated like the others (bench/lib/options.ts).
import { describe, expect, it } from 'vitest';
import { emptyRow, type RowResult } from '../../bench/lib/measure.ts';
import { parseBenchOptions } from '../../bench/lib/options.ts';
import { combineRounds } from '../../bench/lib/rounds.ts';
import { median } from '../../bench/lib/stats.ts';

function row(name: string, figures: Partial<RowResult>): RowResult {
  return { ...emptyRow({ name, description: `${name} row` }, null), errors: 0, ...figures };
}

describe('median', () => {
  it('takes the middle value, or the mean of the middle two, of the finite values', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([null, 5, Number.NaN])).toBe(5);
    expect(median([null])).toBeNull();
  });
});

describe('combineRounds', () => {
  it('gives medians per row, the largest peak RSS and the summed errors, with each round noted', () => {
    const rounds = [
      [row('direct', { rps: 6000, cpu_us_per_req: 160 }), row('rung', { rps: 1500, cpu_us_per_req: 700, rss_mb: 130, errors: 0, added_p50_ms_c1: 0.6 })],
      [row('direct', { rps: 6400, cpu_us_per_req: 150 }), row('rung', { rps: 1900, cpu_us_per_req: 520, rss_mb: 142, errors: 2, added_p50_ms_c1: 0.5, notes: ['errors: 2×502'] })],
      [row('direct', { rps: 5000, cpu_us_per_req: 170 }), row('rung', { rps: 1700, cpu_us_per_req: 600, rss_mb: 128, errors: 0, added_p50_ms_c1: 0.9 })],
    ];
    const [direct, rung] = combineRounds(rounds);
    expect(direct).toMatchObject({ name: 'direct', rps: 6000, cpu_us_per_req: 160 });
    expect(rung).toMatchObject({ name: 'rung', failure: null, rps: 1700, cpu_us_per_req: 600, rss_mb: 142, errors: 2, added_p50_ms_c1: 0.6 });
    expect(rung?.notes).toEqual([
      'round 1: 1500 req/s, 700 CPU µs/req, peak RSS 130.0 MB',
      'round 2: 1900 req/s, 520 CPU µs/req, peak RSS 142.0 MB',
      'round 2: errors: 2×502',
      'round 3: 1700 req/s, 600 CPU µs/req, peak RSS 128.0 MB',
    ]);
  });

  it('leaves out a failed round, and fails a row only when every round failed', () => {
    const combined = combineRounds([
      [row('portkey', { failure: 'failed to start: port in use' }), row('rung', { failure: 'failed while measuring: reset' })],
      [row('portkey', { rps: 500 }), row('rung', { failure: 'failed while measuring: reset' })],
    ]);
    expect(combined[0]).toMatchObject({ failure: null, rps: 500 });
    expect(combined[0]?.notes[0]).toBe('round 1: failed to start: port in use');
    expect(combined[1]).toMatchObject({ failure: 'failed while measuring: reset', rps: null, errors: null });
  });

  it('returns a single round as it is', () => {
    const only = [row('rung', { rps: 1234, notes: ['scorer: 10 calls'] })];
    expect(combineRounds([only])).toEqual(only);
  });
});

describe('--rounds', () => {
  it('defaults to 1 and takes a positive integer', () => {
    expect(parseBenchOptions([])).toMatchObject({ rounds: 1 });
    expect(parseBenchOptions(['--rounds', '3'])).toMatchObject({ rounds: 3 });
    expect(() => parseBenchOptions(['--rounds', '0'])).toThrow('--rounds must be a positive number, got "0"');
    expect(() => parseBenchOptions(['--rounds', '1.5'])).toThrow('--rounds must be an integer');
  });
});
