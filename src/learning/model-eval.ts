// Scoring a model directory on labelled examples, and the figures the learning loop compares:
// APGR and ROC-AUC (the gate and the drift alarm), CPT(50 %) and CPT(80 %) (recorded only).
// Rows with only a 0/1 label count as strong = 1, weak = 1 − label, as in `rung eval`.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MANIFEST_FILE, type ScorerManifest } from '../scorer/manifest.ts';
import { loadScorerModel } from '../scorer/scorer.ts';
import { sha256Hex, type TrainingExample } from '../training/dataset.ts';
import { evaluateScores, type OutcomeRow } from '../training/metrics/index.ts';

export interface ModelFigures {
  n: number;
  apgr: number | null;
  auc: number | null;
  cpt50: number | null;
  cpt80: number | null;
}

export function outcomeRowsOf(examples: readonly TrainingExample[]): OutcomeRow[] {
  return examples.map((e) => ({ strong: e.strong ?? 1, weak: e.weak ?? 1 - e.target }));
}

/** Figures of one score vector; all null for an empty set (nothing to measure). */
export function figuresOf(scores: readonly number[], examples: readonly TrainingExample[]): ModelFigures {
  if (examples.length === 0) return { n: 0, apgr: null, auc: null, cpt50: null, cpt80: null };
  const metrics = evaluateScores(scores, outcomeRowsOf(examples));
  return { n: metrics.n, apgr: metrics.apgr, auc: metrics.rocAuc, cpt50: metrics.cpt50, cpt80: metrics.cpt80 };
}

/** Scores every text with the model in `directory` (loaded, verified, then closed). */
export async function scoreWithModel(directory: string, texts: readonly string[]): Promise<{ scores: number[]; manifest: ScorerManifest }> {
  const scorer = await loadScorerModel(directory);
  try {
    const scores: number[] = [];
    for (const text of texts) scores.push((await scorer.score({ text })).score);
    return { scores, manifest: scorer.manifest };
  } finally {
    await scorer.close();
  }
}

export interface ModelEvaluation {
  figures: ModelFigures;
  scores: number[];
  manifest: ScorerManifest;
}

export async function evaluateModel(directory: string, examples: readonly TrainingExample[]): Promise<ModelEvaluation> {
  const { scores, manifest } = await scoreWithModel(directory, examples.map((e) => e.prompt));
  return { figures: figuresOf(scores, examples), scores, manifest };
}

/** SHA-256 of the model's manifest (which itself holds a checksum of every other file). */
export function manifestShaOf(directory: string): string {
  return sha256Hex(readFileSync(join(directory, MANIFEST_FILE)));
}

/** The figures as registry metrics: finite numbers only (the registry refuses others). */
export function registryMetrics(figures: ModelFigures, extra: Readonly<Record<string, number | null>> = {}): Record<string, number> {
  const all: Record<string, number | null> = { ...extra, apgr: figures.apgr, auc: figures.auc, cpt50: figures.cpt50, cpt80: figures.cpt80, eval_rows: figures.n };
  const out: Record<string, number> = {};
  for (const [name, value] of Object.entries(all)) if (value !== null && Number.isFinite(value)) out[name] = value;
  return out;
}
