// The latest request records (GET /api/v1/analytics/requests), newest first, with filters for
// policy, tier, serving model and status. A filter change re-queries the API and is kept in the
// hash route, so a filtered view can be linked and survives a reload.
import { getJson, withQuery } from '../api.ts';
import { badge, empty, fill, figure, h, table, type Column } from '../dom.ts';
import { bool, list, listOrWrapped, num, obj, str, time, type Json } from '../fields.ts';
import { formatMs, formatTime, formatUsd } from '../format.ts';
import type { PageInput } from '../page.ts';

const FILTERS = ['policy', 'tier', 'model', 'status'] as const;
type Filter = (typeof FILTERS)[number];
const STATUSES = ['ok', 'error', 'stream_error', 'client_closed'];
const PAGE_SIZE = 25;
const MAX_LIMIT = 200;

export interface FilterChoices {
  policies: string[];
  tiers: string[];
  models: string[];
}

interface Row {
  id: string;
  record: Json;
}

function attemptsCell(record: Json): HTMLElement {
  const attempts = list(record, 'attempts');
  const failures = attempts
    .filter((attempt) => str(attempt, 'status') !== 'ok')
    .map((attempt) => `${str(attempt, 'deployment') ?? '?'}: ${str(attempt, 'error_class') ?? str(attempt, 'status') ?? '?'}`);
  return h('span', {}, h('span', { 'data-testid': 'attempt-count' }, String(attempts.length)), failures.length === 0 ? null : h('span', { class: 'muted' }, ` (${failures.join(', ')})`));
}

function decisionCell(record: Json): HTMLElement {
  const deployment = str(record, 'final_deployment', 'deployment');
  const tier = str(record, 'tier');
  const control = str(record, 'control');
  const score = num(record, 'score');
  return h(
    'span',
    {},
    h('strong', {}, deployment ?? 'none'),
    tier === null ? null : ` (${tier})`,
    control === null && score === null ? null : h('span', { class: 'muted block' }, [control, score === null ? null : `score ${score.toFixed(2)}`].filter((part) => part !== null).join(', ')),
  );
}

export class RequestsList {
  readonly element: HTMLElement;
  private readonly selects: Record<Filter, HTMLSelectElement>;
  private readonly tableArea = h('div', {});
  private readonly more: HTMLButtonElement;
  private limit = PAGE_SIZE;

  constructor(private readonly input: PageInput) {
    const make = (name: Filter, label: string) => {
      const select = h('select', { id: `filter-${name}`, name, 'data-testid': `filter-${name}` }, h('option', { value: '' }, 'any'));
      const current = input.params.get(name);
      if (current !== null && current !== '') select.append(h('option', { value: current }, current));
      select.value = current ?? '';
      select.addEventListener('change', () => this.filterChanged());
      return { select, field: h('div', { class: 'field' }, h('label', { for: `filter-${name}` }, label), select) };
    };
    const policy = make('policy', 'Policy');
    const tier = make('tier', 'Tier');
    const model = make('model', 'Serving model');
    const status = make('status', 'Status');
    this.selects = { policy: policy.select, tier: tier.select, model: model.select, status: status.select };
    this.setOptions('status', STATUSES);
    this.more = h('button', { type: 'button', class: 'button-secondary', 'data-testid': 'requests-more' }, 'Show more');
    this.more.addEventListener('click', () => {
      this.limit = Math.min(MAX_LIMIT, this.limit * 2);
      input.refreshNow();
    });
    const form = h('form', { class: 'filters', 'aria-label': 'Filter requests' }, policy.field, tier.field, model.field, status.field);
    form.addEventListener('submit', (event) => event.preventDefault());
    this.element = h('div', {}, form, this.tableArea, this.more);
  }

  private filterChanged(): void {
    const params = new URLSearchParams();
    for (const name of FILTERS) if (this.selects[name].value !== '') params.set(name, this.selects[name].value);
    this.limit = PAGE_SIZE;
    this.input.setParams(params);
    this.input.refreshNow();
  }

  /** Adds options not there yet, in place, so a select keeps its value and focus across polls. */
  private setOptions(name: Filter, values: readonly string[]): void {
    const select = this.selects[name];
    const present = new Set(Array.from(select.options, (option) => option.value));
    for (const value of values) if (!present.has(value)) select.append(h('option', { value }, value));
  }

