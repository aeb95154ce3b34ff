// `rung eval [--model DIR] --data FILE.jsonl[,FILE…] [--history FILE] [--tolerance 0.02] [--out DIR]`
// Scores labelled prompts and prints, per source and overall, ROC-AUC, APGR, CPT(50%) and
// CPT(80%) next to the random and prompt-length baselines, plus the share of traffic each
// policy threshold sends to the strong tier. Rows with only a 0/1 label count as
// strong = 1, weak = 1 − label (the cheap tier failed exactly when the label says so).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_MODEL_DIRECTORY } from '../../scorer/default-model.ts';
import { loadScorerModel } from '../../scorer/scorer.ts';
import { POLICY_CHEAP_SHARES, strongShare, type PolicyName } from '../../scorer/thresholds.ts';
import { renderCurveSvg } from '../../training/curve-svg.ts';
import { loadDataset, sha256Hex } from '../../training/dataset.ts';
import { recordEvaluation } from '../../training/eval-history.ts';
import { evaluateReport, type EvaluationRow, type GroupReport, type RoutingMetrics } from '../../training/metrics/index.ts';

const USAGE = `usage: rung eval [--model DIR] --data FILE.jsonl[,FILE…] [--history FILE] [--tolerance 0.02] [--out DIR]
  --history FILE   append a dated record; exit 3 when APGR or ROC-AUC falls more than the
                   tolerance below the last accepted record (drift alarm)
  --out DIR        write curve.svg and report.json (the cost–quality curves)
  --seed N         seed of the random baseline (default 0)
`;

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

export async function run(argv: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        model: { type: 'string' },
        data: { type: 'string' },
        history: { type: 'string' },
        tolerance: { type: 'string' },
        out: { type: 'string' },
        seed: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    process.stderr.write(`rung eval: ${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    return 2;
  }
  if (values.help === true) {
    process.stdout.write(USAGE);
    return 0;
  }
  if (values.data === undefined) {
    process.stderr.write(`rung eval: --data is required\n\n${USAGE}`);
    return 2;
  }
  const tolerance = values.tolerance === undefined ? 0.02 : Number(values.tolerance);
  const seed = values.seed === undefined ? 0 : Number(values.seed);
  if (!(tolerance >= 0) || !Number.isFinite(seed)) {
    process.stderr.write('rung eval: --tolerance must be a number >= 0 and --seed a number\n');
    return 2;
  }
  try {
    const dataset = loadDataset(values.data);
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
    const lines: string[] = [`rung eval  model=${scorer.manifest.name} (${scorer.manifest.encoder.id})  data=${values.data}`];
    for (const [source, group] of Object.entries(report.perSource)) lines.push(...groupBlock(source, group));
    if (Object.keys(report.perSource).length > 1) lines.push(...groupBlock('overall', report.overall));
    lines.push('policy thresholds (share of traffic sent to the strong tier on this data):');
    for (const policy of Object.keys(POLICY_CHEAP_SHARES) as PolicyName[]) {
      const threshold = scorer.thresholds[policy];
      lines.push(`  ${policy.padEnd(15)} score >= ${threshold.toFixed(4)}  →  ${(strongShare(scores, threshold) * 100).toFixed(1)}% strong (target ${((1 - POLICY_CHEAP_SHARES[policy]) * 100).toFixed(0)}%)`);
    }
    process.stdout.write(`${lines.join('\n')}\n`);

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
      writeFileSync(join(values.out, 'report.json'), `${JSON.stringify({ model: scorer.manifest.name, data: values.data, ...report }, null, 2)}\n`);
      process.stderr.write(`rung eval: wrote ${join(values.out, 'curve.svg')} and report.json\n`);
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
        process.stderr.write(`rung eval: ${record.alarm ?? 'drift alarm'}; recorded as not accepted in ${values.history}\n`);
        return 3;
      }
      process.stderr.write(`rung eval: recorded in ${values.history}\n`);
    }
    return 0;
  } catch (error) {
    process.stderr.write(`rung eval: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}
