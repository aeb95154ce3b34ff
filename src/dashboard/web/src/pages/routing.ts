// Routing: where traffic went, by policy, tier and serving model (GET /api/v1/analytics with
// group_by), and the latest decisions with filters that re-query the API (requests-list.ts).
import { fetchAnalytics, type Analytics, type AnalyticsGroup, type GroupBy } from '../analytics.ts';
import { bar, fill, figure, h, section, table, type Column } from '../dom.ts';
import { formatCount, formatMs, formatPercent, formatUsd } from '../format.ts';
import type { Page, PageInput } from '../page.ts';
import { RequestsList } from './requests-list.ts';

const GROUPINGS: readonly { by: Extract<GroupBy, 'policy' | 'tier' | 'model'>; title: string; keyHeading: string }[] = [
  { by: 'policy', title: 'By policy', keyHeading: 'Policy' },
  { by: 'tier', title: 'By tier', keyHeading: 'Tier' },
  { by: 'model', title: 'By serving model', keyHeading: 'Deployment' },
];

/** A stable, readable test id part for a group key (null = requests with no value). */
export function keyId(key: string | null): string {
  return key === null ? '(none)' : key;
}

function groupTable(by: string, keyHeading: string, result: Analytics): HTMLElement {
  const total = result.totals.requests;
  const id = (group: AnalyticsGroup, name: string) => `group-${by}-${keyId(group.key)}-${name}`;
  const columns: Column<AnalyticsGroup>[] = [
    { heading: keyHeading, cell: (group) => h('span', { 'data-testid': id(group, 'key') }, group.key ?? '(none)') },
    { heading: 'Requests', numeric: true, cell: (group) => figure(id(group, 'requests'), group.metrics.requests, formatCount) },
    {
      heading: 'Share',
      cell: (group) => {
        // The share of the window's requests: the API's group count over its total.
        const share = group.metrics.requests !== null && total !== null && total > 0 ? group.metrics.requests / total : null;
        return h('span', { class: 'bar-cell' }, bar(share, `${formatPercent(share)} of requests`), formatPercent(share));
      },
    },
    { heading: 'Spent', numeric: true, cell: (group) => figure(id(group, 'cost'), group.metrics.cost_usd, formatUsd) },
    { heading: 'Saved vs all-premium', numeric: true, cell: (group) => figure(id(group, 'savings-premium'), group.metrics.savings_vs_premium_usd, formatUsd) },
    { heading: 'Cost-routed', numeric: true, cell: (group) => figure(id(group, 'cost-routed'), group.metrics.cost_routed_requests, formatCount) },
    { heading: 'Error rate', numeric: true, cell: (group) => figure(id(group, 'error-rate'), group.metrics.error_rate, formatPercent) },
    { heading: 'Fallbacks', numeric: true, cell: (group) => figure(id(group, 'fallbacks'), group.metrics.fallback_count, formatCount) },
    { heading: 'Mean latency', numeric: true, cell: (group) => figure(id(group, 'latency'), group.metrics.avg_latency_ms, formatMs) },
  ];
  return table(`Requests by ${by} in the last 24 hours`, `groups-${by}`, columns, result.groups);
}

export function routingPage(input: PageInput): Page {
  const groupAreas = new Map(GROUPINGS.map((grouping) => [grouping.by, h('div', {})]));
  const requests = new RequestsList(input);
  const element = h(
    'div',
    {},
    ...GROUPINGS.map((grouping) => section(grouping.title, groupAreas.get(grouping.by))),
    section('Latest requests', requests.element),
  );

  return {
    title: 'Routing',
    element,
    async refresh(signal) {
      const results = await Promise.all(GROUPINGS.map((grouping) => fetchAnalytics(grouping.by, signal)));
      await requests.refresh(signal, {
        policies: results[0]?.groups.map((group) => group.key).filter((key) => key !== null) ?? [],
        tiers: results[1]?.groups.map((group) => group.key).filter((key) => key !== null) ?? [],
        models: results[2]?.groups.map((group) => group.key).filter((key) => key !== null) ?? [],
      });
      if (signal.aborted) return;
      GROUPINGS.forEach((grouping, index) => {
        const area = groupAreas.get(grouping.by);
        const result = results[index];
        if (area !== undefined && result !== undefined) fill(area, groupTable(grouping.by, grouping.keyHeading, result));
      });
    },
    destroy() {},
  };
}
