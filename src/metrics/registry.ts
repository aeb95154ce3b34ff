// A set of metric families rendered as one Prometheus text exposition. Families are rendered in
// registration order, each as HELP, TYPE and its samples, so no family is split across the page.
import { Counter, Gauge, type MetricFamily } from './families.ts';
import { Histogram } from './histogram.ts';

export class MetricsRegistry {
  private readonly families = new Map<string, MetricFamily>();

  counter(name: string, help: string, labelNames: readonly string[] = []): Counter {
    return this.add(new Counter(name, help, labelNames));
  }

  gauge(name: string, help: string, labelNames: readonly string[] = []): Gauge {
    return this.add(new Gauge(name, help, labelNames));
  }

  histogram(name: string, help: string, labelNames: readonly string[], buckets: readonly number[]): Histogram {
    return this.add(new Histogram(name, help, labelNames, buckets));
  }

  /** The whole exposition, ending with a line feed as the format requires. */
  render(): string {
    const lines: string[] = [];
    for (const family of this.families.values()) lines.push(...family.render());
    return `${lines.join('\n')}\n`;
  }

  private add<Family extends MetricFamily>(family: Family): Family {
    // A histogram's `_bucket`, `_sum` and `_count` series must not clash with another family either.
    const taken = [...this.families.values()].some((other) => other.name === family.name || clashes(other, family) || clashes(family, other));
    if (taken) throw new TypeError(`metric "${family.name}" is already registered`);
    this.families.set(family.name, family);
    return family;
  }
}

function clashes(histogram: MetricFamily, other: MetricFamily): boolean {
  return histogram instanceof Histogram && ['_bucket', '_sum', '_count'].some((suffix) => `${histogram.name}${suffix}` === other.name);
}
