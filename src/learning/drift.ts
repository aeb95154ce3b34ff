// The drift check: the serving model scored on the frozen set plus the most recent labelled
// outcomes. The result is compared with the last *accepted* eval-history record of the same model
// on the same dataset label; if APGR or ROC-AUC fell by more than the tolerance it is recorded as
// not accepted (the alarm), else as accepted (it becomes the next baseline). The first check of a
// model on a dataset has no baseline and is accepted. Gate records (dataset `frozen:…`) are not
// baselines: they measure the frozen set alone, and outcome labels are noisier, so comparing with
// them would alarm on the first check. The figures of each part alone go into the notes, so an
// alarm shows which side moved.
import type { EvalHistoryStore, EvalRun, ModelRegistryStore, OutcomeStore } from '../store/types.ts';
import { loadFrozenEvalSet } from './eval-gate.ts';
import { figuresOf, manifestShaOf, scoreWithModel, type ModelFigures } from './model-eval.ts';
import { emptyCounts, labelRuleOf, type LabelReason, type LabelRule, type SkipReason } from './outcome-labels.ts';
import { labelsFromStore } from './outcome-source.ts';

export const DEFAULT_DRIFT_TOLERANCE = 0.02;
export const DEFAULT_RECENT_OUTCOMES = 1_000;
/** How far back in the eval history a baseline is looked for. */
const HISTORY_SCAN = 1_000;

export interface DriftStores {
  outcomes: OutcomeStore;
  models: ModelRegistryStore;
  evals: EvalHistoryStore;
}

export interface DriftInput {
  modelDir: string;
  evalFile: string;
  tolerance?: number;
  /** The most recent N labelled outcomes join the frozen set (0: the frozen set alone). */
  recent?: number;
  labelRule?: Partial<LabelRule>;
  now?: () => number;
}

export interface DriftResult {
  /** The record appended to the eval history. */
  record: EvalRun;
  /** Why the record was not accepted; null when it was. */
  alarm: string | null;
  baseline: EvalRun | null;
  modelVersion: string;
  combined: ModelFigures;
  frozen: ModelFigures;
  outcomes: ModelFigures;
  labelCounts: Record<LabelReason | SkipReason, number>;
}

/** The registered version whose manifest matches the directory (latest registration), else `unregistered:<sha>`. */
export async function versionOfDirectory(models: ModelRegistryStore, directory: string): Promise<string> {
  const sha = manifestShaOf(directory);
  const match = (await models.list()).filter((entry) => entry.manifestSha === sha).at(-1);
  return match?.version ?? `unregistered:${sha.slice(0, 12)}`;
}

/** The alarm message, or null when `current` is within tolerance of the baseline on both metrics. */
export function driftAlarmOf(baseline: EvalRun | null, current: { apgr: number | null; auc: number | null }, tolerance: number): string | null {
  if (baseline === null) return null;
  const problems: string[] = [];
  const check = (name: string, before: number | null, now: number | null): void => {
    if (before !== null && now !== null && now < before - tolerance) {
      problems.push(`${name} fell from ${before.toFixed(4)} to ${now.toFixed(4)} (tolerance ${tolerance})`);
    }
  };
  check('APGR', baseline.apgr, current.apgr);
  check('ROC-AUC', baseline.auc, current.auc);
  return problems.length === 0 ? null : `drift alarm against the accepted record of ${new Date(baseline.at).toISOString()}: ${problems.join('; ')}`;
}

function describe(name: string, figures: ModelFigures): string {
  const format = (value: number | null): string => (value === null ? 'n/a' : value.toFixed(4));
  return `${name} n=${figures.n} apgr=${format(figures.apgr)} auc=${format(figures.auc)}`;
}

export async function runDriftCheck(stores: DriftStores, input: DriftInput): Promise<DriftResult> {
  const now = input.now ?? Date.now;
  const tolerance = input.tolerance ?? DEFAULT_DRIFT_TOLERANCE;
  const recent = input.recent ?? DEFAULT_RECENT_OUTCOMES;
  if (!(tolerance >= 0)) throw new RangeError(`tolerance must be a number >= 0, got ${tolerance}`);
  if (!Number.isInteger(recent) || recent < 0) throw new RangeError(`recent must be a non-negative integer, got ${recent}`);
  const frozen = loadFrozenEvalSet(input.evalFile);
  const derived = recent === 0 ? null : await labelsFromStore(stores.outcomes, labelRuleOf(input.labelRule), { recent });
  const outcomeExamples = derived?.examples ?? [];
  const examples = [...frozen.examples, ...outcomeExamples];
  const { scores } = await scoreWithModel(input.modelDir, examples.map((e) => e.prompt));
  const frozenCount = frozen.examples.length;
  const combined = figuresOf(scores, examples);
  const frozenFigures = figuresOf(scores.slice(0, frozenCount), frozen.examples);
  const outcomeFigures = figuresOf(scores.slice(frozenCount), outcomeExamples);

  const modelVersion = await versionOfDirectory(stores.models, input.modelDir);
  const dataset = `drift:${frozen.label.replace(/^frozen:/, '')}${recent === 0 ? '' : '+recent-outcomes'}`;
  const baseline = (await stores.evals.list(HISTORY_SCAN)).find((run) => run.accepted && run.modelVersion === modelVersion && run.dataset === dataset) ?? null;
  const alarm = driftAlarmOf(baseline, combined, tolerance);
  const notes = [describe('frozen', frozenFigures), describe('outcomes', outcomeFigures), ...(alarm === null ? [] : [alarm])].join('; ');
  const record: EvalRun = { at: now(), modelVersion, dataset, apgr: combined.apgr, auc: combined.auc, cpt50: combined.cpt50, cpt80: combined.cpt80, accepted: alarm === null, notes };
  await stores.evals.append(record);
  return {
    record,
    alarm,
    baseline,
    modelVersion,
    combined,
    frozen: frozenFigures,
    outcomes: outcomeFigures,
    labelCounts: derived?.counts ?? emptyCounts(),
  };
}
