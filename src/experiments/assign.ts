// Which experiment a request enters and which arm it gets. Assignment is a pure function of the
// experiment id and the unit, so every process (and every restart) puts a unit in the same arm
// with no shared state. Including the experiment id in the hash makes arms of different
// experiments independent: being in one experiment's treatment says nothing about another's.
import { createHash } from 'node:crypto';
import type { ExperimentArmConfig, ExperimentConfig, SplitUnit } from '../config/experiment-schema.ts';

/** 2^48: the hash prefix read as an integer is below this, so position = prefix / 2^48 is in [0, 1). */
const POSITION_SCALE = 2 ** 48;

/**
 * Where a unit falls in [0, 1) for one experiment: the first 48 bits of SHA-256 of
 * `experimentId + ':' + unit`. SHA-256 rather than a short non-cryptographic hash because
 * sequential ids (`user-1`, `user-2`, ...) must still spread evenly; 48 bits fit a double exactly.
 */
export function unitPosition(experimentId: string, unit: string): number {
  const digest = createHash('sha256').update(`${experimentId}:${unit}`, 'utf8').digest();
  return digest.readUIntBE(0, 6) / POSITION_SCALE;
}

/** The arm a unit belongs to: its position scaled to [0, total weight), then the arm whose weight range holds it. */
export function assignArm(experiment: Pick<ExperimentConfig, 'id' | 'arms'>, unit: string): ExperimentArmConfig {
  const arms = experiment.arms;
  const total = arms.reduce((sum, arm) => sum + arm.weight, 0);
  const point = unitPosition(experiment.id, unit) * total;
  let upper = 0;
  for (const arm of arms) {
    upper += arm.weight;
    if (point < upper) return arm;
  }
  // Only reachable through floating-point rounding at the very top of the range.
  const last = arms[arms.length - 1];
  if (last === undefined) throw new TypeError(`experiment "${experiment.id}" has no arms`);
  return last;
}

export interface ExperimentRequest {
  /** The model or policy name the client asked for. */
  requested: string;
  keyId: string | null;
  workspace: string | null;
  /** The request's `user` field; empty or absent counts as missing. */
  user?: string | null;
  requestId: string;
  /** Epoch ms. */
  now: number;
}

export interface ExperimentMatch {
  experiment: ExperimentConfig;
  arm: ExperimentArmConfig;
  /**
   * What the arm was chosen by, prefixed with its kind (`key:k1`, `user:u42`, `request:r9`).
   * The prefix keeps a user named like a key id from sharing its bucket. Store it with the request
   * record: the statistics count each unit once when estimating how much the data vary.
   */
  unit: string;
  /** The kind actually used, after any fallback. */
  unitKind: SplitUnit;
}

/** Whether `now` is inside the experiment's window: start inclusive, end exclusive, open ends unbounded. */
export function isExperimentActive(experiment: Pick<ExperimentConfig, 'start' | 'end'>, now: number): boolean {
  if (experiment.start !== undefined && now < Date.parse(experiment.start)) return false;
  if (experiment.end !== undefined && now >= Date.parse(experiment.end)) return false;
  return true;
}

/** Whether the request passes the experiment's filters (model exact; keys and workspaces when given). */
export function requestMatches(experiment: Pick<ExperimentConfig, 'match'>, request: ExperimentRequest): boolean {
  const { match } = experiment;
  if (match.model !== request.requested) return false;
  if (match.keys !== undefined && (request.keyId === null || !match.keys.includes(request.keyId))) return false;
  if (match.workspaces !== undefined && (request.workspace === null || !match.workspaces.includes(request.workspace))) return false;
  return true;
}

/**
 * The unit a request is split by. Fallbacks, so every request gets a unit:
 *   user    → the `user` field; without one the key id; without a key (auth off) the request id.
 *   key     → the key id; without a key the request id.
 *   request → the request id.
 * A fallback keeps the request in the experiment rather than silently dropping part of the traffic,
 * at the price of that part being split more finely than asked.
 */
export function experimentUnit(splitBy: SplitUnit, request: Pick<ExperimentRequest, 'keyId' | 'user' | 'requestId'>): { unit: string; unitKind: SplitUnit } {
  const user = request.user === undefined || request.user === null || request.user === '' ? null : request.user;
  if (splitBy === 'user' && user !== null) return { unit: `user:${user}`, unitKind: 'user' };
  if (splitBy !== 'request' && request.keyId !== null && request.keyId !== '') return { unit: `key:${request.keyId}`, unitKind: 'key' };
  return { unit: `request:${request.requestId}`, unitKind: 'request' };
}

/** The first active experiment whose filters the request passes, with its arm; null when none does. */
export function matchExperiment(experiments: readonly ExperimentConfig[], request: ExperimentRequest): ExperimentMatch | null {
  for (const experiment of experiments) {
    if (!isExperimentActive(experiment, request.now) || !requestMatches(experiment, request)) continue;
    const { unit, unitKind } = experimentUnit(experiment.split_by, request);
    return { experiment, arm: assignArm(experiment, unit), unit, unitKind };
  }
  return null;
}
