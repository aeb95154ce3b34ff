// `rung eval [--model DIR] --data FILE.jsonl[,FILE…] [--history FILE] [--tolerance 0.02] [--out DIR]`
// Scores labelled prompts and prints, per source and overall, ROC-AUC, APGR, CPT(50%) and
// CPT(80%) next to the random and prompt-length baselines, plus the share of traffic each
// policy threshold sends to the strong tier. Rows with only a 0/1 label count as
// strong = 1, weak = 1 − label (the cheap tier failed exactly when the label says so).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROCESS_OUTPUT, type CommandOutput } from '../../analytics/cli-io.ts';
import { DEFAULT_MODEL_DIRECTORY } from '../../scorer/default-model.ts';
import { loadScorerModel } from '../../scorer/scorer.ts';
import { POLICY_CHEAP_SHARES, strongShare, type PolicyName } from '../../scorer/thresholds.ts';
import { renderCurveSvg } from '../../training/curve-svg.ts';
import { loadDataset, sha256Hex } from '../../training/dataset.ts';
import { recordEvaluation } from '../../training/eval-history.ts';
import { evaluateReport, type EvaluationRow, type GroupReport, type RoutingMetrics } from '../../training/metrics/index.ts';
import { FINITE_NUMBER, NON_NEGATIVE_NUMBER, numberFlag, requireFlags } from '../args.ts';
import { runCommand } from '../run-command.ts';

const USAGE = `usage: rung eval [--model DIR] --data FILE.jsonl[,FILE…] [--history FILE] [--tolerance 0.02] [--out DIR]
  --history FILE   append a dated record; exit 3 when APGR or ROC-AUC falls more than the
                   tolerance below the last accepted record (drift alarm)
  --out DIR        write curve.svg and report.json (the cost–quality curves)
  --seed N         seed of the random baseline (default 0)
`;

const DEFAULT_TOLERANCE = 0.02;

const OPTIONS = {
  model: { type: 'string' },
  data: { type: 'string' },
  history: { type: 'string' },
  tolerance: { type: 'string' },
  out: { type: 'string' },
  seed: { type: 'string' },
} as const;

function cell(value: number | null, digits: number, suffix = ''): string {
  return (value === null ? 'n/a' : value.toFixed(digits) + suffix).padStart(10);
}

function metricLine(name: string, metrics: RoutingMetrics): string {
  return `  ${name.padEnd(8)}${cell(metrics.rocAuc, 4)}${cell(metrics.apgr, 4)}${cell(metrics.cpt50, 1, '%')}${cell(metrics.cpt80, 1, '%')}`;
}

function groupBlock(name: string, group: GroupReport): string[] {
  return [
    `${name} (n=${group.model.n}, strong ${group.model.strongPerf.toFixed(4)}, weak ${group.model.weakPerf.toFixed(4)})`,
    `  ${'router'.padEnd(8)}${'ROC-AUC'.padStart(10)}${'APGR'.padStart(10)}${'CPT(50%)'.padStart(10)}${'CPT(80%)'.padStart(10)}`,
    metricLine('model', group.model),
    metricLine('random', group.random),
    metricLine('length', group.length),
  ];
}

export function run(argv: string[], output: CommandOutput = PROCESS_OUTPUT): Promise<number> {
  return runCommand({ name: 'eval', usage: USAGE, options: OPTIONS }, argv, output, async ({ values }) => {
    const { data } = requireFlags(values, ['data']);
    const tolerance = numberFlag(values, 'tolerance', NON_NEGATIVE_NUMBER, DEFAULT_TOLERANCE);
    const seed = numberFlag(values, 'seed', FINITE_NUMBER, 0);
    const dataset = loadDataset(data);
    const rows: EvaluationRow[] = dataset.examples.map((e) => ({
      prompt: e.prompt,
      source: e.source ?? 'default',
      strong: e.strong ?? 1,
      weak: e.weak ?? 1 - e.target,
    }));
    const scorer = await loadScorerModel(values.model ?? DEFAULT_MODEL_DIRECTORY);
    const scores: number[] = [];
    try {
      for (const row of rows) scores.push((await scorer.score({ text: row.prompt })).score);
    } finally {
      await scorer.close();
    }
    const report = evaluateReport(rows, scores, { seed });
    const lines: string[] = [`rung eval  model=${scorer.manifest.name} (${scorer.manifest.encoder.id})  data=${data}`];
    for (const [source, group] of Object.entries(report.perSource)) lines.push(...groupBlock(source, group));
    if (Object.keys(report.perSource).length > 1) lines.push(...groupBlock('overall', report.overall));
    lines.push('policy thresholds (share of traffic sent to the strong tier on this data):');
    for (const policy of Object.keys(POLICY_CHEAP_SHARES) as PolicyName[]) {
      const threshold = scorer.thresholds[policy];
      lines.push(`  ${policy.padEnd(15)} score >= ${threshold.toFixed(4)}  →  ${(strongShare(scores, threshold) * 100).toFixed(1)}% strong (target ${((1 - POLICY_CHEAP_SHARES[policy]) * 100).toFixed(0)}%)`);
    }
    output.stdout.write(`${lines.join('\n')}\n`);

    if (values.out !== undefined) {
      mkdirSync(values.out, { recursive: true });
      const overall = report.overall;
      const svg = renderCurveSvg(
        `Cost–quality curve: ${scorer.manifest.name} (APGR ${overall.model.apgr?.toFixed(3) ?? 'n/a'})`,
        [
          { name: 'model', colour: '#1f77b4', points: overall.model.curve },
          { name: 'length baseline', colour: '#ff7f0e', points: overall.length.curve },
          { name: 'random baseline', colour: '#7f7f7f', points: overall.random.curve },
        ],
        overall.model.weakPerf,
        overall.model.strongPerf,
      );
      writeFileSync(join(values.out, 'curve.svg'), svg);
      writeFileSync(join(values.out, 'report.json'), `${JSON.stringify({ model: scorer.manifest.name, data, ...report }, null, 2)}\n`);
      output.stderr.write(`rung eval: wrote ${join(values.out, 'curve.svg')} and report.json\n`);
    }

    if (values.history !== undefined) {
      const record = recordEvaluation(
        values.history,
        {
          date: new Date().toISOString(),
          model: `${scorer.manifest.name} ${scorer.manifest.encoder.id}`,
          data_sha256: sha256Hex(dataset.files.map((f) => f.sha256).join(',')),
          apgr: report.overall.model.apgr,
          roc_auc: report.overall.model.rocAuc,
          cpt50: report.overall.model.cpt50,
          cpt80: report.overall.model.cpt80,
        },
        tolerance,
      );
      if (!record.accepted) {
        output.stderr.write(`rung eval: ${record.alarm ?? 'drift alarm'}; recorded as not accepted in ${values.history}\n`);
        return 3;
      }
      output.stderr.write(`rung eval: recorded in ${values.history}\n`);
    }
    return 0;
  });
}
