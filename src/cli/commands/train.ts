// `rung train --data FILE.jsonl[,FILE…] --out DIR [--seed N] [--val-share 0.2] …`
// Trains a scorer model directory. Progress goes to stderr; the summary line to stdout.
import { PROCESS_OUTPUT, type CommandOutput } from '../../analytics/cli-io.ts';
import type { CalibrationMethod } from '../../scorer/calibration.ts';
import { loadDataset } from '../../training/dataset.ts';
import { trainScorer } from '../../training/train.ts';
import { DEFAULT_TRAIN_OPTIONS, type GroupField, type TrainOptions } from '../../training/train-options.ts';
import { writeScorerModel } from '../../training/write-model.ts';
import { choiceFlag, listFlag, NON_NEGATIVE_INTEGER, NON_NEGATIVE_NUMBER, numberFlag, requireFlags, type NumberRule } from '../args.ts';
import { runCommand, type ParsedArgs } from '../run-command.ts';

const USAGE = `usage: rung train --data FILE.jsonl[,FILE…] --out DIR [options]
       rung train --from-store DB --eval FROZEN.jsonl --out DIR [--data MORE.jsonl] [--tolerance 0.01]
  --from-store DB       retrain from the outcomes logged in this store, behind the eval gate:
                        the candidate is registered, and promoted only when it is not worse than
                        the active model on the frozen eval set (--eval) beyond --tolerance
  --seed N              split/initialisation seed (default ${DEFAULT_TRAIN_OPTIONS.seed})
  --val-share X         share of rows for calibration and validation (default ${DEFAULT_TRAIN_OPTIONS.validationShare})
  --group-by FIELD      hold out whole groups: domain | task | source
  --k N                 neighbours per query (default ${DEFAULT_TRAIN_OPTIONS.k})
  --epochs N            encoder training epochs, 0 = untrained projection (default ${DEFAULT_TRAIN_OPTIONS.encoderEpochs})
  --dim N               embedding size (default ${DEFAULT_TRAIN_OPTIONS.outputDim})
  --calibration M       isotonic | platt (default ${DEFAULT_TRAIN_OPTIONS.calibration})
  --head H              gated (familiarity-gated, see docs/scorer.md) | logistic (default ${DEFAULT_TRAIN_OPTIONS.headGate === 'familiarity' ? 'gated' : 'logistic'})
  --embedding-features  also feed the raw embedding to the head
  --name NAME           model name recorded in the manifest
  --quiet               no progress output
`;

const OPTIONS = {
  data: { type: 'string' },
  out: { type: 'string' },
  seed: { type: 'string' },
  'val-share': { type: 'string' },
  'group-by': { type: 'string' },
  k: { type: 'string' },
  epochs: { type: 'string' },
  dim: { type: 'string' },
  calibration: { type: 'string' },
  head: { type: 'string' },
  'embedding-features': { type: 'boolean' },
  name: { type: 'string' },
  quiet: { type: 'boolean' },
  'from-store': { type: 'string' },
  eval: { type: 'string' },
  tolerance: { type: 'string' },
} as const;

type TrainValues = ParsedArgs<typeof OPTIONS>['values'];

const GROUP_FIELDS: readonly GroupField[] = ['domain', 'task', 'source'];
const CALIBRATIONS: readonly CalibrationMethod[] = ['isotonic', 'platt'];
const HEADS = ['gated', 'logistic'] as const;
/** Some rows must be left to train on, so the held-out share stays below 1. */
const SHARE_BELOW_ONE: NumberRule = { description: 'in [0, 1)', accepts: (value) => value >= 0 && value < 1 };

export function run(argv: string[], output: CommandOutput = PROCESS_OUTPUT): Promise<number> {
  return runCommand({ name: 'train', usage: USAGE, options: OPTIONS }, argv, output, ({ values }) => {
    const db = values['from-store'];
    return db === undefined ? train(values, output) : retrain(db, values, output);
  });
}

