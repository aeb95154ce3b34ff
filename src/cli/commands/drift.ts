// `rung drift --db FILE --model DIR --eval FILE [--tolerance 0.02] [--recent N] [--json]`
// Scores the model on the frozen set plus the most recent labelled outcomes, appends the result to
// the store's eval history and compares it with the last accepted record of the same model (see
// src/learning/drift.ts). Exit codes: 0 within tolerance, 1 drift alarm, 2 usage or failure.
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { PROCESS_OUTPUT, type CommandOutput } from '../../analytics/cli-io.ts';
import { DEFAULT_DRIFT_TOLERANCE, DEFAULT_RECENT_OUTCOMES, runDriftCheck, type DriftResult } from '../../learning/drift.ts';
import type { ModelFigures } from '../../learning/model-eval.ts';
import { openSqliteStore } from '../../store/sqlite/open-sqlite-store.ts';

const USAGE = `usage: rung drift --db FILE --model DIR --eval FILE [--tolerance ${DEFAULT_DRIFT_TOLERANCE}] [--recent ${DEFAULT_RECENT_OUTCOMES}] [--json]
  --db FILE         the SQLite store: labelled outcomes, the registry and the eval history
  --model DIR       the model directory to check (the serving one)
  --eval FILE       the frozen evaluation set (JSONL)
  --tolerance X     alarm when APGR or ROC-AUC falls more than X below the last accepted record
  --recent N        the most recent N labelled outcomes join the frozen set (0: frozen set only)
  exit 0: within tolerance, 1: drift alarm, 2: usage error or failure
`;

function figureLine(name: string, figures: ModelFigures): string {
  const cell = (value: number | null): string => (value === null ? 'n/a' : value.toFixed(4)).padStart(9);
  return `  ${name.padEnd(10)}${String(figures.n).padStart(7)}${cell(figures.apgr)}${cell(figures.auc)}`;
}

function render(result: DriftResult): string {
  const lines = [
    `rung drift  model=${result.modelVersion}  dataset=${result.record.dataset}`,
    `  ${'part'.padEnd(10)}${'rows'.padStart(7)}${'APGR'.padStart(9)}${'ROC-AUC'.padStart(9)}`,
    figureLine('frozen', result.frozen),
    figureLine('outcomes', result.outcomes),
    figureLine('combined', result.combined),
    result.baseline === null
      ? 'no accepted baseline for this model and dataset: recorded as the baseline'
      : `baseline ${new Date(result.baseline.at).toISOString()}: APGR ${result.baseline.apgr?.toFixed(4) ?? 'n/a'}, ROC-AUC ${result.baseline.auc?.toFixed(4) ?? 'n/a'}`,
    result.alarm ?? 'within tolerance: recorded as accepted',
  ];
  return `${lines.join('\n')}\n`;
}

export async function run(argv: string[], output: CommandOutput = PROCESS_OUTPUT): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        db: { type: 'string' },
        model: { type: 'string' },
        eval: { type: 'string' },
        tolerance: { type: 'string' },
        recent: { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    output.stderr.write(`rung drift: ${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    return 2;
  }
  if (values.help === true) {
    output.stdout.write(USAGE);
    return 0;
  }
  const missing = (['db', 'model', 'eval'] as const).filter((name) => values[name] === undefined);
  if (missing.length > 0) {
    output.stderr.write(`rung drift: ${missing.map((name) => `--${name}`).join(', ')} required\n\n${USAGE}`);
    return 2;
  }
  const tolerance = values.tolerance === undefined ? DEFAULT_DRIFT_TOLERANCE : Number(values.tolerance);
  const recent = values.recent === undefined ? DEFAULT_RECENT_OUTCOMES : Number(values.recent);
  if (!(tolerance >= 0) || !Number.isInteger(recent) || recent < 0) {
    output.stderr.write('rung drift: --tolerance must be a number >= 0 and --recent an integer >= 0\n');
    return 2;
  }
  const { db, model, eval: evalFile } = values as { db: string; model: string; eval: string };
  if (!existsSync(db)) {
    output.stderr.write(`rung drift: no database at ${db}\n`);
    return 2;
  }
  let result: DriftResult;
  const store = await openSqliteStore({ path: db });
  try {
    result = await runDriftCheck(store, { modelDir: model, evalFile, tolerance, recent });
  } catch (error) {
    output.stderr.write(`rung drift: ${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  } finally {
    await store.close();
  }
  output.stdout.write(values.json === true ? `${JSON.stringify(result, null, 2)}\n` : render(result));
  return result.alarm === null ? 0 : 1;
}
