// `rung train --data FILE.jsonl[,FILE…] --out DIR [--seed N] [--val-share 0.2] …`
// Trains a scorer model directory. Progress goes to stderr; the summary line to stdout.
import { parseArgs } from 'node:util';
import { loadDataset } from '../../training/dataset.ts';
import { trainScorer } from '../../training/train.ts';
import { DEFAULT_TRAIN_OPTIONS, type GroupField, type TrainOptions } from '../../training/train-options.ts';
import { writeScorerModel } from '../../training/write-model.ts';

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
  --embedding-features  also feed the raw embedding to the head
  --name NAME           model name recorded in the manifest
  --quiet               no progress output
`;

function integer(value: string | undefined, flag: string, fallback: number): number {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0) throw new Error(`${flag} must be a non-negative integer, got "${value}"`);
  return parsed;
}

export async function run(argv: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        data: { type: 'string' },
        out: { type: 'string' },
        seed: { type: 'string' },
        'val-share': { type: 'string' },
        'group-by': { type: 'string' },
        k: { type: 'string' },
        epochs: { type: 'string' },
        dim: { type: 'string' },
        calibration: { type: 'string' },
        'embedding-features': { type: 'boolean' },
        name: { type: 'string' },
        quiet: { type: 'boolean' },
        'from-store': { type: 'string' },
        eval: { type: 'string' },
        tolerance: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    process.stderr.write(`rung train: ${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    return 2;
  }
  if (values.help === true) {
    process.stdout.write(USAGE);
    return 0;
  }
  if (values['from-store'] !== undefined) return retrain(values['from-store'], values);
  if (values.data === undefined || values.out === undefined) {
    process.stderr.write(`rung train: --data and --out are required\n\n${USAGE}`);
    return 2;
  }
  try {
    const validationShare = values['val-share'] === undefined ? DEFAULT_TRAIN_OPTIONS.validationShare : Number(values['val-share']);
    if (!(validationShare >= 0 && validationShare < 1)) throw new Error(`--val-share must be in [0, 1), got "${values['val-share']}"`);
    const groupBy = values['group-by'];
    if (groupBy !== undefined && !['domain', 'task', 'source'].includes(groupBy)) throw new Error(`--group-by must be domain, task or source, got "${groupBy}"`);
    const calibration = values.calibration ?? DEFAULT_TRAIN_OPTIONS.calibration;
    if (calibration !== 'isotonic' && calibration !== 'platt') throw new Error(`--calibration must be isotonic or platt, got "${calibration}"`);
    const dimension = integer(values.dim, '--dim', DEFAULT_TRAIN_OPTIONS.outputDim);
    const options: Partial<TrainOptions> = {
      seed: integer(values.seed, '--seed', DEFAULT_TRAIN_OPTIONS.seed),
      validationShare,
      k: Math.max(1, integer(values.k, '--k', DEFAULT_TRAIN_OPTIONS.k)),
      encoderEpochs: integer(values.epochs, '--epochs', DEFAULT_TRAIN_OPTIONS.encoderEpochs),
      embeddingDim: dimension,
      outputDim: dimension,
      calibration,
      layout: { ...DEFAULT_TRAIN_OPTIONS.layout, embedding: values['embedding-features'] === true },
      name: values.name ?? DEFAULT_TRAIN_OPTIONS.name,
      ...(groupBy === undefined ? {} : { groupBy: groupBy as GroupField }),
      ...(values.quiet === true ? {} : { onProgress: (message: string) => process.stderr.write(`rung train: ${message}\n`) }),
    };
    const started = performance.now();
    const dataset = loadDataset(values.data);
    const model = trainScorer(dataset.examples, options);
    const manifest = writeScorerModel(values.out, model, dataset.files);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    process.stdout.write(
      `trained ${manifest.name} on ${model.rows.train} rows (validation ${model.rows.validation}) in ${seconds} s → ${values.out}\n` +
        `validation: ${JSON.stringify(manifest.eval)}\nthresholds: ${JSON.stringify(manifest.thresholds)}\n`,
    );
    return 0;
  } catch (error) {
    process.stderr.write(`rung train: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

/** `--from-store`: labels from logged outcomes (+ optional --data), candidate, eval gate, registry. */
async function retrain(dbPath: string, values: { data?: string; out?: string; eval?: string; tolerance?: string; seed?: string }): Promise<number> {
  if (values.out === undefined || values.eval === undefined) {
    process.stderr.write(`rung train: --from-store needs --out DIR and --eval FROZEN.jsonl\n\n${USAGE}`);
    return 2;
  }
  try {
    const { retrainFromStore } = await import('../../learning/retrain.ts');
    const tolerance = values.tolerance === undefined ? undefined : Number(values.tolerance);
    if (tolerance !== undefined && !(tolerance >= 0)) throw new Error(`--tolerance must be a non-negative number, got "${values.tolerance}"`);
    const result = await retrainFromStore({
      dbPath,
      evalFile: values.eval,
      outDir: values.out,
      seed: integer(values.seed, '--seed', DEFAULT_TRAIN_OPTIONS.seed),
      ...(values.data === undefined ? {} : { extraData: values.data.split(',') }),
      ...(tolerance === undefined ? {} : { tolerance }),
    });
    const { gate } = result;
    process.stdout.write(
      `rung train: candidate ${result.version} (${result.labels.examples} labelled outcomes, ${result.training.rows} training rows) in ${result.candidateDir}\n` +
        `rung train: eval gate on ${gate.dataset}: ${gate.decision.toUpperCase()} — ${gate.reason}\n` +
        `rung train: ${result.promoted ? `promoted ${result.version}` : `kept ${result.currentVersion}`}\n`,
    );
    return 0;
  } catch (error) {
    process.stderr.write(`rung train: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}
