// The Prometheus text exposition format (version 0.0.4), the parts every metric family shares:
// name checks, escaping and number formatting. Rules (prometheus.io, "Exposition formats"):
// - `# HELP name text`: in the text, `\` is written `\\` and a line feed `\n`;
// - label values are double-quoted; `\`, `"` and a line feed are written `\\`, `\"` and `\n`;
// - sample values are Go floats: `NaN`, `+Inf` and `-Inf` are spelled out.

/** The Content-Type a scraper expects for this format. */
export const EXPOSITION_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

export function checkMetricName(name: string): void {
  if (!METRIC_NAME.test(name)) throw new TypeError(`metric name "${name}" must match ${METRIC_NAME.source}`);
}

/** Names starting with `__` are reserved for Prometheus itself. */
export function checkLabelName(name: string): void {
  if (!LABEL_NAME.test(name) || name.startsWith('__')) throw new TypeError(`label name "${name}" must match ${LABEL_NAME.source} and not start with "__"`);
}

export function escapeHelp(text: string): string {
  return text.replaceAll('\\', '\\\\').replaceAll('\n', '\\n');
}

export function escapeLabelValue(value: string): string {
  return value.replaceAll('\\', '\\\\').replaceAll('"', '\\"').replaceAll('\n', '\\n');
}

export function formatSampleValue(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Number.POSITIVE_INFINITY) return '+Inf';
  if (value === Number.NEGATIVE_INFINITY) return '-Inf';
  return String(value);
}

/** `{a="x",b="y"}`, or nothing when there are no labels. Names and values pair up by position. */
export function renderLabels(names: readonly string[], values: readonly string[]): string {
  if (names.length === 0) return '';
  const pairs = names.map((name, index) => `${name}="${escapeLabelValue(values[index] ?? '')}"`);
  return `{${pairs.join(',')}}`;
}

export function headerLines(name: string, help: string, type: 'counter' | 'gauge' | 'histogram'): string[] {
  return [`# HELP ${name} ${escapeHelp(help)}`, `# TYPE ${name} ${type}`];
}
