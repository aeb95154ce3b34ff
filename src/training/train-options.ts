// Options of the training pipeline, with the defaults the shipped model uses.
import { DEFAULT_FEATURIZER_SPEC, type FeaturizerSpec } from '../scorer/encoder/builtin/featurize.ts';
import type { CalibrationMethod } from '../scorer/calibration.ts';
import { DEFAULT_HEAD_OPTIONS, type HeadTrainingOptions } from '../scorer/head.ts';
import { DEFAULT_LEXICAL_OPTIONS, type LexicalTrainingOptions } from '../scorer/lexical-model.ts';

export type GroupField = 'domain' | 'task' | 'source';

export interface TrainOptions {
  seed: number;
  /** Share of rows held out for calibration, thresholds and the validation figures. */
  validationShare: number;
  /** Split validation by whole groups of this field (e.g. subjects) instead of by rows. */
  groupBy?: GroupField;
  /** Neighbours per query. */
  k: number;
  /** Folds for the out-of-fold kNN statistics the head trains on. */
  knnFolds: number;
  /** How training rows' kNN statistics hide neighbours: own fold ('rows'), own fold and task class ('classes'), or each half ('mixed'). */
  knnOutOfFold: 'rows' | 'classes' | 'mixed';
  featurizer: FeaturizerSpec;
  /** The lexical model's featuriser: more buckets (fewer collisions) and longer character n-grams. */
  lexicalFeaturizer: FeaturizerSpec;
  embeddingDim: number;
  outputDim: number;
  /** 0 keeps the seeded random projection (no encoder training). */
  encoderEpochs: number;
  encoderLearningRate: number;
  /**
   * What the encoder learns to separate. 'class' trains only the task-class head (the target is
   * held at 0.5), so embeddings do not memorise the training rows' targets — memorised targets
   * make the training rows' neighbours look far more telling than a new prompt's will be.
   */
  encoderObjective: 'class' | 'target+class';
  layout: { embedding: boolean; knn: boolean; lexical: boolean; hand: boolean };
  head: HeadTrainingOptions;
  /**
   * What the head fits: 'target' (strong needed, 0/1 or soft) or 'gap' ((strong − weak + 1) / 2,
   * which also ranks down prompts where the cheap tier did better). Either way the calibrated
   * output is the probability of the target.
   */
  headObjective: 'target' | 'gap';
  /**
   * 'familiarity' fits a gated head (src/scorer/gated-head.ts): one expert weighting for prompts
   * whose kind of task is in the index and one for prompts of an unseen kind, blended by a gate
   * on the neighbours' similarities. The gate learns from both kinds of out-of-fold rows, so with
   * knnOutOfFold other than 'mixed', or rows without task classes, the logistic head is fitted
   * instead. 'none' is always one logistic head.
   */
  headGate: 'none' | 'familiarity';
  /** Ridge penalty and conjugate-gradient iterations of the lexical model. */
  lexicalRidge: LexicalTrainingOptions;
  /** What the lexical ridge model regresses: the signed gap (strong − weak) or the target. */
  lexicalObjective: 'target' | 'gap';
  calibration: CalibrationMethod;
  /**
   * After calibration, refit the lexical model and add the validation rows to the kNN index, so
   * the shipped model learns from every row. The calibration map and thresholds were fitted
   * before the refit; the added 1/10 of data moves scores little, and ranking gains.
   */
  refitOnAll: boolean;
  name: string;
  /** Progress lines (the CLI sends them to stderr). */
  onProgress?: (message: string) => void;
}

export const DEFAULT_TRAIN_OPTIONS: TrainOptions = {
  seed: 1,
  validationShare: 0.1,
  k: 16,
  knnFolds: 5,
  knnOutOfFold: 'mixed',
  featurizer: DEFAULT_FEATURIZER_SPEC,
  lexicalFeaturizer: { ...DEFAULT_FEATURIZER_SPEC, buckets: 1 << 18, wordNgrams: 4, charNgramMin: 4, charNgramMax: 5 },
  embeddingDim: 32,
  outputDim: 32,
  encoderEpochs: 2,
  encoderLearningRate: 0.05,
  encoderObjective: 'class',
  layout: { embedding: false, knn: true, lexical: true, hand: true },
  head: DEFAULT_HEAD_OPTIONS,
  headObjective: 'target',
  headGate: 'familiarity',
  lexicalObjective: 'target',
  lexicalRidge: DEFAULT_LEXICAL_OPTIONS,
  calibration: 'isotonic',
  refitOnAll: true,
  name: 'rung-scorer',
};

/** The options that are recorded in the manifest (everything but callbacks). */
export function recordableOptions(options: TrainOptions): Record<string, unknown> {
  const { onProgress: _onProgress, featurizer: _featurizer, lexicalFeaturizer: _lexicalFeaturizer, ...rest } = options;
  return { ...rest };
}

/** The task class a row belongs to: its task, else its subject, else its source. */
export function taskClassOf(example: { task?: string; domain?: string; source?: string }): string | undefined {
  return example.task ?? example.domain ?? example.source;
}
