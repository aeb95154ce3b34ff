// Deterministic splits. Every split is a pure function of (rows, seed): a seeded shuffle, then
// a round-robin deal within each stratum, so class balance is kept and reruns give the same rows.
import { seededRandom } from './metrics/numeric.ts';

/** Fisher–Yates with a seeded generator. */
export function seededShuffle<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  const random = seededRandom(seed);
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const swap = out[i] as T;
    out[i] = out[j] as T;
    out[j] = swap;
  }
  return out;
}

/**
 * Assigns each row to one of `folds` folds, stratified by `stratum(row)`: within each stratum
 * the shuffled rows are dealt round-robin, so every fold gets the same mix.
 */
export function stratifiedFolds(strata: readonly string[], folds: number, seed: number): Int32Array {
  const assignment = new Int32Array(strata.length);
  const byStratum = new Map<string, number[]>();
  strata.forEach((stratum, row) => {
    const list = byStratum.get(stratum) ?? [];
    list.push(row);
    byStratum.set(stratum, list);
  });
  let dealer = 0;
  for (const stratum of [...byStratum.keys()].sort()) {
    for (const row of seededShuffle(byStratum.get(stratum) ?? [], seed)) {
      assignment[row] = dealer % folds;
      dealer++;
    }
  }
  return assignment;
}

/**
 * Folds over whole groups (e.g. subjects): shuffled groups are dealt to the currently smallest
 * fold, so folds stay balanced in rows and no group is split.
 */
export function groupedFolds(groups: readonly string[], folds: number, seed: number): Int32Array {
  const sizes = new Map<string, number>();
  for (const group of groups) sizes.set(group, (sizes.get(group) ?? 0) + 1);
  const foldOf = new Map<string, number>();
  const load = new Array<number>(folds).fill(0);
  for (const group of seededShuffle([...sizes.keys()].sort(), seed)) {
    let smallest = 0;
    for (let f = 1; f < folds; f++) if ((load[f] ?? 0) < (load[smallest] ?? 0)) smallest = f;
    foldOf.set(group, smallest);
    load[smallest] = (load[smallest] ?? 0) + (sizes.get(group) ?? 0);
  }
  return Int32Array.from(groups, (group) => foldOf.get(group) ?? 0);
}

/**
 * A train/validation split with about `validationShare` of rows in validation. Stratified by
 * `strata`; with `groups`, whole groups go to one side (the share is then approximate).
 */
export function trainValidationSplit(
  strata: readonly string[],
  validationShare: number,
  seed: number,
  groups?: readonly string[],
): { train: number[]; validation: number[] } {
  const train: number[] = [];
  const validation: number[] = [];
  if (validationShare <= 0) return { train: strata.map((_, i) => i), validation };
  if (groups !== undefined) {
    const sizes = new Map<string, number>();
    for (const group of groups) sizes.set(group, (sizes.get(group) ?? 0) + 1);
    const wanted = validationShare * groups.length;
    const validationGroups = new Set<string>();
    let taken = 0;
    for (const group of seededShuffle([...sizes.keys()].sort(), seed)) {
      if (taken >= wanted) break;
      validationGroups.add(group);
      taken += sizes.get(group) ?? 0;
    }
    groups.forEach((group, row) => (validationGroups.has(group) ? validation : train).push(row));
    return { train, validation };
  }
  // Deal 1/share folds and take as many whole "slots" as the share asks, row by row.
  const byStratum = new Map<string, number[]>();
  strata.forEach((stratum, row) => {
    const list = byStratum.get(stratum) ?? [];
    list.push(row);
    byStratum.set(stratum, list);
  });
  for (const stratum of [...byStratum.keys()].sort()) {
    const rows = seededShuffle(byStratum.get(stratum) ?? [], seed);
    const validationCount = Math.round(rows.length * validationShare);
    rows.forEach((row, position) => (position < validationCount ? validation : train).push(row));
  }
  train.sort((a, b) => a - b);
  validation.sort((a, b) => a - b);
  return { train, validation };
}
