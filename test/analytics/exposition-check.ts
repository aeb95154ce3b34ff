// A checker for the Prometheus text format (0.0.4), written from the format's rules, that also
// parses the page so tests can read values back: families contiguous with one HELP and one TYPE
// before their samples, sample names that belong to their family, well-formed and escaped labels,
// Go-float values, counters >= 0, and histograms whose buckets are cumulative, increasing in `le`,
// end with `+Inf` and agree with `_count`.
import { expect } from 'vitest';

export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

export interface Family {
  name: string;
  help: string;
  type: 'counter' | 'gauge' | 'histogram';
  samples: Sample[];
}

const NAME = '[a-zA-Z_:][a-zA-Z0-9_:]*';
const SAMPLE = new RegExp(`^(${NAME})(?:\\{(.*)\\})? (\\S+)$`);
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\\n]|\\[\\"n])*)"(,|$)/y;

function parseValue(text: string): number {
  if (text === '+Inf') return Number.POSITIVE_INFINITY;
  if (text === '-Inf') return Number.NEGATIVE_INFINITY;
  if (text === 'NaN') return Number.NaN;
  expect(text, `value "${text}"`).toMatch(/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/);
  return Number(text);
}

function unescape(value: string): string {
  return value.replace(/\\([\\"n])/g, (_all, character: string) => (character === 'n' ? '\n' : character));
}

function parseLabels(text: string | undefined): Record<string, string> {
  const labels: Record<string, string> = {};
  if (text === undefined || text === '') return labels;
  LABEL.lastIndex = 0;
  while (LABEL.lastIndex < text.length) {
    const start = LABEL.lastIndex;
    const match = LABEL.exec(text);
    expect(match, `labels "${text}" at ${start}`).not.toBeNull();
    if (match === null) break;
    const name = match[1] ?? '';
    expect(labels[name], `label ${name} repeated`).toBeUndefined();
    labels[name] = unescape(match[2] ?? '');
    if (match[3] === '') break;
  }
  expect(LABEL.lastIndex, `labels "${text}" fully parsed`).toBe(text.length);
  return labels;
}

function belongs(family: Family, sampleName: string): boolean {
  if (family.type !== 'histogram') return sampleName === family.name;
  return ['_bucket', '_sum', '_count'].some((suffix) => sampleName === `${family.name}${suffix}`);
}

function checkHistogram(family: Family): void {
  const series = new Map<string, { buckets: [number, number][]; count?: number; sum?: number }>();
  for (const sample of family.samples) {
    const { le, ...rest } = sample.labels;
    const key = JSON.stringify(Object.entries(rest).sort());
    const entry = series.get(key) ?? { buckets: [] };
    series.set(key, entry);
    if (sample.name.endsWith('_bucket')) {
      expect(le, `${family.name}: bucket without le`).toBeDefined();
      entry.buckets.push([parseValue(le ?? ''), sample.value]);
    } else if (sample.name.endsWith('_count')) entry.count = sample.value;
    else entry.sum = sample.value;
  }
  for (const [key, entry] of series) {
    expect(entry.count, `${family.name}${key}: _count`).toBeDefined();
    expect(entry.sum, `${family.name}${key}: _sum`).toBeDefined();
    const bounds = entry.buckets.map(([bound]) => bound);
    expect(bounds.at(-1), `${family.name}: last bucket is +Inf`).toBe(Number.POSITIVE_INFINITY);
    for (let index = 1; index < entry.buckets.length; index++) {
      const [previousBound, previousCount] = entry.buckets[index - 1] ?? [0, 0];
      const [bound, count] = entry.buckets[index] ?? [0, 0];
      expect(bound, `${family.name}: le increases`).toBeGreaterThan(previousBound);
      expect(count, `${family.name}: buckets are cumulative`).toBeGreaterThanOrEqual(previousCount);
    }
    expect(entry.buckets.at(-1)?.[1], `${family.name}: +Inf bucket equals _count`).toBe(entry.count);
  }
}

/** Checks the whole page and returns its families by name. */
export function parseExposition(text: string): Map<string, Family> {
  expect(text.endsWith('\n'), 'ends with a line feed').toBe(true);
  const families = new Map<string, Family>();
  let current: Family | undefined;
  let pendingHelp: { name: string; help: string } | undefined;
  for (const line of text.slice(0, -1).split('\n')) {
    expect(line, 'no empty lines').not.toBe('');
    const help = new RegExp(`^# HELP (${NAME}) (.*)$`).exec(line);
    if (help !== null) {
      const name = help[1] ?? '';
      expect(families.has(name), `${name}: one HELP`).toBe(false);
      expect(help[2], `${name}: HELP escapes line feeds and backslashes`).toMatch(/^(?:[^\\]|\\[\\n])*$/);
      pendingHelp = { name, help: help[2] ?? '' };
      continue;
    }
    const type = new RegExp(`^# TYPE (${NAME}) (counter|gauge|histogram)$`).exec(line);
    if (type !== null) {
      const name = type[1] ?? '';
      expect(families.has(name), `${name}: one TYPE`).toBe(false);
      expect(pendingHelp?.name, `${name}: HELP right before TYPE`).toBe(name);
      current = { name, help: pendingHelp?.help ?? '', type: type[2] as Family['type'], samples: [] };
      families.set(name, current);
      pendingHelp = undefined;
      continue;
    }
    expect(line.startsWith('#'), `unexpected comment "${line}"`).toBe(false);
    const sample = SAMPLE.exec(line);
    expect(sample, `sample line "${line}"`).not.toBeNull();
    if (sample === null || current === undefined) throw new Error(`sample before any TYPE: ${line}`);
    const name = sample[1] ?? '';
    expect(belongs(current, name), `${name} inside family ${current.name}`).toBe(true);
    const value = parseValue(sample[3] ?? '');
    if (current.type === 'counter') expect(value, `${name} >= 0`).toBeGreaterThanOrEqual(0);
    current.samples.push({ name, labels: parseLabels(sample[2]), value });
  }
  for (const family of families.values()) if (family.type === 'histogram') checkHistogram(family);
  return families;
}

/** The value of the one sample with exactly these labels (and this sample name, for histograms). */
export function valueOf(families: Map<string, Family>, family: string, labels: Record<string, string> = {}, sampleName = family): number | undefined {
  const found = families.get(family)?.samples.filter((sample) => sample.name === sampleName && JSON.stringify(Object.entries(sample.labels).sort()) === JSON.stringify(Object.entries(labels).sort()));
  expect(found === undefined || found.length <= 1, `${family}${JSON.stringify(labels)} appears once`).toBe(true);
  return found?.[0]?.value;
}
