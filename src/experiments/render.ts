// The report as a text table for the CLI: one column per arm plus the difference, one row per
// figure and one for its 95% interval, then the verdict and its caveats.
import type { Interval } from './intervals.ts';
import {
  formatPercent,
  formatRelativeRange,
  formatSignedPoints,
  formatSignedScore,
  formatSignedUsd,
  formatRelativeChange,
  formatUsd,
} from './format.ts';
import type { ArmReport, ExperimentReport } from './report.ts';
import type { DifferenceSummary, MeanSummary, RateSummary } from './statistics.ts';

/** Split by request: units are requests, so the count is not repeated. */
const UNIT_PLURALS = { key: 'keys', user: 'users', request: null } as const;
const NONE = '-';
const INCLUDES_ZERO = ', includes 0';

type Row = [string, string, string, string];

const range = (interval: Interval | null, format: (value: number) => string) => (interval === null ? NONE : `${format(interval.low)}–${format(interval.high)}`);

function meanCells(summary: MeanSummary, format: (value: number) => string): [string, string] {
  return [summary.mean === null ? NONE : format(summary.mean), range(summary.ci, format)];
}

function rateCells(summary: RateSummary): [string, string] {
  return [summary.rate === null ? NONE : `${formatPercent(summary.rate)} (${summary.count.toLocaleString('en-US')})`, range(summary.ci, (value) => formatPercent(value))];
}

function differenceCells(difference: DifferenceSummary, point: (value: number) => string, interval: (ci: Interval) => string): [string, string] {
  if (difference.estimate === null || difference.ci === null) return [NONE, NONE];
  return [point(difference.estimate), `${interval(difference.ci)}${difference.excludesZero ? '' : INCLUDES_ZERO}`];
}

function rows(report: ExperimentReport): Row[] {
  const [control, treatment] = report.arms;
  const { difference } = report;
  const units = UNIT_PLURALS[report.experiment.splitBy];
  const both = (cells: (arm: ArmReport) => [string, string]): [[string, string], [string, string]] => [cells(control), cells(treatment)];
  const pair = (label: string, [c, t]: [[string, string], [string, string]], d: [string, string]): Row[] => [
    [label, c[0], t[0], d[0]],
    ['  95% CI', c[1], t[1], d[1]],
  ];
  const cost = difference.cost;
  const costDifference: [string, string] =
    cost.estimate === null || cost.ci === null
      ? [NONE, NONE]
      : [
          `${formatSignedUsd(cost.estimate)}${cost.relative === null ? '' : ` (${formatRelativeChange(cost.relative.estimate)})`}`,
          `${formatSignedUsd(cost.ci.low)} to ${formatSignedUsd(cost.ci.high)}${cost.relative === null ? '' : ` (${formatRelativeRange(cost.relative.ci)})`}${cost.excludesZero ? '' : INCLUDES_ZERO}`,
        ];
  const points = (ci: Interval) => `${formatSignedPoints(ci.low)} to ${formatSignedPoints(ci.high)} points`;
  const scores = (ci: Interval) => `${formatSignedScore(ci.low)} to ${formatSignedScore(ci.high)}`;
  return [
    ['', armHeading(control), armHeading(treatment), 'treatment − control'],
    ['policy', armPolicy(control), armPolicy(treatment), ''],
    ['weight', `${control.weight} (${formatPercent(control.share, 0)})`, `${treatment.weight} (${formatPercent(treatment.share, 0)})`, ''],
    ['requests' + (units === null ? '' : ` (${units})`), requestCell(control, units !== null), requestCell(treatment, units !== null), ''],
    ...pair('cost per request', both((arm) => meanCells(arm.cost, formatUsd)), costDifference),
    ...pair('escalation rate', both((arm) => rateCells(arm.escalation)), differenceCells(difference.escalation, (value) => `${formatSignedPoints(value)} points`, points)),
    ...pair('error rate', both((arm) => rateCells(arm.error)), differenceCells(difference.error, (value) => `${formatSignedPoints(value)} points`, points)),
    ...pair(
      'feedback (ratings)',
      both((arm) => {
        const [mean, ci] = meanCells(arm.feedback, (value) => value.toFixed(2));
        return [mean === NONE ? `${NONE} (${arm.feedback.n})` : `${mean} (${arm.feedback.n.toLocaleString('en-US')})`, ci];
      }),
      differenceCells(difference.feedback, formatSignedScore, scores),
    ),
  ];
}

function requestCell(arm: ArmReport, withUnits: boolean): string {
  const requests = arm.requests.toLocaleString('en-US');
  return withUnits ? `${requests} (${arm.units.toLocaleString('en-US')})` : requests;
}

function armHeading(arm: ArmReport): string {
  return arm.name === arm.role ? arm.name : `${arm.name} (${arm.role})`;
}

function armPolicy(arm: ArmReport): string {
  return arm.scorerModel === null ? arm.policy : `${arm.policy}, scorer ${arm.scorerModel}`;
}

function table(lines: readonly Row[]): string[] {
  const widths = [0, 1, 2, 3].map((column) => Math.max(...lines.map((row) => (row[column] ?? '').length)));
  return lines.map((row) => row.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ').trimEnd());
}

/** The report as text: heading, the figures table, the verdict with one line per metric, and notes. */
export function renderExperimentReport(report: ExperimentReport): string {
  const { experiment, verdict } = report;
  const heading = experiment.description === null ? `Experiment ${experiment.id}` : `Experiment ${experiment.id}: ${experiment.description}`;
  const window = experiment.start === null && experiment.end === null ? 'no time window' : `${experiment.start ?? 'open start'} to ${experiment.end ?? 'open end'}`;
  const scope = [
    `requests for ${experiment.match.model}`,
    experiment.match.keys === undefined ? null : `keys ${experiment.match.keys.join(', ')}`,
    experiment.match.workspaces === undefined ? null : `workspaces ${experiment.match.workspaces.join(', ')}`,
  ].filter((part) => part !== null);
  const out = [heading, `${scope.join('; ')}; split by ${experiment.splitBy}; ${window}. Intervals are 95%.`, '', ...table(rows(report)), ''];
  out.push(`Verdict: ${verdict.headline}`);
  for (const metric of verdict.metrics) out.push(`  - ${metric.text}`);
  if (verdict.notes.length > 0) {
    out.push('', 'Notes:');
    for (const note of verdict.notes) out.push(`  - ${note}`);
  }
  return `${out.join('\n')}\n`;
}
