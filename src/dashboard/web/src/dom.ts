// Small DOM helpers: an element builder, figure tiles, status badges and scrollable tables. Every
// figure gets a `data-testid` and, where it is a number, `data-value` with the API's raw value.

type Child = Node | string | null | undefined | false;
type Attributes = Readonly<Record<string, string | number | boolean | null | undefined>>;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Attributes = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) continue;
    element.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child);
  }
  return element;
}

/** A number cell or tile value: formatted text, raw value in `data-value` for tests. */
export function figure(testId: string, value: number | null, format: (value: number | null) => string, tag: 'span' | 'strong' = 'span'): HTMLElement {
  return h(tag, { 'data-testid': testId, 'data-value': value === null ? '' : String(value) }, format(value));
}

/** A big-number tile: label, value, optional note. */
export function tile(label: string, testId: string, value: number | null, format: (value: number | null) => string, note?: string): HTMLElement {
  return h('div', { class: 'tile' }, h('span', { class: 'tile-label' }, label), figure(testId, value, format, 'strong'), note === undefined ? null : h('span', { class: 'tile-note' }, note));
}

const GOOD = new Set(['healthy', 'ok', 'closed', 'accepted', 'better', 'passed', 'running']);
const WARN = new Set(['degraded', 'half_open', 'soft', 'throttle', 'trade_off', 'not_enough_data', 'no_difference', 'client_closed']);
const NEUTRAL = new Set(['unknown', 'scheduled', 'ended']);

/** A state word with a colour class; the word itself carries the meaning (not colour alone). */
export function badge(text: string | null, testId?: string): HTMLElement {
  const value = text ?? 'unknown';
  const tone = GOOD.has(value) ? 'good' : WARN.has(value) ? 'warn' : NEUTRAL.has(value) ? 'neutral' : 'bad';
  return h('span', { class: `badge badge-${tone}`, 'data-testid': testId }, value.replaceAll('_', ' '));
}

export interface Column<Row> {
  heading: string;
  /** Right-aligned when numeric. */
  numeric?: boolean;
  cell(row: Row): Child;
}

/** A table inside a keyboard-scrollable region, so wide tables scroll instead of the page. */
export function table<Row>(caption: string, testId: string, columns: readonly Column<Row>[], rows: readonly Row[], rowAttributes?: (row: Row) => Attributes): HTMLElement {
  const head = h('tr', {}, ...columns.map((column) => h('th', { scope: 'col', class: column.numeric === true ? 'num' : null }, column.heading)));
  const body = rows.map((row) => h('tr', rowAttributes?.(row) ?? {}, ...columns.map((column) => h('td', { class: column.numeric === true ? 'num' : null }, column.cell(row)))));
  const element = h('table', { 'data-testid': testId }, h('caption', {}, caption), h('thead', {}, head), h('tbody', {}, ...body));
  return h('div', { class: 'table-scroll', role: 'region', 'aria-label': caption, tabindex: 0 }, element);
}

/** A horizontal bar for a share in 0..1 (values above 1 are drawn full and marked over). */
export function bar(share: number | null, label: string, testId?: string): HTMLElement {
  const clamped = share === null ? 0 : Math.max(0, Math.min(1, share));
  const fill = h('span', { class: `bar-fill${share !== null && share > 1 ? ' bar-over' : ''}` });
  fill.style.width = `${(clamped * 100).toFixed(1)}%`;
  return h('span', { class: 'bar', role: 'img', 'aria-label': label, 'data-testid': testId }, fill);
}

export function section(title: string, ...children: Child[]): HTMLElement {
  return h('section', { class: 'panel' }, h('h2', {}, title), ...children);
}

export function empty(text: string, testId?: string): HTMLElement {
  return h('p', { class: 'empty', 'data-testid': testId }, text);
}

/** Replaces an element's children. */
export function fill(target: Element, ...children: Child[]): void {
  target.replaceChildren(...children.filter((child): child is Node | string => child !== null && child !== undefined && child !== false));
}
