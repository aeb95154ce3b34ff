// Pieces of the Scorer page: reading the eval history and the cost–quality curve out of
// GET /api/v1/scorer, and the tables that show them.
import { badge, figure, h, table, type Column } from '../dom.ts';
import { bool, list, num, str, time, type Json, type JsonObject } from '../fields.ts';
import { formatNumber, formatPercent, formatTime } from '../format.ts';

export interface CurvePoint {
  strongPercent: number;
  quality: number;
}

/**
 * A cost–quality curve (x = share of calls sent to the strong model, y = quality) from the first
 * source that has one. The API does not publish one yet; this reads it once it does.
 */
export function readCurve(...sources: (Json | undefined)[]): CurvePoint[] {
  for (const source of sources) {
    const points = list(source, 'curve', 'cost_quality_curve');
    const read = points
      .map((point) => {
        const pct = num(point, 'pct', 'strong_percent');
        const share = num(point, 'strong_share');
        const quality = num(point, 'perf', 'quality');
        const strongPercent = pct ?? (share === null ? null : share * 100);
        return strongPercent === null || quality === null ? null : { strongPercent, quality };
      })
      .filter((point) => point !== null);
    if (read.length > 0) return read.sort((a, b) => a.strongPercent - b.strongPercent);
  }
  return [];
}

/** A drift run: the drift check did not accept it (APGR or ROC-AUC fell past the tolerance). */
export function isDrift(run: Json): boolean {
  return bool(run, 'accepted') === false;
}

/** The history oldest first, with epoch seconds, for the chart. */
export function historySeries(history: readonly Json[]): { seconds: number[]; apgr: (number | null)[]; auc: (number | null)[]; drift: boolean[] } {
  const runs = history
    .map((run) => ({ run, ms: Date.parse(String(time(run, 'at', 'date') ?? '')) }))
    .filter((entry) => Number.isFinite(entry.ms))
    .sort((a, b) => a.ms - b.ms);
  return {
    seconds: runs.map((entry) => entry.ms / 1000),
    apgr: runs.map((entry) => num(entry.run, 'apgr')),
    auc: runs.map((entry) => num(entry.run, 'auc', 'roc_auc')),
    drift: runs.map((entry) => isDrift(entry.run)),
  };
}

export function figuresTable(title: string, testId: string, values: JsonObject): HTMLElement {
  const rows = Object.entries(values).filter(([, value]) => typeof value === 'number' || value === null);
  return table(title, testId, [
    { heading: 'Name', cell: ([name]) => h('code', {}, name) },
    { heading: 'Value', numeric: true, cell: ([name, value]) => figure(`${testId}-${name}`, typeof value === 'number' ? value : null, (shown) => formatNumber(shown)) },
  ], rows);
}

export function historyTable(history: readonly Json[]): HTMLElement {
  const columns: Column<Json>[] = [
    { heading: 'When', cell: (run) => formatTime(time(run, 'at', 'date')) },
    { heading: 'Model', cell: (run) => h('code', {}, str(run, 'model_version', 'model') ?? '—') },
    { heading: 'Data set', cell: (run) => h('code', {}, str(run, 'dataset', 'data_sha256') ?? '—') },
    { heading: 'APGR', numeric: true, cell: (run) => figure('eval-apgr', num(run, 'apgr'), (value) => formatNumber(value)) },
    { heading: 'ROC-AUC', numeric: true, cell: (run) => figure('eval-auc', num(run, 'auc', 'roc_auc'), (value) => formatNumber(value)) },
    { heading: 'CPT(50%)', numeric: true, cell: (run) => formatPercent(num(run, 'cpt50')) },
    { heading: 'CPT(80%)', numeric: true, cell: (run) => formatPercent(num(run, 'cpt80')) },
    {
      heading: 'Drift check',
      cell: (run) => {
        const accepted = bool(run, 'accepted');
        const note = str(run, 'notes', 'alarm');
        return h('span', {}, badge(accepted === false ? 'drift' : accepted === true ? 'accepted' : null, 'eval-accepted'), note === null || note === '' ? null : h('span', { class: 'muted block wrap' }, note));
      },
    },
  ];
  return table('Eval history, newest first', 'eval-history', columns, history, (run) => ({ class: isDrift(run) ? 'row-drift' : null, 'data-accepted': String(bool(run, 'accepted')) }));
}
