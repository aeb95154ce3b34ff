// Sample ratio mismatch: when the arms' unit counts stray far from what the weights promise, the
// split itself is broken (requests of one arm fail before they are logged, a weight was edited
// mid-run, a filter sees one arm's traffic only), and no difference between the arms can be trusted.

/** Two-sided p < 0.001 under the normal approximation: strict, so a healthy split almost never trips it. */
export const SAMPLE_RATIO_Z_LIMIT = 3.2905;

/** Below this expected count per arm the normal approximation is too rough to act on. */
const MIN_EXPECTED_UNITS = 5;

export interface SampleRatioCheck {
  controlUnits: number;
  treatmentUnits: number;
  /** What the weights promise: control weight / total weight. */
  expectedControlShare: number;
  observedControlShare: number;
  /** Standardised distance of the observed control count from the expected one. */
  z: number;
  mismatch: boolean;
}

/** Null when there are too few units to judge. Units, not requests: the split assigns units. */
export function checkSampleRatio(controlUnits: number, treatmentUnits: number, controlWeight: number, treatmentWeight: number): SampleRatioCheck | null {
  const total = controlUnits + treatmentUnits;
  const expectedControlShare = controlWeight / (controlWeight + treatmentWeight);
  const expectedControl = total * expectedControlShare;
  if (expectedControl < MIN_EXPECTED_UNITS || total - expectedControl < MIN_EXPECTED_UNITS) return null;
  const z = (controlUnits - expectedControl) / Math.sqrt(total * expectedControlShare * (1 - expectedControlShare));
  return { controlUnits, treatmentUnits, expectedControlShare, observedControlShare: controlUnits / total, z, mismatch: Math.abs(z) > SAMPLE_RATIO_Z_LIMIT };
}
