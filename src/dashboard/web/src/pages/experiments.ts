// Experiments: each A/B experiment's two arms with their 95% intervals, the treatment − control
// differences and the verdict text, from GET /api/v1/experiments (each entry is a report; when the
// list only names experiments, GET /api/v1/experiments/{id} supplies the report).
import { getJson } from '../api.ts';
import { badge, empty, fill, figure, h, section, table, type Column } from '../dom.ts';
import { field, list, listOrWrapped, num, obj, str, type Json } from '../fields.ts';
import { formatCount, formatPercent, formatRange, formatUsd, formatNumber, NONE } from '../format.ts';
import type { Page } from '../page.ts';

type Interval = { low: number; high: number };

function interval(source: Json | null): Interval | null {
  const ci = obj(source, 'ci');
  const low = num(ci, 'low');
  const high = num(ci, 'high');
  return low === null || high === null ? null : { low, high };
}

/** Point estimate with its interval under it. */
function estimate(testId: string, value: number | null, ci: Interval | null, format: (value: number) => string, count?: number | null): HTMLElement {
  const shown = (v: number | null) => (v === null ? NONE : format(v));
  return h(
    'span',
    {},
    figure(testId, value, shown),
    count === undefined || count === null ? null : h('span', { class: 'muted' }, ` (n=${formatCount(count)})`),
    h('span', { class: 'muted block', 'data-testid': `${testId}-ci` }, `95% CI ${formatRange(ci, format)}`),
  );
}

const percent = (value: number) => formatPercent(value);
const points = (value: number) => `${value >= 0 ? '+' : '−'}${Math.abs(value * 100).toFixed(1)} pts`;
const score = (value: number) => formatNumber(value, 2);

function armColumns(experimentId: string): Column<Json>[] {
  const id = (arm: Json, name: string) => `experiment-${experimentId}-arm-${str(arm, 'name') ?? '?'}-${name}`;
  return [
    { heading: 'Arm', cell: (arm) => h('span', {}, h('strong', {}, str(arm, 'name') ?? '?'), h('span', { class: 'muted block' }, str(arm, 'role') ?? '')) },
    { heading: 'Policy', cell: (arm) => h('span', {}, str(arm, 'policy') ?? '—', str(arm, 'scorer_model') === null ? null : h('span', { class: 'muted block' }, `scorer ${str(arm, 'scorer_model') ?? ''}`)) },
    { heading: 'Requests', numeric: true, cell: (arm) => figure(id(arm, 'requests'), num(arm, 'requests'), formatCount) },
    { heading: 'Cost per request', numeric: true, cell: (arm) => estimate(id(arm, 'cost'), num(obj(arm, 'cost'), 'mean'), interval(obj(arm, 'cost')), formatUsd) },
    { heading: 'Escalation rate', numeric: true, cell: (arm) => estimate(id(arm, 'escalation'), num(obj(arm, 'escalation'), 'rate'), interval(obj(arm, 'escalation')), percent) },
    { heading: 'Error rate', numeric: true, cell: (arm) => estimate(id(arm, 'error'), num(obj(arm, 'error'), 'rate'), interval(obj(arm, 'error')), percent) },
    { heading: 'Feedback', numeric: true, cell: (arm) => estimate(id(arm, 'feedback'), num(obj(arm, 'feedback'), 'mean'), interval(obj(arm, 'feedback')), score, num(obj(arm, 'feedback'), 'n')) },
  ];
}

function differenceTable(experimentId: string, difference: Json | null): HTMLElement {
  const rows: { metric: string; key: string; format: (value: number) => string }[] = [
    { metric: 'Cost per request', key: 'cost', format: formatUsd },
    { metric: 'Escalation rate', key: 'escalation', format: points },
    { metric: 'Error rate', key: 'error', format: points },
    { metric: 'Feedback', key: 'feedback', format: score },
  ];
  return table('Treatment − control', `experiment-${experimentId}-difference`, [
    { heading: 'Metric', cell: (row) => row.metric },
    { heading: 'Difference', numeric: true, cell: (row) => estimate(`experiment-${experimentId}-diff-${row.key}`, num(obj(difference, row.key), 'estimate'), interval(obj(difference, row.key)), row.format) },
    { heading: 'Interval excludes 0', cell: (row) => (field(obj(difference, row.key), 'excludes_zero') === true ? 'yes: a real difference' : 'no') },
  ], rows);
}

function experimentSection(report: Json): HTMLElement {
  const experiment = obj(report, 'experiment') ?? report;
  const experimentId = str(experiment, 'id') ?? '?';
  const verdict = obj(report, 'verdict');
  const description = str(experiment, 'description');
  const arms = list(report, 'arms');
  const notes = list(verdict, 'notes').filter((note) => typeof note === 'string');
  return section(
    `Experiment ${experimentId}`,
    description === null ? null : h('p', {}, description),
    h('p', { class: 'muted' }, badge(str(report, 'status'), `experiment-${experimentId}-status`), ` Split by ${str(experiment, 'split_by') ?? '?'}; ${str(experiment, 'start') ?? 'open start'} to ${str(experiment, 'end') ?? 'open end'}. Intervals are 95%.`),
    h('div', { class: 'verdict' }, badge(str(verdict, 'outcome'), `experiment-${experimentId}-outcome`), ' ', h('strong', { 'data-testid': `experiment-${experimentId}-verdict` }, str(verdict, 'headline') ?? 'No verdict.')),
    h('ul', { class: 'verdict-lines' }, ...list(verdict, 'metrics').map((metric) => h('li', {}, str(metric, 'text') ?? ''))),
    arms.length === 0 ? empty('No arms reported.') : table(`Arms of ${experimentId}`, `experiment-${experimentId}-arms`, armColumns(experimentId), arms),
    differenceTable(experimentId, obj(report, 'difference')),
    notes.length === 0 ? null : h('div', {}, h('h3', {}, 'Notes'), h('ul', {}, ...notes.map((note) => h('li', {}, note)))),
  );
}

export function experimentsPage(): Page {
  const area = h('div', {});
  return {
    title: 'Experiments',
    element: area,
    async refresh(signal) {
      const { body } = await getJson('/api/v1/experiments', signal);
      const entries = listOrWrapped(body, 'experiments', 'data');
      const reports = await Promise.all(
        entries.map(async (entry) => {
          if (list(entry, 'arms').length > 0) return entry;
          const id = str(entry, 'id') ?? str(obj(entry, 'experiment'), 'id');
          if (id === null) return entry;
          return (await getJson(`/api/v1/experiments/${encodeURIComponent(id)}`, signal)).body;
        }),
      );
      if (signal.aborted) return;
      fill(area, reports.length === 0 ? empty('No experiments configured. Add one under `experiments:` in the gateway config.', 'experiments-empty') : h('div', {}, ...reports.map(experimentSection)));
    },
    destroy() {},
  };
}
