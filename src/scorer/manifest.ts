// The model directory's manifest: what was trained, from what, and a sha256 of every other file,
// so a loader can refuse a directory that was altered or written by an incompatible version.
import type { FeaturizerSpec } from './encoder/builtin/featurize.ts';
import type { PolicyThresholds } from './thresholds.ts';

/**
 * The version this Rung writes. 2 added the gated head (head.json `head.kind: "gated"`); a version 1
 * directory (always a logistic head) still reads the same way, so both are accepted.
 */
export const SCORER_FORMAT_VERSION = 2;
export const READABLE_FORMAT_VERSIONS: readonly number[] = [1, 2];
export const MANIFEST_FILE = 'manifest.json';
export const ENCODER_FILE = 'encoder.onnx';
export const INDEX_FILE = 'knn-index.bin';
export const NEIGHBOURS_FILE = 'neighbours.json';
export const HEAD_FILE = 'head.json';
/** Lexical model weights: one little-endian float32 per hash bucket. */
export const LEXICAL_FILE = 'lexical.bin';

export interface TrainingSource {
  /** File name only (no directory), so the manifest does not leak local paths. */
  name: string;
  sha256: string;
  rows: number;
}

export interface ScorerManifest {
  format_version: number;
  name: string;
  /** ISO date-time; the only field that differs between two runs with the same inputs and seed. */
  created: string;
  encoder: {
    kind: 'builtin-onnx';
    id: string;
    dimensions: number;
    file: string;
    featurizer: FeaturizerSpec;
  };
  knn: { k: number; ef_search: number; index_file: string; neighbours_file: string; rows: number };
  head_file: string;
  /** The lexical model: its weights file and its own featuriser (more buckets than the encoder's). */
  lexical: { file: string; featurizer: FeaturizerSpec };
  training: {
    sources: TrainingSource[];
    /** `indexed` = rows in the kNN index (train + validation after the refit); absent in older manifests. */
    rows: { total: number; train: number; validation: number; indexed?: number };
    seed: number;
    options: Record<string, unknown>;
  };
  thresholds: PolicyThresholds;
  /** Figures measured on the validation split at training time. */
  eval: Record<string, number | null>;
  /** The validation cost–quality curve: strong-call % → quality (absent in older manifests). */
  eval_curve?: { pct: number; perf: number }[];
  /** sha256 (hex) of every file in the directory except the manifest itself. */
  files: Record<string, string>;
}

/** Canonical JSON: stable key order as written, two-space indent, trailing newline. */
export function serialiseJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
