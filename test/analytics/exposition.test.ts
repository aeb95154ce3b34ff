// The metrics registry against the text exposition rules: HELP/TYPE lines, escaping, cumulative
// buckets with +Inf, _sum and _count, special float values, and the checks on names and labels.
import { describe, expect, it } from 'vitest';
import { escapeHelp, escapeLabelValue, formatSampleValue } from '../../src/metrics/exposition.ts';
import { MetricsRegistry } from '../../src/metrics/registry.ts';
import { parseExposition, valueOf } from './exposition-check.ts';

describe('escaping', () => {
  it('escapes backslash, double quote and line feed in label values', () => {
    expect(escapeLabelValue('a\\b"c\nd')).toBe('a\\\\b\\"c\\nd');
    expect(escapeLabelValue('plain-value_1.2')).toBe('plain-value_1.2');
  });

  it('escapes backslash and line feed in HELP, but not quotes', () => {
    expect(escapeHelp('say "hi"\\now\nthen')).toBe('say "hi"\\\\now\\nthen');
  });

  it('spells out special float values', () => {
    expect([Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 0.25, 3].map(formatSampleValue)).toEqual(['NaN', '+Inf', '-Inf', '0.25', '3']);
  });
});

describe('families', () => {
  it('renders counters and gauges with HELP, TYPE and one line per series', () => {
    const registry = new MetricsRegistry();
    const requests = registry.counter('demo_requests_total', 'Requests.\nSecond line with a \\ backslash.', ['route', 'status']);
    const temperature = registry.gauge('demo_temperature', 'Now.');
    requests.inc(['/a', 'ok']);
    requests.inc(['/a', 'ok'], 2);
    requests.inc(['we"ird\\route\n', 'error']);
    temperature.set([], Number.NEGATIVE_INFINITY);
    const text = registry.render();
    expect(text).toBe(
      [
        '# HELP demo_requests_total Requests.\\nSecond line with a \\\\ backslash.',
        '# TYPE demo_requests_total counter',
        'demo_requests_total{route="/a",status="ok"} 3',
        'demo_requests_total{route="we\\"ird\\\\route\\n",status="error"} 1',
        '# HELP demo_temperature Now.',
        '# TYPE demo_temperature gauge',
        'demo_temperature -Inf',
        '',
      ].join('\n'),
    );
    const families = parseExposition(text);
    expect(valueOf(families, 'demo_requests_total', { route: 'we"ird\\route\n', status: 'error' })).toBe(1);
  });

  it('shows an untouched unlabelled counter as 0 and a labelled one with no series', () => {
    const registry = new MetricsRegistry();
    registry.counter('plain_total', 'x');
    registry.counter('labelled_total', 'y', ['kind']);
    expect(registry.render()).toBe('# HELP plain_total x\n# TYPE plain_total counter\nplain_total 0\n# HELP labelled_total y\n# TYPE labelled_total counter\n');
  });

  it('keeps label tuples apart however the values are split', () => {
    const registry = new MetricsRegistry();
    const counter = registry.counter('pairs_total', 'x', ['a', 'b']);
    // Pairs that a plain join with ':' or NUL would merge.
    for (const separator of [':', '\u0000']) {
      counter.inc([`a${separator}`, 'b']);
      counter.inc(['a', `${separator}b`], 2);
      expect(counter.get([`a${separator}`, 'b'])).toBe(1);
      expect(counter.get(['a', `${separator}b`])).toBe(2);
    }
  });

  it('clears a gauge so series of removed things disappear', () => {
    const registry = new MetricsRegistry();
    const gauge = registry.gauge('things', 'x', ['name']);
    gauge.set(['old'], 1);
    gauge.clear();
    gauge.set(['new'], 2);
    expect(registry.render()).not.toContain('old');
    expect(registry.render()).toContain('things{name="new"} 2');
  });
});

describe('histograms', () => {
  it('renders cumulative buckets, +Inf, _sum and _count; a value on a bound falls in that bucket', () => {
    const registry = new MetricsRegistry();
    const latency = registry.histogram('demo_seconds', 'Latency.', ['route'], [1, 2, 5]);
    for (const value of [0.5, 1, 1.5, 7]) latency.observe(['/a'], value);
    latency.observe(['/b'], 3);
    latency.observe(['/b'], Number.NaN); // ignored
    const text = registry.render();
    expect(text).toContain(
      [
        'demo_seconds_bucket{route="/a",le="1"} 2',
        'demo_seconds_bucket{route="/a",le="2"} 3',
        'demo_seconds_bucket{route="/a",le="5"} 3',
        'demo_seconds_bucket{route="/a",le="+Inf"} 4',
        'demo_seconds_sum{route="/a"} 10',
        'demo_seconds_count{route="/a"} 4',
      ].join('\n'),
    );
    expect(text).toContain('demo_seconds_bucket{route="/b",le="2"} 0\ndemo_seconds_bucket{route="/b",le="5"} 1');
    expect(latency.summary(['/b'])).toEqual({ count: 1, sum: 3 });
    parseExposition(text);
  });

  it('shows an unlabelled histogram with no observations as zeros', () => {
    const registry = new MetricsRegistry();
    registry.histogram('idle_seconds', 'x', [], [0.1]);
    expect(registry.render()).toBe(
      '# HELP idle_seconds x\n# TYPE idle_seconds histogram\nidle_seconds_bucket{le="0.1"} 0\nidle_seconds_bucket{le="+Inf"} 0\nidle_seconds_sum 0\nidle_seconds_count 0\n',
    );
  });
});

describe('checks', () => {
  it('refuses bad names, reserved labels, clashes and bad buckets', () => {
    const registry = new MetricsRegistry();
    expect(() => registry.counter('requests', 'x')).toThrow(/_total/);
    expect(() => registry.gauge('bad-name', 'x')).toThrow(TypeError);
    expect(() => registry.gauge('ok_name', 'x', ['__reserved'])).toThrow(TypeError);
    expect(() => registry.gauge('ok_name', 'x', ['a', 'a'])).toThrow(/duplicate/);
    expect(() => registry.histogram('h_seconds', 'x', ['le'], [1])).toThrow(/reserved/);
    expect(() => registry.histogram('h_seconds', 'x', [], [2, 1])).toThrow(/increase/);
    expect(() => registry.histogram('h_seconds', 'x', [], [1, Number.POSITIVE_INFINITY])).toThrow(/finite/);
    registry.histogram('h_seconds', 'x', [], [1]);
    expect(() => registry.gauge('h_seconds_count', 'x')).toThrow(/already registered/);
    registry.gauge('g', 'x');
    expect(() => registry.gauge('g', 'x')).toThrow(/already registered/);
  });

  it('refuses a counter going down and the wrong number of label values', () => {
    const registry = new MetricsRegistry();
    const counter = registry.counter('c_total', 'x', ['a']);
    expect(() => counter.inc(['v'], -1)).toThrow(RangeError);
    expect(() => counter.inc(['v'], Number.NaN)).toThrow(RangeError);
    expect(() => counter.inc(['v', 'w'])).toThrow(/expected 1 label values/);
    expect(counter.get(['v'])).toBe(0);
  });
});
