// The training pipeline: split → train encoder → embed → kNN index → out-of-fold kNN statistics
// and lexical scores → head → calibrate on validation → thresholds → validation figures.
// Everything is a pure function of (examples, options): the same seed gives the same model, byte
// for byte.
import { featurize } from '../scorer/encoder/builtin/featurize.ts';
import { embedReference, type BuiltinEncoderWeights } from '../scorer/encoder/builtin/weights.ts';
import { applyCalibration, fitCalibration } from '../scorer/calibration.ts';
import { featureDimension, featureNames, writeFeatureVector, type FeatureLayout } from '../scorer/feature-vector.ts';
import { applyHead, type ScorerHead } from '../scorer/apply-head.ts';
import { trainGatedHead } from '../scorer/gated-head.ts';
import { trainLogisticHead } from '../scorer/head.ts';
import { HAND_FEATURE_NAMES } from '../scorer/features.ts';
import { KnnIndex, searchBreadth } from '../scorer/knn-index.ts';
import { distinctIds, predictLexical, type LexicalModel } from '../scorer/lexical-model.ts';
import type { HeadFile } from '../scorer/model-store.ts';
import { buildNeighbourTable, summariseNeighbours, type NeighbourTable } from '../scorer/neighbour-stats.ts';
import { policyThresholds, type PolicyThresholds } from '../scorer/thresholds.ts';
import type { TrainingExample } from './dataset.ts';
import { evaluateScores, rocAuc } from './metrics/index.ts';
import { stratifiedFolds, trainValidationSplit } from './split.ts';
import { DEFAULT_TRAIN_OPTIONS, taskClassOf, type TrainOptions } from './train-options.ts';
import { lexicalStage, outOfFoldNeighbourStats, trainEncoderStage } from './train-stages.ts';

export interface TrainedScorer {
  options: TrainOptions;
  /** Float16-rounded weights: exactly what the ONNX export holds. */
  encoder: BuiltinEncoderWeights;
  index: KnnIndex;
  table: NeighbourTable;
  lexical: LexicalModel;
  head: HeadFile;
  thresholds: PolicyThresholds;
  rows: { total: number; train: number; validation: number; indexed: number };
  validation: Record<string, number | null>;
  /**
   * The cost–quality curve on the validation split: share of calls sent to the strong tier (%) →
   * quality, with label rows read as strong = 1, weak = 1 − label.
   */
  validationCurve: { pct: number; perf: number }[];
  /** Scores texts in memory with the reference encoder (same maths as the ONNX model). */
  scoreTexts(texts: readonly string[]): number[];
}

interface RowInputs {
  texts: string[];
  embeddings: Float32Array[];
  knn: number[][];
  lexical: number[];
}

/**
 * The gate reads how close the nearest indexed rows are (their top and mean similarity); the
 * familiar-prompt expert reads everything but the hand features.
 */
function gatedInputsOf(layout: FeatureLayout): { gate: number[]; familiar: number[] } {
  const names = featureNames(layout);
  const hand = new Set<string>(HAND_FEATURE_NAMES);
  return {
    gate: ['knn_top_similarity', 'knn_mean_similarity'].map((name) => names.indexOf(name)).filter((at) => at >= 0),
    familiar: names.flatMap((name, at) => (hand.has(name) ? [] : [at])),
  };
}

/**
 * The gate learns from rows of both kinds, so it needs the kNN statistics and a fair share of rows
 * whose class was hidden (knnOutOfFold 'mixed' on rows that carry a task class). Without them the
 * logistic head is fitted instead.
 */
function canGate(layout: FeatureLayout, familiar: readonly number[]): boolean {
  if (!layout.knn || familiar.length === 0) return false;
  const share = familiar.reduce((sum, f) => sum + f, 0) / familiar.length;
  return share >= 0.1 && share <= 0.9;
}

