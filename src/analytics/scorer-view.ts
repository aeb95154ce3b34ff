// `GET /api/v1/scorer`: the live scorer model as its manifest describes it (no file checksums or
// featuriser internals), and the evaluation history, newest first.
import type { ScorerManifest } from '../scorer/manifest.ts';
import type { PolicyThresholds } from '../scorer/thresholds.ts';
import type { EvalRun } from '../store/types.ts';
import { isoTime } from './query-values.ts';

export interface ScorerModelView {
  /** The model's name, which is its version (`rung-scorer-v1`); null for a scorer without a manifest. */
  name: string | null;
  /** ISO time the model was trained. */
  created: string | null;
  format_version: number | null;
  encoder: { kind: string; id: string; dimensions: number } | null;
  knn: { k: number; rows: number } | null;
  training: { rows: Record<string, number>; sources: { name: string; rows: number; sha256: string }[]; seed: number } | null;
  /** Calibrated score per objective at or above which the strong tier is used. */
  thresholds: PolicyThresholds;
  /** Figures measured on the validation split at training time (`roc_auc`, ...). */
  eval: Record<string, number | null>;
  /** Validation cost–quality curve: strong-call % → quality; empty when the manifest has none. */
  curve: { pct: number; perf: number }[];
}

export interface EvalRunView {
  at: string;
  model_version: string;
  dataset: string;
  apgr: number | null;
  auc: number | null;
  cpt50: number | null;
  cpt80: number | null;
  accepted: boolean;
  notes: string;
}

export function scorerModelView(manifest: ScorerManifest | null, thresholds: PolicyThresholds): ScorerModelView {
  if (manifest === null) {
    return { name: null, created: null, format_version: null, encoder: null, knn: null, training: null, thresholds: { ...thresholds }, eval: {}, curve: [] };
  }
  return {
    name: manifest.name,
    created: manifest.created,
    format_version: manifest.format_version,
    encoder: { kind: manifest.encoder.kind, id: manifest.encoder.id, dimensions: manifest.encoder.dimensions },
    knn: { k: manifest.knn.k, rows: manifest.knn.rows },
    training: {
      rows: { ...manifest.training.rows },
      sources: manifest.training.sources.map((source) => ({ name: source.name, rows: source.rows, sha256: source.sha256 })),
      seed: manifest.training.seed,
    },
    thresholds: { ...manifest.thresholds },
    eval: { ...manifest.eval },
    curve: (manifest.eval_curve ?? []).map((point) => ({ pct: point.pct, perf: point.perf })),
  };
}

export function evalRunView(run: EvalRun): EvalRunView {
  return {
    at: isoTime(run.at),
    model_version: run.modelVersion,
    dataset: run.dataset,
    apgr: run.apgr,
    auc: run.auc,
    cpt50: run.cpt50,
    cpt80: run.cpt80,
    accepted: run.accepted,
    notes: run.notes,
  };
}
