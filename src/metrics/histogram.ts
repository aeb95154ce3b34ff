// Histogram families. Each series keeps one count per bucket (not cumulative, so an observation
// touches one slot) plus the sum and count; `render` writes the cumulative `_bucket{le="…"}` lines
// the format requires, ending with `le="+Inf"` (equal to `_count`), then `_sum` and `_count`.
import { escapeLabelValue, formatSampleValue, headerLines, renderLabels } from './exposition.ts';
import { checkFamily, seriesKey, type MetricFamily } from './families.ts';

interface HistogramSeries {
  values: readonly string[];
  /** counts[i]: observations in (bounds[i-1], bounds[i]]; the last slot is above every bound. */
  counts: number[];
  sum: number;
  count: number;
}

export class Histogram implements MetricFamily {
  private readonly bounds: readonly number[];
  private readonly series = new Map<string, HistogramSeries>();

  constructor(
    readonly name: string,
    readonly help: string,
    readonly labelNames: readonly string[],
    buckets: readonly number[],
  ) {
    checkFamily(name, labelNames, ['le']);
    if (buckets.length === 0) throw new TypeError(`${name}: a histogram needs at least one bucket`);
    for (let index = 0; index < buckets.length; index++) {
      const bound = buckets[index] ?? Number.NaN;
      if (!Number.isFinite(bound)) throw new TypeError(`${name}: bucket bounds must be finite (+Inf is added)`);
      if (index > 0 && !(bound > (buckets[index - 1] ?? Number.NaN))) throw new TypeError(`${name}: bucket bounds must increase`);
    }
    this.bounds = [...buckets];
  }

  /** Counts a value in the first bucket whose upper bound is at least the value. NaN is ignored. */
  observe(values: readonly string[], value: number): void {
    if (Number.isNaN(value)) return;
    const series = this.entry(values);
    let slot = 0;
    while (slot < this.bounds.length && value > (this.bounds[slot] ?? Number.POSITIVE_INFINITY)) slot++;
    series.counts[slot] = (series.counts[slot] ?? 0) + 1;
    series.sum += value;
    series.count += 1;
  }

  /** Observation count and sum of one series (for tests and reports). */
  summary(values: readonly string[] = []): { count: number; sum: number } {
    const series = this.series.get(seriesKey(this.labelNames, values, this.name));
    return { count: series?.count ?? 0, sum: series?.sum ?? 0 };
  }

  private entry(values: readonly string[]): HistogramSeries {
    const key = seriesKey(this.labelNames, values, this.name);
    let found = this.series.get(key);
    if (found === undefined) {
      found = { values: [...values], counts: new Array<number>(this.bounds.length + 1).fill(0), sum: 0, count: 0 };
      this.series.set(key, found);
    }
    return found;
  }

  render(): string[] {
    const lines = headerLines(this.name, this.help, 'histogram');
    const empty: HistogramSeries = { values: [], counts: new Array<number>(this.bounds.length + 1).fill(0), sum: 0, count: 0 };
    const all = this.series.size === 0 && this.labelNames.length === 0 ? [empty] : [...this.series.values()];
    for (const series of all) {
      const labels = renderLabels(this.labelNames, series.values);
      const prefix = labels === '' ? '{' : `${labels.slice(0, -1)},`;
      let cumulative = 0;
      this.bounds.forEach((bound, index) => {
        cumulative += series.counts[index] ?? 0;
        lines.push(`${this.name}_bucket${prefix}le="${escapeLabelValue(formatSampleValue(bound))}"} ${cumulative}`);
      });
      lines.push(`${this.name}_bucket${prefix}le="+Inf"} ${series.count}`);
      lines.push(`${this.name}_sum${labels} ${formatSampleValue(series.sum)}`);
      lines.push(`${this.name}_count${labels} ${series.count}`);
    }
    return lines;
  }
}
