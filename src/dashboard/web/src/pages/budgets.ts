// Budgets: every budget in its current period from GET /api/v1/admin/budgets: spent and reserved
// against the limit as a bar, and the state the budget puts on routing (ok, soft, throttle, exhausted).
import { getJson } from '../api.ts';
import { badge, bar, empty, fill, figure, h, section, table, type Column } from '../dom.ts';
import { listOrWrapped, num, obj, str, time, type Json } from '../fields.ts';
import { formatPercent, formatTime, formatUsd } from '../format.ts';
import type { Page } from '../page.ts';

function scopeText(budget: Json): string {
  const scope = obj(budget, 'scope');
  if (scope === null) return str(budget, 'scope') ?? '—';
  return `${str(scope, 'kind') ?? '?'} ${str(scope, 'value') ?? '?'}`;
}

function columns(): Column<Json>[] {
  const id = (row: Json, name: string) => `budget-${str(row, 'id') ?? '?'}-${name}`;
  return [
    { heading: 'Budget', cell: (row) => h('strong', {}, str(row, 'id') ?? '?') },
    { heading: 'Scope', cell: (row) => scopeText(row) },
    { heading: 'Period', cell: (row) => h('span', {}, str(row, 'period') ?? '—', h('span', { class: 'muted block' }, `ends ${formatTime(time(row, 'period_end'))}`)) },
    {
      heading: 'Spent of limit',
      cell: (row) => {
        const limit = num(row, 'limit_usd');
        const used = num(row, 'used_share');
        const reserved = num(row, 'reserved_usd');
        return h(
          'span',
          { class: 'budget-bar' },
          bar(used, `${formatPercent(used)} of the limit spent`, id(row, 'bar')),
          h('span', {}, figure(id(row, 'spent'), num(row, 'spent_usd'), formatUsd), ' of ', figure(id(row, 'limit'), limit, formatUsd), ` (${formatPercent(used)})`),
          reserved === null || reserved === 0 ? null : h('span', { class: 'muted block' }, 'reserved in flight: ', figure(id(row, 'reserved'), reserved, formatUsd)),
        );
      },
    },
    { heading: 'Available', numeric: true, cell: (row) => figure(id(row, 'available'), num(row, 'available_usd'), formatUsd) },
    { heading: 'State', cell: (row) => badge(str(row, 'state'), id(row, 'state')) },
  ];
}

export function budgetsPage(): Page {
  const area = h('div', {});
  const element = h('div', {}, section('Budgets in their current period', area));
  return {
    title: 'Budgets',
    element,
    async refresh(signal) {
      const { body } = await getJson('/api/v1/admin/budgets', signal);
      if (signal.aborted) return;
      const budgets = listOrWrapped(body, 'budgets');
      fill(area, budgets.length === 0 ? empty('No budgets configured.', 'budgets-empty') : table('Budgets', 'budgets-table', columns(), budgets));
    },
    destroy() {},
  };
}
