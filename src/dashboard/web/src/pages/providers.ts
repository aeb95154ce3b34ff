// Providers: live health per provider and deployment from GET /api/v1/admin/router/health, which
// the gateway computes from real traffic (no billed probe calls): status, latency, success rate,
// circuit breaker, last error.
import { getJson } from '../api.ts';
import { badge, empty, fill, figure, h, section, table, type Column } from '../dom.ts';
import { list, num, obj, str, time, type Json } from '../fields.ts';
import { formatCount, formatMs, formatPercent, formatTime } from '../format.ts';
import type { Page } from '../page.ts';

function providerColumns(): Column<Json>[] {
  const id = (row: Json, name: string) => `provider-${str(row, 'id') ?? '?'}-${name}`;
  return [
    { heading: 'Provider', cell: (row) => h('strong', {}, str(row, 'id') ?? '?') },
    { heading: 'Type', cell: (row) => str(row, 'type') ?? '—' },
    { heading: 'Region', cell: (row) => str(row, 'region') ?? '—' },
    { heading: 'Status', cell: (row) => badge(str(row, 'status'), id(row, 'status')) },
    { heading: 'Best latency', numeric: true, cell: (row) => figure(id(row, 'latency'), num(row, 'latency_ms'), formatMs) },
    { heading: 'Success rate', numeric: true, cell: (row) => figure(id(row, 'success-rate'), num(row, 'success_rate'), formatPercent) },
    { heading: 'Deployments', cell: (row) => list(row, 'deployments').filter((value) => typeof value === 'string').join(', ') },
  ];
}

function deploymentColumns(): Column<Json>[] {
  const id = (row: Json, name: string) => `deployment-${str(row, 'id') ?? '?'}-${name}`;
  return [
    { heading: 'Deployment', cell: (row) => h('strong', {}, str(row, 'id') ?? '?') },
    { heading: 'Provider', cell: (row) => str(row, 'provider') ?? '—' },
    { heading: 'Model', cell: (row) => h('code', {}, str(row, 'model') ?? '—') },
    { heading: 'Tier', cell: (row) => str(row, 'tier') ?? '—' },
    { heading: 'Status', cell: (row) => badge(str(row, 'status'), id(row, 'status')) },
    { heading: 'Latency', numeric: true, cell: (row) => figure(id(row, 'latency'), num(row, 'latency_ms'), formatMs) },
    { heading: 'Success rate', numeric: true, cell: (row) => figure(id(row, 'success-rate'), num(row, 'success_rate'), formatPercent) },
    { heading: 'In flight', numeric: true, cell: (row) => figure(id(row, 'in-flight'), num(row, 'in_flight'), formatCount) },
    {
      heading: 'Breaker',
      cell: (row) => {
        const breaker = obj(row, 'breaker');
        const failures = num(breaker, 'consecutive_failures');
        return h('span', {}, badge(str(breaker, 'state'), id(row, 'breaker')), failures === null || failures === 0 ? null : h('span', { class: 'muted' }, ` ${formatCount(failures)} failures in a row`));
      },
    },
    {
      heading: 'Last error',
      cell: (row) => {
        const errorClass = str(row, 'last_error_class');
        if (errorClass === null) return h('span', { 'data-testid': id(row, 'last-error') }, '—');
        return h('span', { 'data-testid': id(row, 'last-error') }, h('code', {}, errorClass), h('span', { class: 'muted block' }, formatTime(time(row, 'last_error_at'))));
      },
    },
  ];
}

export function providersPage(): Page {
  const providerArea = h('div', {});
  const deploymentArea = h('div', {});
  const element = h(
    'div',
    {},
    h('p', { class: 'muted' }, 'Health comes from real traffic only: a deployment nobody called has no latency or success rate yet.'),
    section('Providers', providerArea),
    section('Deployments', deploymentArea),
  );
  return {
    title: 'Providers',
    element,
    async refresh(signal) {
      const { body } = await getJson('/api/v1/admin/router/health', signal);
      if (signal.aborted) return;
      const providers = list(body, 'providers');
      const deployments = list(body, 'deployments');
      fill(providerArea, providers.length === 0 ? empty('No providers configured.') : table('Providers', 'providers-table', providerColumns(), providers));
      fill(deploymentArea, deployments.length === 0 ? empty('No deployments configured.') : table('Deployments', 'deployments-table', deploymentColumns(), deployments));
    },
    destroy() {},
  };
}
