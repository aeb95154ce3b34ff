// Counter and gauge families: one series per distinct tuple of label values. Label values are
// given by position (in the order of the family's label names), so an update is one string join
// and one map lookup: O(number of labels), no allocation beyond the key once a series exists.
import { checkLabelName, checkMetricName, formatSampleValue, headerLines, renderLabels } from './exposition.ts';

/** What the registry needs from every family. */
export interface MetricFamily {
  readonly name: string;
  /** HELP and TYPE lines, then one line per sample. */
  render(): string[];
}

export function seriesKey(labelNames: readonly string[], values: readonly string[], family: string): string {
  if (values.length !== labelNames.length) {
    throw new TypeError(`${family}: expected ${labelNames.length} label values (${labelNames.join(', ')}), got ${values.length}`);
  }
  // Length-prefixed, so no choice of values can make two different tuples share a key.
  if (values.length === 1) return values[0] ?? '';
  let key = '';
  for (const value of values) key += `${value.length}:${value}`;
  return key;
}

export function checkFamily(name: string, labelNames: readonly string[], reserved: readonly string[] = []): void {
  checkMetricName(name);
  for (const label of labelNames) {
    checkLabelName(label);
    if (reserved.includes(label)) throw new TypeError(`${name}: label name "${label}" is reserved`);
  }
  if (new Set(labelNames).size !== labelNames.length) throw new TypeError(`${name}: duplicate label names`);
}

interface Series {
  values: readonly string[];
  value: number;
}

abstract class ScalarFamily implements MetricFamily {
  protected readonly series = new Map<string, Series>();

  constructor(
    readonly name: string,
    readonly help: string,
    readonly labelNames: readonly string[],
    private readonly type: 'counter' | 'gauge',
  ) {
    checkFamily(name, labelNames);
  }

  /** The current value of one series; 0 when it was never touched. */
  get(values: readonly string[] = []): number {
    return this.series.get(seriesKey(this.labelNames, values, this.name))?.value ?? 0;
  }

  protected entry(values: readonly string[]): Series {
    const key = seriesKey(this.labelNames, values, this.name);
    let found = this.series.get(key);
    if (found === undefined) {
      found = { values: [...values], value: 0 };
      this.series.set(key, found);
    }
    return found;
  }

  render(): string[] {
    const lines = headerLines(this.name, this.help, this.type);
    // A family without labels always shows its value, so a scraper sees 0 rather than nothing.
    if (this.labelNames.length === 0 && this.series.size === 0) lines.push(`${this.name} 0`);
    for (const { values, value } of this.series.values()) {
      lines.push(`${this.name}${renderLabels(this.labelNames, values)} ${formatSampleValue(value)}`);
    }
    return lines;
  }
}

/** Only goes up (a restart resets it; Prometheus' `rate()` handles that). */
export class Counter extends ScalarFamily {
  constructor(name: string, help: string, labelNames: readonly string[] = []) {
    if (!name.endsWith('_total')) throw new TypeError(`counter "${name}" must end in _total`);
    super(name, help, labelNames, 'counter');
  }

  inc(values: readonly string[] = [], amount = 1): void {
    if (!(amount >= 0) || amount === Number.POSITIVE_INFINITY) throw new RangeError(`${this.name}: a counter only grows by a finite amount >= 0, got ${amount}`);
    this.entry(values).value += amount;
  }
}

/** A value sampled at scrape time (breaker state, budget spend). */
export class Gauge extends ScalarFamily {
  constructor(name: string, help: string, labelNames: readonly string[] = []) {
    super(name, help, labelNames, 'gauge');
  }

  set(values: readonly string[], value: number): void {
    this.entry(values).value = value;
  }

  /** Forgets every series: for gauges whose label set follows the config (deployments, budgets). */
  clear(): void {
    this.series.clear();
  }
}
