// The demo's report: the summary as plain text for a newcomer. Sections, most important first:
// targets, where requests went, cost and quality, then how the policies behaved in detail.
import { renderDetails } from './report-details.ts';
import type { DemoSummary, PolicySummary } from './summary-types.ts';
import { heading, milliseconds, percent, renderTable, seconds, share, usd } from './text-table.ts';
import { TIERS_BY_CAPABILITY } from './simulated-quality.ts';

const POLICY_ROLES: Readonly<Record<PolicySummary['policy'], string>> = {
  cost_optimized: 'built in; the scorer picks the cheapest tier that should do',
  cascade: 'small first; validators escalate poor answers',
  chain: 'premium first; falls back when a provider fails',
};

export function renderReport(summary: DemoSummary): string {
  return [...header(summary), ...targets(summary), ...tiers(summary), ...costAndQuality(summary), ...renderDetails(summary), '', footer(summary), ''].join('\n');
}

function header(summary: DemoSummary): string[] {
  const { workload } = summary;
  const title = 'Rung demo: every request on the cheapest model that can answer it';
  const lines = [
    title,
    '='.repeat(title.length),
    'No API keys, no network: four fake providers on 127.0.0.1 play the model ladder below, and a',
    'real Rung gateway routes between them. Prices are simulation figures, not quotes.',
    '',
    ...renderTable(
      ['tier', 'deployment', 'provider API', '$ / 1M in', '$ / 1M out'],
      summary.ladder.map((rung) => [rung.tier, rung.deployment, rung.api, rung.inputPerMtok.toFixed(2), rung.outputPerMtok.toFixed(2)]),
      ['left', 'left', 'left', 'right', 'right'],
    ),
    '',
    `Workload: ${summary.requests} prompts from training-data/prompts.jsonl (seed ${summary.seed}), ${workload.taskClasses} task classes;`,
    `${workload.label1} need a strong model (label 1), ${workload.label0} do not (label 0). ${workload.streamed} streamed, ${workload.withTools} with tools,`,
    `${summary.concurrency} in flight at a time, sent with the official openai SDK.`,
    ...renderTable(
      ['model sent', 'requests', 'what it does'],
      summary.policies.map((policy) => [policy.model, String(policy.requests), POLICY_ROLES[policy.policy]]),
      ['left', 'right', 'left'],
    ),
    'Baseline: the same prompts, sent straight to the premium deployment ("all-premium").',
    `Provider faults: in the routed run ${percent(summary.faultRate * 100, 0)} of premium and mid attempts fail (503/429), and one`,
    'streamed premium-chain answer is cut mid-stream. The baseline runs without faults.',
    '',
    ...scorerLines(summary),
  ];
  return lines;
}

function scorerLines(summary: DemoSummary): string[] {
  const { scorer } = summary;
  if (scorer.state === 'missing') {
    return [
      `Scorer: NOT LOADED (no model at ${scorer.directory}).`,
      'Without a score, cost_optimized sends every request to its most capable model, so it cannot save',
      'money; the figures below show that as measured.',
    ];
  }
  const threshold = scorer.thresholds?.cost_optimized;
  const lines = [`Scorer: ${scorer.name} (${scorer.directory}); cost_optimized threshold ${threshold === undefined ? 'n/a' : threshold.toFixed(3)}.`];
  if (scorer.trainingSources.includes('prompts.jsonl')) {
    lines.push(
      'Caveat: this scorer was trained on training-data/prompts.jsonl, the corpus these prompts come from;',
      'most of them were in its training split, so it routes them better than it would unseen traffic.',
      'The demo shows the mechanics; docs/scorer.md has held-out figures.',
    );
  }
  return lines;
}

function targets(summary: DemoSummary): string[] {
  const { saving, quality } = summary.targets;
  const verdict = (pass: boolean): string => (pass ? 'PASS' : 'MISS');
  const lines = [
    ...heading(1, 'Targets: rung/cost_optimized against all-premium'),
    ...renderTable(
      ['figure', 'measured', 'target', 'result'],
      [
        ['cost saving', percent(saving.valuePct), `>= ${saving.targetPct}%`, verdict(saving.pass)],
        ['quality kept', percent(quality.valuePct), `>= ${quality.targetPct}%`, verdict(quality.pass)],
      ],
      ['left', 'right', 'right', 'left'],
    ),
    '  cost saving  = 1 - (cost of the routed requests / cost of the same prompts on premium)',
    '  quality kept = correct answers / correct answers of the all-premium baseline',
  ];
  if (!saving.pass || !quality.pass) lines.push('  A MISS is reported as measured; the demo does not tune anything to hide it.');
  return lines;
}

function tiers(summary: DemoSummary): string[] {
  const rows = summary.policies.map((policy) => [
    policy.model,
    String(policy.requests),
    ...TIERS_BY_CAPABILITY.map((tier) => String(policy.tiers[tier])),
    String(policy.unanswered),
  ]);
  const totals = TIERS_BY_CAPABILITY.map((tier) => summary.policies.reduce((total, policy) => total + policy.tiers[tier], 0));
  const unanswered = summary.policies.reduce((total, policy) => total + policy.unanswered, 0);
  rows.push(['all', String(summary.requests), ...totals.map(String), String(unanswered)]);
  rows.push(['share', '', ...totals.map((count) => share(count, summary.requests)), share(unanswered, summary.requests)]);
  return [
    ...heading(2, 'Where the requests went (tier of the model that answered)'),
    ...renderTable(['policy', 'requests', ...TIERS_BY_CAPABILITY, 'no answer'], rows, ['left', 'right', 'right', 'right', 'right', 'right', 'right']),
  ];
}

function costAndQuality(summary: DemoSummary): string[] {
  const rows = summary.policies.map((policy) => [
    policy.model,
    usd(policy.costUsd),
    usd(policy.baselineCostUsd),
    percent(policy.savingPct),
    `${policy.correct}/${policy.requests}`,
    percent(policy.qualityKeptPct),
    `${milliseconds(policy.latencyP50Ms)} / ${milliseconds(policy.baselineLatencyP50Ms)}`,
  ]);
  const { totals } = summary;
  rows.push(['all', usd(totals.costUsd), usd(totals.baselineCostUsd), percent(totals.savingPct), `${totals.correct}/${totals.requests}`, percent(totals.qualityKeptPct), '']);
  const optimised = summary.policies.find((policy) => policy.policy === 'cost_optimized');
  return [
    ...heading(3, 'Cost and quality against all-premium'),
    ...renderTable(
      ['policy', 'cost', 'all-premium', 'saving', 'correct', 'quality kept', 'p50 latency / premium'],
      rows,
      ['left', 'right', 'right', 'right', 'right', 'right', 'right'],
    ),
    `  The baseline answered ${totals.baselineCorrect}/${totals.requests} correctly (the simulated premium model does not err).`,
    `  Rung's own estimate of the all-premium cost of cost_optimized (referenceCostUsd in its records,`,
    `  the served usage priced at premium): ${usd(summary.referenceCostUsd)} against ${usd(optimised?.baselineCostUsd ?? 0)} measured.`,
  ];
}

function footer(summary: DemoSummary): string {
  const { routed, baseline } = summary.durationMs;
  return `Done: baseline run ${seconds(baseline)}, routed run ${seconds(routed)}; ${summary.records.routed + summary.records.baseline} request records read back from the gateway.`;
}
