// A familiarity-gated head: two logistic experts blended by a gate that estimates, from how close
// the nearest indexed rows are, whether the prompt's kind of task is in the index.
//
//   g = gate(similarity features)                      ∈ (0, 1), "this kind of prompt was seen"
//   z = g · familiar(x[familiarInputs]) + (1 − g) · unfamiliar(x)
//
// Why: on a prompt of a familiar kind, the neighbours' targets and the lexical model are the best
// evidence, and the topic-free hand features mostly add noise; on a prompt of an unseen kind the
// hand features are what carries over. One linear head has to choose one weighting for both. Both
// experts are fitted on every training row (halving the rows per expert cost more than it gained);
// the gate is fitted on which rows had their task class hidden from their out-of-fold neighbours.
import { applyLogisticHead, trainLogisticHead, type HeadTrainingOptions, type LogisticHead } from './head.ts';

export interface GatedHead {
  kind: 'gated';
  /** Positions in the feature vector that the gate reads. */
  gateInputs: number[];
  /** Logistic model of P(familiar) over the gate inputs (raw output: a logit). */
  gate: LogisticHead;
  /** Positions in the feature vector that the familiar-prompt expert reads. */
  familiarInputs: number[];
  familiar: LogisticHead;
  /** The expert for prompts of an unseen kind: reads the whole feature vector. */
  unfamiliar: LogisticHead;
}

let scratch = new Float64Array(64);

function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

/**
 * Applies a logistic head to the features at `inputs`, copied into a scratch buffer. The head reads
 * exactly its own weights' length, so the buffer is passed whole: no view allocated per score call.
 */
function applyOnSubset(head: LogisticHead, inputs: readonly number[], features: ArrayLike<number>): number {
  if (scratch.length < inputs.length) scratch = new Float64Array(inputs.length);
  for (let i = 0; i < inputs.length; i++) scratch[i] = features[inputs[i] ?? 0] ?? 0;
  return applyLogisticHead(head, scratch);
}

/** The gate's value g ∈ (0, 1) for one feature vector. */
export function gateValue(head: GatedHead, features: ArrayLike<number>): number {
  return sigmoid(applyOnSubset(head.gate, head.gateInputs, features));
}

/** The raw score (logit) of a gated head for one feature vector. */
export function applyGatedHead(head: GatedHead, features: ArrayLike<number>): number {
  const g = gateValue(head, features);
  return g * applyOnSubset(head.familiar, head.familiarInputs, features) + (1 - g) * applyLogisticHead(head.unfamiliar, features);
}

function columns(rows: Float32Array, dimension: number, count: number, inputs: readonly number[]): Float32Array {
  const out = new Float32Array(count * inputs.length);
  for (let r = 0; r < count; r++) {
    for (let i = 0; i < inputs.length; i++) out[r * inputs.length + i] = rows[r * dimension + (inputs[i] ?? 0)] ?? 0;
  }
  return out;
}

/**
 * `rows` is row-major with `dimension` features per row. `familiar` is 1 for a row whose own task
 * class stayed in the index for its out-of-fold statistics and 0 for one whose class was hidden.
 */
export function trainGatedHead(
  rows: Float32Array,
  dimension: number,
  targets: readonly number[],
  familiar: readonly number[],
  inputs: { gate: readonly number[]; familiar: readonly number[] },
  options: HeadTrainingOptions,
): GatedHead {
  const count = targets.length;
  return {
    kind: 'gated',
    gateInputs: [...inputs.gate],
    gate: trainLogisticHead(columns(rows, dimension, count, inputs.gate), inputs.gate.length, familiar, options),
    familiarInputs: [...inputs.familiar],
    familiar: trainLogisticHead(columns(rows, dimension, count, inputs.familiar), inputs.familiar.length, targets, options),
    unfamiliar: trainLogisticHead(rows, dimension, targets, options),
  };
}