  async refresh(signal: AbortSignal, choices: FilterChoices): Promise<void> {
    this.setOptions('policy', choices.policies);
    this.setOptions('tier', choices.tiers);
    this.setOptions('model', choices.models);
    const query: Record<string, string | number> = { limit: this.limit };
    for (const name of FILTERS) if (this.selects[name].value !== '') query[name] = this.selects[name].value;
    const { body } = await getJson(withQuery('/api/v1/analytics/requests', query), signal);
    if (signal.aborted) return;
    // A stored request may come as { record, premium_cost_usd, tags } or as the record itself.
    const rows: Row[] = listOrWrapped(body, 'requests', 'data', 'items').map((item, index) => {
      const record = obj(item, 'record') ?? item;
      return { id: str(record, 'request_id', 'id') ?? `row-${index}`, record };
    });
    this.more.hidden = rows.length < this.limit || this.limit >= MAX_LIMIT;
    const summary = h('p', { class: 'muted' }, h('span', { 'data-testid': 'requests-count' }, String(rows.length)), ` request${rows.length === 1 ? '' : 's'} shown, newest first.`);
    if (rows.length === 0) {
      fill(this.tableArea, summary, empty('No requests match.', 'requests-empty'));
      return;
    }
    fill(this.tableArea, summary, table('Latest requests', 'requests-table', this.columns(), rows, (row) => ({ 'data-request-id': row.id })));
  }

  private columns(): Column<Row>[] {
    const id = (row: Row, name: string) => `request-${row.id}-${name}`;
    return [
      { heading: 'Received', cell: (row) => formatTime(time(row.record, 'received_at')) },
      { heading: 'Request', cell: (row) => h('code', { title: row.id }, row.id.length > 14 ? `${row.id.slice(0, 12)}…` : row.id) },
      { heading: 'Asked for', cell: (row) => str(row.record, 'requested') ?? '—' },
      {
        heading: 'Policy',
        cell: (row) => {
          const experiment = obj(row.record, 'experiment');
          return h('span', {}, h('span', { 'data-testid': id(row, 'policy') }, str(row.record, 'policy') ?? '—'), experiment === null ? null : h('span', { class: 'muted block' }, `A/B ${str(experiment, 'id') ?? '?'}: ${str(experiment, 'arm') ?? '?'}`));
        },
      },
      { heading: 'Decision', cell: (row) => h('span', { 'data-testid': id(row, 'decision') }, decisionCell(row.record)) },
      { heading: 'Reason', cell: (row) => h('span', { class: 'reason' }, str(row.record, 'reason') ?? '—') },
      { heading: 'Attempts', numeric: true, cell: (row) => h('span', { 'data-testid': id(row, 'attempts') }, attemptsCell(row.record)) },
      {
        heading: 'Status',
        cell: (row) => {
          const status = str(row.record, 'status');
          const code = num(row.record, 'http_status');
          const cascade = obj(row.record, 'cascade');
          return h('span', {}, badge(status, id(row, 'status')), code === null ? null : ` ${code}`, cascade === null ? null : h('span', { class: 'muted block' }, `cascade: ${str(cascade, 'outcome') ?? '?'}`));
        },
      },
      { heading: 'Latency', numeric: true, cell: (row) => figure(id(row, 'latency'), num(row.record, 'latency_ms'), formatMs) },
      {
        heading: 'Added by fallback',
        numeric: true,
        cell: (row) => (bool(row.record, 'fallback') === false ? '—' : figure(id(row, 'added-latency'), num(row.record, 'fallback_latency_ms'), formatMs)),
      },
      { heading: 'Cost', numeric: true, cell: (row) => figure(id(row, 'cost'), num(row.record, 'cost_usd'), formatUsd) },
      {
        heading: 'Δ vs reference',
        numeric: true,
        cell: (row) => h('span', { title: `reference: ${str(row.record, 'reference_deployment') ?? '?'}` }, figure(id(row, 'delta'), num(row.record, 'cost_delta_usd'), formatUsd)),
      },
    ];
  }
}
