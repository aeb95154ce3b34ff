// The eval gate: a candidate model replaces the current one only if, on a frozen evaluation set,
// it is no worse than the current model by more than `tolerance` on both APGR and ROC-AUC.
// A frozen set (never trained on, never changed) is what makes two runs comparable; the gate
// compares both models on the same rows in the same run, so no stored figure is trusted.
import { basename } from 'node:path';
import type { ScorerManifest } from '../scorer/manifest.ts';
import { loadDataset, type TrainingExample } from '../training/dataset.ts';
import { evaluateModel, type ModelFigures } from './model-eval.ts';

export const DEFAULT_GATE_TOLERANCE = 0.01;

export interface FrozenEvalSet {
  /** `frozen:<file name>@<sha256 prefix>`: names the exact bytes, for the eval history. */
  label: string;
  examples: TrainingExample[];
}

export function loadFrozenEvalSet(path: string): FrozenEvalSet {
  const dataset = loadDataset([path]);
  const file = dataset.files[0];
  return { label: `frozen:${basename(path)}@${(file?.sha256 ?? '').slice(0, 12)}`, examples: dataset.examples };
}

export interface GateInput {
  currentDir: string;
  candidateDir: string;
  /** Frozen evaluation set (JSONL, the `rung train` / `rung eval` format). */
  evalFile: string;
  tolerance?: number;
}

export interface GateSide {
  dir: string;
  manifest: ScorerManifest;
  figures: ModelFigures;
}

export interface GateResult {
  decision: 'promote' | 'reject';
  reason: string;
  tolerance: number;
  dataset: string;
  current: GateSide;
  candidate: GateSide;
}

/**
 * The decision on two sets of figures. A metric the current model has but the candidate lacks
 * (null: undefined on this set) rejects; a metric the current model lacks is not compared.
 */
export function gateDecision(current: ModelFigures, candidate: ModelFigures, tolerance: number): { decision: 'promote' | 'reject'; reason: string } {
  const problems: string[] = [];
  const passes: string[] = [];
  const compare = (name: string, before: number | null, now: number | null): void => {
    if (before === null) return;
    if (now === null) {
      problems.push(`${name} is undefined for the candidate (current ${before.toFixed(4)})`);
    } else if (now < before - tolerance) {
      problems.push(`${name} ${now.toFixed(4)} is below the current ${before.toFixed(4)} by more than ${tolerance}`);
    } else {
      passes.push(`${name} ${now.toFixed(4)} vs current ${before.toFixed(4)}`);
    }
  };
  compare('APGR', current.apgr, candidate.apgr);
  compare('ROC-AUC', current.auc, candidate.auc);
  if (problems.length > 0) return { decision: 'reject', reason: `rejected: ${problems.join('; ')}` };
  if (passes.length === 0) return { decision: 'reject', reason: 'rejected: neither APGR nor ROC-AUC is defined on the evaluation set' };
  return { decision: 'promote', reason: `promoted: ${passes.join('; ')} (tolerance ${tolerance})` };
}

export async function evaluateCandidate(input: GateInput): Promise<GateResult> {
  const tolerance = input.tolerance ?? DEFAULT_GATE_TOLERANCE;
  if (!(tolerance >= 0)) throw new RangeError(`tolerance must be a number >= 0, got ${tolerance}`);
  const frozen = loadFrozenEvalSet(input.evalFile);
  return evaluateCandidateOn(frozen, input.currentDir, input.candidateDir, tolerance);
}

export async function evaluateCandidateOn(frozen: FrozenEvalSet, currentDir: string, candidateDir: string, tolerance: number): Promise<GateResult> {
  const current = await evaluateModel(currentDir, frozen.examples);
  const candidate = await evaluateModel(candidateDir, frozen.examples);
  return {
    ...gateDecision(current.figures, candidate.figures, tolerance),
    tolerance,
    dataset: frozen.label,
    current: { dir: currentDir, manifest: current.manifest, figures: current.figures },
    candidate: { dir: candidateDir, manifest: candidate.manifest, figures: candidate.figures },
  };
}