function rawHeadScores(layout: FeatureLayout, head: HeadFile['head'], rows: RowInputs): number[] {
  const buffer = new Float32Array(featureDimension(layout));
  return rows.texts.map((text, i) => {
    writeFeatureVector(layout, text, rows.embeddings[i] ?? new Float32Array(0), rows.knn[i] ?? [], rows.lexical[i] ?? 0, buffer);
    return applyHead(head, buffer);
  });
}

export function trainScorer(examples: readonly TrainingExample[], partial: Partial<TrainOptions> = {}): TrainedScorer {
  const options: TrainOptions = { ...DEFAULT_TRAIN_OPTIONS, ...partial };
  const progress = (message: string): void => options.onProgress?.(message);
  if (examples.length < 10) throw new RangeError(`need at least 10 training rows, got ${examples.length}`);
  const strata = examples.map((e) => `${e.target > 0.5 ? 1 : 0}|${taskClassOf(e) ?? ''}`);
  const groups = options.groupBy === undefined ? undefined : examples.map((e) => e[options.groupBy as 'domain'] ?? '');
  const split = trainValidationSplit(strata, options.validationShare, options.seed, groups);
  const trainRows = split.train.map((i) => examples[i] as TrainingExample);
  const validationRows = split.validation.map((i) => examples[i] as TrainingExample);
  progress(`split: ${trainRows.length} train, ${validationRows.length} validation (seed ${options.seed})`);

  const trainIds = trainRows.map((e) => featurize(e.prompt, options.featurizer));
  const encoder = trainEncoderStage(trainRows, trainIds, options);
  progress('embedding rows');
  const trainEmbeddings = trainIds.map((ids) => embedReference(encoder, ids));
  const embedTexts = (texts: readonly string[]): { embeddings: Float32Array[]; bags: Int32Array[] } => {
    const ids = texts.map((text) => featurize(text, options.featurizer));
    return { embeddings: ids.map((row) => embedReference(encoder, row)), bags: texts.map((text) => distinctIds(featurize(text, options.lexicalFeaturizer))) };
  };

  progress('building kNN index');
  const index = KnnIndex.create(options.outputDim, trainRows.length + validationRows.length, { seed: options.seed, efSearch: searchBreadth(options.k) });
  trainEmbeddings.forEach((embedding, row) => index.add(embedding, row));
  const table = buildNeighbourTable(trainRows.map((e) => e.target), trainRows.map((e) => e.gap), trainRows.map((e) => taskClassOf(e)));
  const folds = stratifiedFolds(split.train.map((i) => strata[i] ?? ''), options.knnFolds, options.seed + 1);
  const { features: trainKnn, familiar } = outOfFoldNeighbourStats(index, table, trainEmbeddings, folds, options);
  const knnOf = (embeddings: readonly Float32Array[]): number[][] =>
    embeddings.map((embedding) => {
      const hit = index.search(embedding, options.k);
      return summariseNeighbours(table, hit.labels, hit.similarities).features;
    });

  progress('training lexical model and head');
  const lexical = lexicalStage(trainRows.map((e) => distinctIds(featurize(e.prompt, options.lexicalFeaturizer))), trainRows.map((e) => (options.lexicalObjective === 'gap' ? e.gap : e.target)), folds, options);
  const layout: FeatureLayout = { ...options.layout, embeddingDimensions: options.outputDim };
  const dimension = featureDimension(layout);
  const trainInputs: RowInputs = { texts: trainRows.map((e) => e.prompt), embeddings: trainEmbeddings, knn: trainKnn, lexical: lexical.outOfFold };
  const matrix = new Float32Array(trainRows.length * dimension);
  trainRows.forEach((e, row) =>
    writeFeatureVector(layout, e.prompt, trainEmbeddings[row] ?? new Float32Array(0), trainKnn[row] ?? [], lexical.outOfFold[row] ?? 0, matrix, row * dimension),
  );
  const headTargets = trainRows.map((e) => (options.headObjective === 'gap' ? (e.gap + 1) / 2 : e.target));
  const gated = options.headGate === 'familiarity' && canGate(layout, familiar);
  progress(`head: ${gated ? 'familiarity-gated' : 'logistic'}`);
  const head: ScorerHead = gated
    ? trainGatedHead(matrix, dimension, headTargets, familiar, gatedInputsOf(layout), options.head)
    : trainLogisticHead(matrix, dimension, headTargets, options.head);

  const inputsOf = (texts: string[]): RowInputs => {
    const { embeddings, bags } = embedTexts(texts);
    return { texts, embeddings, knn: knnOf(embeddings), lexical: bags.map((bag) => predictLexical(lexical.model, bag)) };
  };
  // Calibration on validation; with no validation rows, on the (out-of-fold) training rows.
  const calibrationRows = validationRows.length > 0 ? validationRows : trainRows;
  const calibrationRaw = rawHeadScores(layout, head, validationRows.length > 0 ? inputsOf(validationRows.map((e) => e.prompt)) : trainInputs);
  const calibration = fitCalibration(options.calibration, calibrationRaw, calibrationRows.map((e) => e.target));
  const calibrated = calibrationRaw.map((raw) => applyCalibration(calibration, raw));
  const thresholds = policyThresholds(calibrated);
  const headFile: HeadFile = { layout, featureNames: featureNames(layout), head, calibration, lexicalBias: lexical.model.bias };

  const validation: Record<string, number | null> = {
    rows: calibrationRows.length,
    roc_auc: rocAuc(calibrated, calibrationRows.map((e) => e.target > 0)),
  };
  if (calibrationRows.every((e) => e.strong !== undefined && e.weak !== undefined)) {
    const metrics = evaluateScores(calibrated, calibrationRows.map((e) => ({ strong: e.strong ?? 0, weak: e.weak ?? 0 })));
    Object.assign(validation, { apgr: metrics.apgr, cpt50: metrics.cpt50, cpt80: metrics.cpt80 });
  }
  progress(`validation: ${JSON.stringify(validation)}`);
  const curveRows = calibrationRows.map((e) => ({ strong: e.strong ?? 1, weak: e.weak ?? 1 - e.target }));
  const validationCurve = evaluateScores(calibrated, curveRows).curve.map((point) => ({ pct: point.pct, perf: point.perf }));

  let finalLexical = lexical.model;
  let finalTable = table;
  const refit = options.refitOnAll && validationRows.length > 0;
  if (refit) {
    progress('refitting the lexical model and the index on all rows');
    const allRows = [...trainRows, ...validationRows];
    finalLexical = lexicalStage.refit(allRows.map((e) => distinctIds(featurize(e.prompt, options.lexicalFeaturizer))), allRows.map((e) => (options.lexicalObjective === 'gap' ? e.gap : e.target)), options);
    embedTexts(validationRows.map((e) => e.prompt)).embeddings.forEach((embedding, row) => index.add(embedding, trainRows.length + row));
    finalTable = buildNeighbourTable(allRows.map((e) => e.target), allRows.map((e) => e.gap), allRows.map((e) => taskClassOf(e)));
  }
  const finalInputsOf = (texts: string[]): RowInputs => {
    const { embeddings, bags } = embedTexts(texts);
    const knn = embeddings.map((embedding) => {
      const hit = index.search(embedding, options.k);
      return summariseNeighbours(finalTable, hit.labels, hit.similarities).features;
    });
    return { texts, embeddings, knn, lexical: bags.map((bag) => predictLexical(finalLexical, bag)) };
  };
  headFile.lexicalBias = finalLexical.bias;

  return {
    options,
    encoder,
    index,
    table: finalTable,
    lexical: finalLexical,
    head: headFile,
    thresholds,
    rows: { total: examples.length, train: trainRows.length, validation: validationRows.length, indexed: index.size },
    validation,
    validationCurve,
    scoreTexts: (texts) => rawHeadScores(layout, head, finalInputsOf([...texts])).map((raw) => applyCalibration(calibration, raw)),
  };
}
