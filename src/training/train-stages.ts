// The stages of the training pipeline that are not the orchestration itself: encoder training,
// out-of-fold neighbour statistics and out-of-fold lexical scores.
import { featurize } from '../scorer/encoder/builtin/featurize.ts';
import { trainBuiltinEncoder } from '../scorer/encoder/builtin/train-encoder.ts';
import { initBuiltinEncoderWeights, quantizeToInt8, type BuiltinEncoderWeights } from '../scorer/encoder/builtin/weights.ts';
import type { KnnIndex } from '../scorer/knn-index.ts';
import { predictLexical, trainLexicalModel, type LexicalModel } from '../scorer/lexical-model.ts';
import { summariseNeighbours, type NeighbourTable } from '../scorer/neighbour-stats.ts';
import type { TrainingExample } from './dataset.ts';
import { seededRandom } from './metrics/numeric.ts';
import { taskClassOf, type TrainOptions } from './train-options.ts';

/** Trains the built-in encoder (or returns the seeded projection when epochs = 0), int8-quantised as exported. */
export function trainEncoderStage(rows: readonly TrainingExample[], ids: readonly Int32Array[], options: TrainOptions): BuiltinEncoderWeights {
  if (options.encoderEpochs === 0) {
    return quantizeToInt8(initBuiltinEncoderWeights(options.featurizer, options.embeddingDim, options.outputDim, options.seed));
  }
  const classNames = [...new Set(rows.map((e) => taskClassOf(e) ?? ''))].sort();
  const classIndex = new Map(classNames.map((name, i) => [name, i]));
  const weights = trainBuiltinEncoder(
    rows.map((e, row) => ({
      ids: ids[row] ?? featurize(e.prompt, options.featurizer),
      target: options.encoderObjective === 'class' ? 0.5 : e.target,
      taskClass: classIndex.get(taskClassOf(e) ?? '') ?? 0,
    })),
    {
      embeddingDim: options.embeddingDim,
      outputDim: options.outputDim,
      taskClasses: classNames.length,
      epochs: options.encoderEpochs,
      learningRate: options.encoderLearningRate,
      seed: options.seed,
      spec: options.featurizer,
      onEpoch: (epoch: number) => options.onProgress?.(`encoder: epoch ${epoch + 1}/${options.encoderEpochs}`),
    },
  );
  return quantizeToInt8(weights);
}

/**
 * kNN statistics of the training rows, out of fold: a row never sees its own fold, so the head
 * learns how much to trust neighbours that are as far away as they will be for new prompts. In
 * 'classes' mode (or for a seeded half of the rows in 'mixed' mode) the row's whole task class is
 * hidden too, which is what a prompt of an unseen kind meets; with both kinds of rows the head
 * can learn, through the similarity features, when neighbours are worth trusting. `familiar` is 1
 * for a row whose class stayed in the index and 0 for one whose class was hidden (the gated head's
 * gate learns to tell the two apart).
 */
export function outOfFoldNeighbourStats(
  index: KnnIndex,
  table: NeighbourTable,
  embeddings: readonly Float32Array[],
  folds: Int32Array,
  options: TrainOptions,
): { features: number[][]; familiar: number[] } {
  const coin = seededRandom(options.seed + 2);
  const familiar: number[] = [];
  const features = embeddings.map((embedding, row) => {
    const fold = folds[row];
    const ownClass = table.classes[row] ?? -1;
    const hideClass = ownClass >= 0 && (options.knnOutOfFold === 'classes' || (options.knnOutOfFold === 'mixed' && coin() < 0.5));
    familiar.push(hideClass ? 0 : 1);
    const hit = index.search(
      embedding,
      options.k,
      hideClass ? (label) => folds[label] === fold || table.classes[label] === ownClass : (label) => folds[label] === fold,
    );
    return summariseNeighbours(table, hit.labels, hit.similarities).features;
  });
  return { features, familiar };
}

/** Cross-fitted lexical scores for the training rows, and the model fitted on all of them. */
export const lexicalStage = Object.assign(crossFitLexical, {
  /** The lexical model on a given set of rows (the refit on train + validation). */
  refit: (bags: readonly Int32Array[], targets: readonly number[], options: TrainOptions): LexicalModel =>
    trainLexicalModel(bags, targets, options.lexicalFeaturizer.buckets, options.lexicalRidge),
});

function crossFitLexical(
  bags: readonly Int32Array[],
  targets: readonly number[],
  folds: Int32Array,
  options: TrainOptions,
): { model: LexicalModel; outOfFold: number[] } {
  const lexicalOptions = options.lexicalRidge;
  const outOfFold = new Array<number>(bags.length).fill(0);
  for (let fold = 0; fold < options.knnFolds; fold++) {
    const inside = bags.flatMap((_, row) => (folds[row] === fold ? [] : [row]));
    const model = trainLexicalModel(inside.map((row) => bags[row] as Int32Array), inside.map((row) => targets[row] ?? 0), options.lexicalFeaturizer.buckets, lexicalOptions);
    bags.forEach((bag, row) => {
      if (folds[row] === fold) outOfFold[row] = predictLexical(model, bag);
    });
  }
  return { model: trainLexicalModel(bags, targets, options.lexicalFeaturizer.buckets, lexicalOptions), outOfFold };
}