/** A model from labelled JSONL files. */
async function train(values: TrainValues, output: CommandOutput): Promise<number> {
  const { data, out } = requireFlags(values, ['data', 'out']);
  const validationShare = numberFlag(values, 'val-share', SHARE_BELOW_ONE, DEFAULT_TRAIN_OPTIONS.validationShare);
  const groupBy = choiceFlag(values, 'group-by', GROUP_FIELDS);
  const calibration = choiceFlag(values, 'calibration', CALIBRATIONS, DEFAULT_TRAIN_OPTIONS.calibration);
  const dimension = numberFlag(values, 'dim', NON_NEGATIVE_INTEGER, DEFAULT_TRAIN_OPTIONS.outputDim);
  const head = choiceFlag(values, 'head', HEADS);
  const options: Partial<TrainOptions> = {
    seed: numberFlag(values, 'seed', NON_NEGATIVE_INTEGER, DEFAULT_TRAIN_OPTIONS.seed),
    validationShare,
    k: Math.max(1, numberFlag(values, 'k', NON_NEGATIVE_INTEGER, DEFAULT_TRAIN_OPTIONS.k)),
    encoderEpochs: numberFlag(values, 'epochs', NON_NEGATIVE_INTEGER, DEFAULT_TRAIN_OPTIONS.encoderEpochs),
    embeddingDim: dimension,
    outputDim: dimension,
    calibration,
    ...(head === undefined ? {} : { headGate: head === 'gated' ? 'familiarity' : 'none' }),
    layout: { ...DEFAULT_TRAIN_OPTIONS.layout, embedding: values['embedding-features'] === true },
    name: values.name ?? DEFAULT_TRAIN_OPTIONS.name,
    ...(groupBy === undefined ? {} : { groupBy }),
    ...(values.quiet === true ? {} : { onProgress: (message: string) => output.stderr.write(`rung train: ${message}\n`) }),
  };
  const started = performance.now();
  const dataset = loadDataset(data);
  const model = trainScorer(dataset.examples, options);
  const manifest = writeScorerModel(out, model, dataset.files);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  output.stdout.write(
    `trained ${manifest.name} on ${model.rows.train} rows (validation ${model.rows.validation}) in ${seconds} s → ${out}\n` +
      `validation: ${JSON.stringify(manifest.eval)}\nthresholds: ${JSON.stringify(manifest.thresholds)}\n`,
  );
  return 0;
}

/** `--from-store`: labels from logged outcomes (+ optional --data), candidate, eval gate, registry. */
async function retrain(dbPath: string, values: TrainValues, output: CommandOutput): Promise<number> {
  const { out, eval: evalFile } = requireFlags(values, ['out', 'eval'], 'with --from-store');
  const tolerance = numberFlag(values, 'tolerance', NON_NEGATIVE_NUMBER);
  const seed = numberFlag(values, 'seed', NON_NEGATIVE_INTEGER, DEFAULT_TRAIN_OPTIONS.seed);
  const extraData = listFlag(values, 'data');
  // Loaded only here: the learning loop pulls in the store, which plain `rung train` does not need.
  const { retrainFromStore } = await import('../../learning/retrain.ts');
  const result = await retrainFromStore({
    dbPath,
    evalFile,
    outDir: out,
    seed,
    ...(extraData === undefined ? {} : { extraData }),
    ...(tolerance === undefined ? {} : { tolerance }),
  });
  const { gate } = result;
  output.stdout.write(
    `rung train: candidate ${result.version} (${result.labels.examples} labelled outcomes, ${result.training.rows} training rows) in ${result.candidateDir}\n` +
      `rung train: eval gate on ${gate.dataset}: ${gate.decision.toUpperCase()} — ${gate.reason}\n` +
      `rung train: ${result.promoted ? `promoted ${result.version}` : `kept ${result.currentVersion}`}\n`,
  );
  return 0;
}
