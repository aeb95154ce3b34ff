// The report's detail sections: routing by label, scores, fallbacks, the cascade and errors.
import type { DemoSummary } from './summary-types.ts';
import { countList, heading, milliseconds, percent, renderTable, score, share } from './text-table.ts';
import { TIERS_BY_CAPABILITY } from './simulated-quality.ts';

const BAR_WIDTH = 30;

export function renderDetails(summary: DemoSummary): string[] {
  return [...routing(summary), ...scores(summary), ...fallbacks(summary), ...cascade(summary), ...errors(summary)];
}

function routing(summary: DemoSummary): string[] {
  const rows = summary.routing.map((row) => [
    row.label === 1 ? 'needs a strong model (label 1)' : 'light model is enough (label 0)',
    String(row.requests),
    ...TIERS_BY_CAPABILITY.map((tier) => String(row.tiers[tier])),
    `${row.correct} (${share(row.correct, row.requests)})`,
  ]);
  return [
    ...heading(4, 'Did cost_optimized send hard prompts to a strong model?'),
    ...renderTable(['prompts', 'requests', ...TIERS_BY_CAPABILITY, 'answered well'], rows, ['left', 'right', 'right', 'right', 'right', 'right', 'right']),
    '  Simulation: premium and mid answer every prompt well; light and small answer label-0 prompts',
    '  well and give a poor answer (refusal, cut-off, one-liner, or confidently wrong) to label-1 prompts.',
  ];
}

function scores(summary: DemoSummary): string[] {
  const { scores: figures } = summary;
  const lines = [...heading(5, 'Complexity scores (rung/cost_optimized)')];
  const unavailable = Object.values(figures.unavailable).reduce((total, count) => total + count, 0);
  lines.push(`  ${figures.scored} requests scored; ${unavailable} routed without a score${unavailable > 0 ? ` (${countList(figures.unavailable)})` : ''}.`);
  if (figures.cutPoints !== null) {
    const cuts = figures.cutPoints.map((cut) => (cut.minScore === null ? `${cut.tier} below` : `${cut.tier} >= ${score(cut.minScore)}`)).join(', ');
    lines.push(`  Score -> tier: ${cuts}.`);
  }
  if (figures.uncertainBand !== null) {
    lines.push(`  Scores in the uncertain band [${figures.uncertainBand.low}, ${figures.uncertainBand.high}) go one tier up.`);
  }
  if (figures.quantiles === null) return [...lines, '  No scores: without a scorer every request goes to the most capable model.'];
  const q = figures.quantiles;
  lines.push(
    `  min ${score(q.min)}  p25 ${score(q.p25)}  median ${score(q.median)}  p75 ${score(q.p75)}  max ${score(q.max)};` +
      ` mean for label 0: ${score(figures.meanByLabel.label0)}, label 1: ${score(figures.meanByLabel.label1)}`,
  );
  const largest = Math.max(1, ...figures.histogram.map((bucket) => bucket.label0 + bucket.label1));
  const bar = (count: number, mark: string): string => mark.repeat(Math.round((count / largest) * BAR_WIDTH));
  lines.push(
    ...renderTable(
      ['score', 'label 0', 'label 1', `(. = label 0, # = label 1)`],
      figures.histogram.map((bucket) => [`${bucket.from.toFixed(1)}-${bucket.to.toFixed(1)}`, String(bucket.label0), String(bucket.label1), bar(bucket.label0, '.') + bar(bucket.label1, '#')]),
      ['left', 'right', 'right', 'left'],
    ),
  );
  return lines;
}

function fallbacks(summary: DemoSummary): string[] {
  const figures = summary.fallbacks;
  const faults = Object.entries(figures.faultsInjected).map(([kind, count]) => `${count} x ${kind}`);
  const skipped = Object.values(figures.breakerSkips).reduce((total, count) => total + count, 0);
  const lines = [
    ...heading(6, 'Fallbacks (routed run, all policies)'),
    `  Faults injected: ${faults.length === 0 ? 'none' : faults.join(', ')}.`,
    `  Failed upstream attempts in the records: ${countList(figures.failedAttempts)}.`,
    `  Requests that fell back (a failed attempt, then another): ${figures.requests}; answered ${figures.recovered} (${percent(figures.successRatePct, 0)} success).`,
    `    ${figures.sameDeployment} recovered by a retry on the same deployment, ${figures.otherDeployment} by moving to another deployment.`,
    `  Average added latency: ${milliseconds(figures.avgAddedLatencyMs)} (from the failed attempt to the start of the one that answered).`,
  ];
  if (skipped > 0) {
    lines.push(
      `  Attempts skipped because a circuit breaker was open: ${skipped} (${countList(figures.breakerSkips)}).`,
      '    After repeated failures Rung stops calling a deployment for a cool-down and goes straight to the next one.',
    );
  }
  return lines;
}

function cascade(summary: DemoSummary): string[] {
  const figures = summary.cascade;
  const steps = figures.meanSteps === null ? 'n/a' : figures.meanSteps.toFixed(2);
  const lines = [
    ...heading(7, 'Escalations (rung/cheap-first-cascade: small -> mid -> premium)'),
    `  ${figures.requests} requests: ${figures.passed} answered by the first step, ${figures.escalated} escalated, ${figures.exhausted} exhausted`,
    `  (exhausted: no step passed, the last answer was returned); ${steps} steps per request on average.`,
    `  Answered by: ${countList(figures.answeredBy)}.`,
    `  Validator failures that caused escalations: ${countList(figures.validatorFailures)}.`,
    `  Poor small-model answers to label-1 prompts: ${figures.poorAnswersCaught} caught and escalated, ${figures.poorAnswersServed} served.`,
  ];
  if (figures.poorAnswersServed > 0) {
    lines.push(
      `    Served poor answers by kind: ${countList(figures.poorAnswersServedByStyle)}. A fluent but wrong answer passes every`,
      '    cheap check (refusal, length, truncation); catching it takes an llm_judge validator.',
    );
  }
  lines.push(`  Escalations on label-0 prompts (not needed): ${figures.needlessEscalations}.`);
  return lines;
}

function errors(summary: DemoSummary): string[] {
  const figures = summary.errors;
  const lines = [
    ...heading(8, 'Errors seen by the client'),
    `  ${figures.clientVisible} in total: ${figures.expected} expected, ${figures.unexpected} unexpected.`,
  ];
  if (figures.expected > 0) {
    lines.push(
      '  Expected: the injected mid-stream cut. Once an answer has started streaming no gateway can switch',
      '  models behind the client\'s back; Rung ends the stream with an error event instead of a silent cut.',
    );
  }
  for (const sample of figures.samples) {
    lines.push(`  - request #${sample.itemIndex} (${sample.phase}, ${sample.policy}${sample.expected ? ', expected' : ''}): ${sample.message}`);
  }
  return lines;
}
