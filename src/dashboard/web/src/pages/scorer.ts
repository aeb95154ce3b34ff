// Scorer: the live complexity model from GET /api/v1/scorer: its version, per-policy thresholds
// and the figures its manifest recorded; the eval history as a chart and a table with drift runs
// marked (a red ring, a red row: the drift check did not accept them); and the cost–quality curve
// when the API has one. Without any evaluation the page says "no eval yet".
import { getJson } from '../api.ts';
import { LineChart } from '../charts.ts';
import { empty, fill, h, section, table } from '../dom.ts';
import { bool, list, obj, str, type Json } from '../fields.ts';
import { formatNumber, formatTime } from '../format.ts';
import type { Page } from '../page.ts';
import { figuresTable, historySeries, historyTable, readCurve } from './scorer-parts.ts';

function liveModel(body: Json): HTMLElement {
  const model = obj(body, 'model');
  if (model === null) {
    const enabled = bool(body, 'enabled');
    return empty(enabled === false ? 'Scoring is turned off (scorer.enabled: false): intelligent policies route without a complexity score.' : 'No scorer model is loaded: intelligent policies route without a complexity score.', 'scorer-none');
  }
  const version = str(body, 'active_version') ?? str(model, 'name') ?? 'a scorer without a manifest';
  const thresholds = obj(model, 'thresholds');
  const figures = obj(model, 'eval');
  const created = str(model, 'created');
  const versions = list(body, 'versions');
  return h(
    'div',
    {},
    h('p', {}, 'Version ', h('strong', { 'data-testid': 'scorer-version' }, version), created === null ? null : `, trained ${formatTime(created)}`, '.'),
    h(
      'div',
      { class: 'panel-grid' },
      thresholds === null ? null : figuresTable('Thresholds: a score at or above sends the request to the strong tier', 'scorer-threshold', thresholds),
      figures === null || Object.keys(figures).length === 0 ? null : figuresTable('Figures measured at training (validation split)', 'scorer-figure', figures),
    ),
    versions.length === 0
      ? null
      : table('Named versions experiments may pin', 'scorer-versions', [
          { heading: 'Name', cell: (entry) => h('code', {}, str(entry, 'name') ?? '?') },
          { heading: 'Model', cell: (entry) => str(obj(entry, 'model'), 'name') ?? '—' },
        ], versions),
  );
}

export function scorerPage(): Page {
  const alarm = h('p', { class: 'alarm', role: 'alert', 'data-testid': 'scorer-drift-alarm', hidden: true }, 'Drift alarm: the latest evaluation scored worse than the last accepted one. Check the model before relying on its routing.');
  const liveArea = h('div', {});
  const curveArea = h('div', {});
  let drift: boolean[] = [];
  let apgr: (number | null)[] = [];
  let seconds: number[] = [];
  const historyChart = new LineChart({
    description: 'APGR and ROC-AUC of each evaluation; red rings mark runs the drift check did not accept.',
    testId: 'eval-chart',
    time: true,
    formatX: (value) => formatTime(value * 1000),
    series: [
      { label: 'APGR', colour: '#0b5cad' },
      { label: 'ROC-AUC', colour: '#8250df', dash: [6, 4] },
    ],
    formatLeft: (value) => formatNumber(value, 2),
    markers: () => seconds.flatMap((x, index) => (drift[index] === true && apgr[index] !== null && apgr[index] !== undefined ? [{ x, y: apgr[index] ?? 0 }] : [])),
  });
  const noEval = empty('No eval yet. `rung eval` against labelled data records one.', 'scorer-no-eval');
  const historySummary = h('p', { class: 'muted' });
  const historyTableArea = h('div', {});
  const historyArea = h('div', {}, noEval, historySummary, historyChart.element, historyTableArea);
  let curveChart: LineChart | null = null;
  const element = h('div', {}, alarm, section('Live model', liveArea), section('Eval history', historyArea), section('Cost–quality curve', curveArea));

  return {
    title: 'Scorer',
    element,
    async refresh(signal) {
      const { body } = await getJson('/api/v1/scorer', signal);
      if (signal.aborted) return;
      alarm.hidden = bool(body, 'drift_alarm') !== true;
      fill(liveArea, liveModel(body));
      const history = list(body, 'history');
      const hasHistory = history.length > 0;
      noEval.hidden = hasHistory;
      for (const part of [historySummary, historyChart.element, historyTableArea]) part.hidden = !hasHistory;
      if (hasHistory) {
        const series = historySeries(history);
        ({ seconds, drift, apgr } = series);
        const drifted = series.drift.filter((flag) => flag).length;
        fill(historySummary, h('span', { 'data-testid': 'eval-count' }, String(history.length)), ' evaluations; ', h('span', { 'data-testid': 'eval-drift-count' }, String(drifted)), ' flagged as drift.');
        fill(historyTableArea, historyTable(history));
        historyChart.update(series.seconds, [series.apgr, series.auc]);
      }
      const curve = readCurve(body, obj(body, 'model') ?? undefined, history[0]);
      if (curve.length === 0) {
        curveChart?.destroy();
        curveChart = null;
        fill(curveArea, empty(history.length === 0 ? 'No eval yet.' : 'The API publishes no cost–quality curve for the latest evaluation.', 'scorer-no-curve'));
        return;
      }
      if (curveChart === null) {
        curveChart = new LineChart({
          description: 'Quality against the share of calls sent to the strong model, for the latest evaluation.',
          testId: 'scorer-curve',
          time: false,
          xLabel: '% of calls to the strong model',
          formatX: (value) => `${Math.round(value)}%`,
          series: [{ label: 'Quality', colour: '#0b5cad' }],
          formatLeft: (value) => formatNumber(value, 3),
        });
        fill(curveArea, curveChart.element);
      }
      curveChart.update(curve.map((point) => point.strongPercent), [curve.map((point) => point.quality)]);
    },
    destroy() {
      historyChart.destroy();
      curveChart?.destroy();
    },
  };
}
