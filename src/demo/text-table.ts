// Plain-text tables and number formats for the report: aligned columns, no colours, so the output
// reads the same in a terminal, a CI log or a pasted issue.

export type Align = 'left' | 'right';

/** Rows of cells under a header row; numbers right-aligned where `align` says so. */
export function renderTable(header: readonly string[], rows: readonly (readonly string[])[], align: readonly Align[], indent = '  '): string[] {
  const widths = header.map((cell, column) => Math.max(cell.length, ...rows.map((row) => (row[column] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    indent +
    cells
      .map((cell, column) => {
        const width = widths[column] ?? cell.length;
        return (align[column] ?? 'left') === 'right' ? cell.padStart(width) : cell.padEnd(width);
      })
      .join('  ')
      .trimEnd();
  return [line(header), indent + widths.map((width) => '-'.repeat(width)).join('  '), ...rows.map(line)];
}

export function usd(value: number): string {
  return `$${value.toFixed(4)}`;
}

export function percent(value: number | null, digits = 1): string {
  return value === null ? 'n/a' : `${value.toFixed(digits)}%`;
}

export function share(part: number, whole: number): string {
  return whole > 0 ? percent((100 * part) / whole, 0) : 'n/a';
}

export function milliseconds(value: number | null): string {
  return value === null ? 'n/a' : `${Math.round(value)} ms`;
}

export function seconds(valueMs: number): string {
  return `${(valueMs / 1000).toFixed(1)} s`;
}

export function score(value: number | null): string {
  return value === null ? 'n/a' : value.toFixed(3);
}

/** "a 3, b 1" from counts, largest first; `none` when empty. */
export function countList(counts: Readonly<Record<string, number>>, none = 'none'): string {
  const entries = Object.entries(counts).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  return entries.length === 0 ? none : entries.map(([key, count]) => `${key} ${count}`).join(', ');
}

export function heading(number: number, title: string): string[] {
  const text = `${number}. ${title}`;
  return ['', text, '-'.repeat(text.length)];
}
