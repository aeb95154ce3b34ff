// `rung drift --db FILE --model DIR --eval FILE [--tolerance 0.02] [--recent N] [--json]`
// Scores the model on the frozen set plus the most recent labelled outcomes, appends the result to
// the store's eval history and compares it with the last accepted record of the same model (see
// src/learning/drift.ts). Exit codes: 0 within tolerance, 1 drift alarm, 2 usage or failure.
import { PROCESS_OUTPUT, type CommandOutput } from '../../analytics/cli-io.ts';
import { DEFAULT_DRIFT_TOLERANCE, DEFAULT_RECENT_OUTCOMES, runDriftCheck, type DriftResult } from '../../learning/drift.ts';
import type { ModelFigures } from '../../learning/model-eval.ts';
import { NON_NEGATIVE_INTEGER, NON_NEGATIVE_NUMBER, numberFlag, requireFlags } from '../args.ts';
import { CommandError, errorMessage } from '../command-error.ts';
import { runCommand } from '../run-command.ts';
import { requireDatabase, withStore } from '../store-file.ts';

const USAGE = `usage: rung drift --db FILE --model DIR --eval FILE [--tolerance ${DEFAULT_DRIFT_TOLERANCE}] [--recent ${DEFAULT_RECENT_OUTCOMES}] [--json]
  --db FILE         the SQLite store: labelled outcomes, the registry and the eval history
  --model DIR       the model directory to check (the serving one)
  --eval FILE       the frozen evaluation set (JSONL)
  --tolerance X     alarm when APGR or ROC-AUC falls more than X below the last accepted record
  --recent N        the most recent N labelled outcomes join the frozen set (0: frozen set only)
  exit 0: within tolerance, 1: drift alarm, 2: usage error or failure
`;

const OPTIONS = {
  db: { type: 'string' },
  model: { type: 'string' },
  eval: { type: 'string' },
  tolerance: { type: 'string' },
  recent: { type: 'string' },
  json: { type: 'boolean' },
} as const;

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

export function run(argv: string[], output: CommandOutput = PROCESS_OUTPUT): Promise<number> {
  return runCommand({ name: 'drift', usage: USAGE, options: OPTIONS }, argv, output, async ({ values }) => {
    const { db, model, eval: evalFile } = requireFlags(values, ['db', 'model', 'eval']);
    const tolerance = numberFlag(values, 'tolerance', NON_NEGATIVE_NUMBER, DEFAULT_DRIFT_TOLERANCE);
    const recent = numberFlag(values, 'recent', NON_NEGATIVE_INTEGER, DEFAULT_RECENT_OUTCOMES);
    requireDatabase(db);
    let result: DriftResult;
    try {
      result = await withStore(db, (store) => runDriftCheck(store, { modelDir: model, evalFile, tolerance, recent }));
    } catch (error) {
      // Exit 1 means "drift alarm" to whoever schedules this check, so a check that could not run
      // (unreadable store or eval set, bad model directory) exits 2, never the default 1.
      throw new CommandError(errorMessage(error), 2);
    }
    output.stdout.write(values.json === true ? `${JSON.stringify(result, null, 2)}\n` : render(result));
    return result.alarm === null ? 0 : 1;
  });
}
