// Retraining from logged outcomes behind the eval gate:
//   labelled outcomes (+ extra JSONL) → train a candidate → gate on the frozen set against the
//   current model → register the candidate (always, so a rejected one can be inspected or promoted
//   by hand) → set it active only when promoted → one eval-history record per model.
// The candidate is written to `<outDir>/<version>`, so no registered directory is overwritten.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { RungError } from '../errors/rung-error.ts';
import { DEFAULT_MODEL_DIRECTORY } from '../scorer/default-model.ts';
import { openSqliteStore } from '../store/sqlite/open-sqlite-store.ts';
import type { EvalHistoryStore, ModelActivation, ModelRegistryStore, OutcomeStore } from '../store/types.ts';
import { loadDataset, withSuppliedExamples, type LoadedDataset } from '../training/dataset.ts';
import { trainScorer } from '../training/train.ts';
import type { TrainOptions } from '../training/train-options.ts';
import { writeScorerModel } from '../training/write-model.ts';
import { DEFAULT_GATE_TOLERANCE, evaluateCandidateOn, loadFrozenEvalSet, type GateResult } from './eval-gate.ts';
import { manifestShaOf, registryMetrics } from './model-eval.ts';
import { labelRuleOf, type LabelReason, type LabelRule, type SkipReason } from './outcome-labels.ts';
import { labelsFromStore, type OutcomeWindow } from './outcome-source.ts';

export interface LearningRegistry {
  models: ModelRegistryStore;
  evals: EvalHistoryStore;
}

export interface RetrainInput {
  /** The SQLite store holding the logged outcomes (and, unless `registry` is given, the registry). */
  dbPath: string;
  /** Extra labelled JSONL files trained on alongside the outcomes. */
  extraData?: readonly string[];
  /** The frozen evaluation set (JSONL). */
  evalFile: string;
  /** Candidates are written to `<outDir>/<version>`. */
  outDir: string;
  seed?: number;
  tolerance?: number;
  /** Where to register and record; default: the store at `dbPath`. */
  registry?: LearningRegistry;
  /** The baseline when the registry has no active version; default: the shipped model. */
  currentDir?: string;
  labelRule?: Partial<LabelRule>;
  window?: OutcomeWindow;
  /** Passed to `trainScorer` (the seed option above wins). */
  trainOptions?: Partial<TrainOptions>;
  /** Default: `scorer-<UTC time>-s<seed>`. */
  version?: string;
  now?: () => number;
}

export interface RetrainResult {
  version: string;
  candidateDir: string;
  manifestSha: string;
  labels: { examples: number; counts: Record<LabelReason | SkipReason, number> };
  training: { rows: number; outcomeRows: number; extraRows: number; validation: Record<string, number | null> };
  /** The registered version the candidate was compared with, or `unregistered:<sha>`. */
  currentVersion: string;
  gate: GateResult;
  promoted: boolean;
  /** The activation recorded when promoted. */
  activation: ModelActivation | null;
}

function compactTime(at: number): string {
  return new Date(at).toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
}

export async function retrainFromStore(input: RetrainInput): Promise<RetrainResult> {
  if (!existsSync(input.dbPath)) throw new RungError('invalid_request', `no database at ${input.dbPath}`);
  const store = await openSqliteStore({ path: input.dbPath });
  try {
    return await retrainWith(store.outcomes, input.registry ?? store, input);
  } finally {
    await store.close();
  }
}

/** The same, on stores already open (the gateway's scheduler passes its own). */
export async function retrainWith(outcomes: OutcomeStore, registry: LearningRegistry, input: Omit<RetrainInput, 'dbPath' | 'registry'>): Promise<RetrainResult> {
  const now = input.now ?? Date.now;
  const seed = input.seed ?? 1;
  const tolerance = input.tolerance ?? DEFAULT_GATE_TOLERANCE;
  const startedAt = now();
  const version = input.version ?? `scorer-${compactTime(startedAt)}-s${seed}`;
  const registered = await registry.models.list();
  if (registered.some((entry) => entry.version === version)) throw new RungError('invalid_request', `model version ${version} is already registered`);
  const frozen = loadFrozenEvalSet(input.evalFile);

  const derived = await labelsFromStore(outcomes, labelRuleOf(input.labelRule), input.window);
  const extra: LoadedDataset = input.extraData !== undefined && input.extraData.length > 0 ? loadDataset(input.extraData) : { examples: [], files: [] };
  const dataset = await withSuppliedExamples(extra, 'outcome-store', () => derived.examples);
  const model = trainScorer(dataset.examples, { ...input.trainOptions, seed });
  const candidateDir = join(input.outDir, version);
  writeScorerModel(candidateDir, model, dataset.files, new Date(startedAt));
  const manifestSha = manifestShaOf(candidateDir);

  const active = await registry.models.active();
  const currentDir = active?.dir ?? input.currentDir ?? DEFAULT_MODEL_DIRECTORY;
  const currentSha = manifestShaOf(currentDir);
  const currentVersion = active?.version ?? registered.find((entry) => entry.manifestSha === currentSha)?.version ?? `unregistered:${currentSha.slice(0, 12)}`;
  const gate = await evaluateCandidateOn(frozen, currentDir, candidateDir, tolerance);
  const promoted = gate.decision === 'promote';

  await registry.models.register({
    version,
    dir: candidateDir,
    manifestSha,
    metrics: registryMetrics(gate.candidate.figures, { train_rows: model.rows.train, outcome_rows: derived.examples.length, validation_auc: model.validation.roc_auc ?? null }),
    createdAt: startedAt,
  });
  const activation = promoted ? await registry.models.setActive(version) : null;
  const at = now();
  // The current model first: the candidate's record is the newer one, so after a promotion it
  // is the last accepted record the drift alarm compares with.
  await registry.evals.append({ at, modelVersion: currentVersion, dataset: frozen.label, ...figuresForHistory(gate.current.figures), accepted: true, notes: `gate baseline for ${version}` });
  await registry.evals.append({ at, modelVersion: version, dataset: frozen.label, ...figuresForHistory(gate.candidate.figures), accepted: promoted, notes: gate.reason });

  return {
    version,
    candidateDir,
    manifestSha,
    labels: { examples: derived.examples.length, counts: derived.counts },
    training: { rows: model.rows.total, outcomeRows: derived.examples.length, extraRows: extra.examples.length, validation: model.validation },
    currentVersion,
    gate,
    promoted,
    activation,
  };
}

function figuresForHistory(figures: { apgr: number | null; auc: number | null; cpt50: number | null; cpt80: number | null }): { apgr: number | null; auc: number | null; cpt50: number | null; cpt80: number | null } {
  return { apgr: figures.apgr, auc: figures.auc, cpt50: figures.cpt50, cpt80: figures.cpt80 };
}
