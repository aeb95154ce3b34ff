// The head's input vector, built the same way at training and scoring time:
// [embedding (optional)] ++ [kNN statistics] ++ [lexical score] ++ [hand features].
import { HAND_FEATURE_COUNT, HAND_FEATURE_NAMES, handFeatures } from './features.ts';
import { KNN_FEATURE_COUNT, KNN_FEATURE_NAMES } from './neighbour-stats.ts';

export interface FeatureLayout {
  /** Whether the raw embedding dimensions feed the head (they mostly encode topic). */
  embedding: boolean;
  embeddingDimensions: number;
  knn: boolean;
  /** The lexical (hashed n-gram ridge) model's prediction as one feature. */
  lexical: boolean;
  hand: boolean;
}

export function featureDimension(layout: FeatureLayout): number {
  return (layout.embedding ? layout.embeddingDimensions : 0) + (layout.knn ? KNN_FEATURE_COUNT : 0) + (layout.lexical ? 1 : 0) + (layout.hand ? HAND_FEATURE_COUNT : 0);
}

export function featureNames(layout: FeatureLayout): string[] {
  const names: string[] = [];
  if (layout.embedding) for (let i = 0; i < layout.embeddingDimensions; i++) names.push(`embedding_${i}`);
  if (layout.knn) names.push(...KNN_FEATURE_NAMES);
  if (layout.lexical) names.push('lexical_score');
  if (layout.hand) names.push(...HAND_FEATURE_NAMES);
  return names;
}

/** Writes the vector into `out` at `offset` (so training can fill one big row-major buffer). */
export function writeFeatureVector(
  layout: FeatureLayout,
  text: string,
  embedding: ArrayLike<number>,
  knnFeatures: ArrayLike<number>,
  lexicalScore: number,
  out: Float32Array,
  offset = 0,
): void {
  let at = offset;
  if (layout.embedding) {
    for (let i = 0; i < layout.embeddingDimensions; i++) out[at + i] = embedding[i] ?? 0;
    at += layout.embeddingDimensions;
  }
  if (layout.knn) {
    for (let i = 0; i < KNN_FEATURE_COUNT; i++) out[at + i] = knnFeatures[i] ?? 0;
    at += KNN_FEATURE_COUNT;
  }
  if (layout.lexical) {
    out[at] = lexicalScore;
    at += 1;
  }
  if (layout.hand) handFeatures(text, out, at);
}
