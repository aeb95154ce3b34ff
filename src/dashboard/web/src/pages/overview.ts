// Overview: the big numbers for the chosen window (totals from GET /api/v1/analytics) and, over
// time, what was spent against what all-premium would have cost, and requests with errors.
import { fetchAnalytics, timeBuckets, type Metrics } from '../analytics.ts';
import { LineChart } from '../charts.ts';
import { fill, h, section, tile } from '../dom.ts';
import { formatCount, formatMs, formatPercent, formatUsd } from '../format.ts';
import type { Page, PageInput } from '../page.ts';

const RANGES = [
  { id: '24h', label: 'Last 24 hours', groupBy: 'hour', days: null },
  { id: '7d', label: 'Last 7 days', groupBy: 'day', days: 7 },
  { id: '30d', label: 'Last 30 days', groupBy: 'day', days: 30 },
] as const;

type Range = (typeof RANGES)[number];

const hourLabel = (seconds: number) => new Date(seconds * 1000).toISOString().slice(5, 13).replace('T', ' ') + 'h';
const dayLabel = (seconds: number) => new Date(seconds * 1000).toISOString().slice(0, 10);

function tiles(totals: Metrics): HTMLElement {
  return h(
    'div',
    { class: 'tiles' },
    tile('Requests', 'tile-requests', totals.requests, formatCount),
    tile('Spent', 'tile-cost', totals.cost_usd, formatUsd),
    tile('Saved vs all-premium', 'tile-savings-premium', totals.savings_vs_premium_usd, formatUsd, `all-premium: ${formatUsd(totals.premium_cost_usd)}`),
    tile('Saved vs requested models', 'tile-savings-requested', totals.savings_vs_requested_usd, formatUsd),
    tile('Strong-tier share', 'tile-strong-share', totals.strong_tier_share, formatPercent),
    tile('Error rate', 'tile-error-rate', totals.error_rate, formatPercent, `${formatCount(totals.errors)} errors`),
    tile('Mean latency', 'tile-avg-latency', totals.avg_latency_ms, formatMs),
    tile('Fallbacks', 'tile-fallbacks', totals.fallback_count, formatCount, `success ${formatPercent(totals.fallback_success_rate)}`),
    tile('Escalation rate', 'tile-escalation-rate', totals.escalation_rate, formatPercent),
    tile('Overkill (premium for simple)', 'tile-overkill', totals.overkill_count, formatCount),
  );
}

export function overviewPage(input: PageInput): Page {
  let range: Range = RANGES.find((candidate) => candidate.id === input.params.get('range')) ?? RANGES[0];
  const tileArea = h('div', { 'data-testid': 'overview-tiles' });
  const windowText = h('p', { class: 'muted', 'data-testid': 'overview-window' });
  let charts = makeCharts(range);
  const chartArea = h('div', { class: 'chart-grid' });

  const buttons = RANGES.map((candidate) => {
    const button = h('button', { type: 'button', class: 'toggle', 'data-testid': `range-${candidate.id}`, 'aria-pressed': String(candidate.id === range.id) }, candidate.label);
    button.addEventListener('click', () => {
      range = candidate;
      for (const other of buttons) other.setAttribute('aria-pressed', String(other === button));
      input.setParams(new URLSearchParams({ range: candidate.id }));
      charts.cost.destroy();
      charts.traffic.destroy();
      charts = makeCharts(range);
      fill(chartArea, charts.cost.element, charts.traffic.element);
      input.refreshNow();
    });
    return button;
  });
  fill(chartArea, charts.cost.element, charts.traffic.element);

  const element = h(
    'div',
    {},
    h('div', { class: 'toolbar', role: 'group', 'aria-label': 'Time window' }, ...buttons),
    windowText,
    tileArea,
    section('Over time', chartArea),
  );

  return {
    title: 'Overview',
    element,
    async refresh(signal) {
      const now = Date.now();
      const window = range.days === null ? {} : { from: new Date(now - range.days * 86_400_000).toISOString(), to: new Date(now).toISOString() };
      const result = await fetchAnalytics(range.groupBy, signal, window);
      if (signal.aborted) return;
      windowText.textContent = `${result.from ?? '?'} to ${result.to ?? '?'} (UTC), ${range.groupBy === 'hour' ? 'hourly' : 'daily'}.`;
      fill(tileArea, tiles(result.totals));
      const { starts, groups } = timeBuckets(result, range.groupBy);
      const seconds = starts.map((start) => start / 1000);
      const series = (name: keyof Metrics) => groups.map((group) => (group === null ? null : group[name]));
      charts.cost.update(seconds, [series('cost_usd'), series('premium_cost_usd'), series('savings_vs_premium_usd')]);
      charts.traffic.update(seconds, [series('requests'), series('errors'), series('strong_tier_share')]);
    },
    destroy() {
      charts.cost.destroy();
      charts.traffic.destroy();
    },
  };
}

function makeCharts(range: Range): { cost: LineChart; traffic: LineChart } {
  const formatX = range.groupBy === 'hour' ? hourLabel : dayLabel;
  return {
    cost: new LineChart({
      description: 'Spent, what all-premium would have cost, and the savings against it, per bucket (USD).',
      testId: 'chart-cost',
      time: true,
      formatX,
      series: [
        { label: 'Spent', colour: '#0b5cad' },
        { label: 'All-premium', colour: '#bf5a00', dash: [6, 4] },
        { label: 'Saved vs all-premium', colour: '#1a7f37' },
      ],
      formatLeft: formatUsd,
    }),
    traffic: new LineChart({
      description: 'Requests and errors per bucket (left), and the strong-tier share (right).',
      testId: 'chart-traffic',
      time: true,
      formatX,
      series: [
        { label: 'Requests', colour: '#0b5cad' },
        { label: 'Errors', colour: '#cf222e' },
        { label: 'Strong-tier share', colour: '#8250df', scale: 'right', dash: [4, 3] },
      ],
      formatLeft: formatCount,
      integerLeft: true,
      formatRight: (value) => formatPercent(value, 0),
    }),
  };
}
