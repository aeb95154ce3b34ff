// Calibration: maps the head's raw output to a probability that the strong tier is needed,
// fitted on the validation split (rows the head never trained on).
//
// Isotonic: pool-adjacent-violators (PAV) over raw scores, then linear interpolation between
// the centres of the pooled blocks. Interpolating (instead of the usual step function) keeps
// the map strictly increasing inside the fitted range, so ranking — and with it APGR — is not
// destroyed by ties. Outside the range (and inside a wide first or last block) the map would be
// flat, so the result is mixed with TIE_BREAK · sigmoid(raw): the map stays strictly increasing
// everywhere and probabilities move by less than 1e-6.
// Platt: p = sigmoid(a·raw + b), fitted by Newton's method on the log loss.

export type Calibration =
  | { kind: 'isotonic'; x: number[]; y: number[] }
  | { kind: 'platt'; a: number; b: number }
  | { kind: 'identity' };

export type CalibrationMethod = 'isotonic' | 'platt';

const TIE_BREAK = 1e-6;

interface Block {
  sumX: number;
  sumY: number;
  weight: number;
}

export function fitIsotonic(raw: readonly number[], targets: readonly number[]): Calibration {
  const order = raw.map((_, i) => i).sort((a, b) => (raw[a] ?? 0) - (raw[b] ?? 0));
  const blocks: Block[] = [];
  for (const index of order) {
    blocks.push({ sumX: raw[index] ?? 0, sumY: targets[index] ?? 0, weight: 1 });
    // Merge while the new block's mean is below its predecessor's (a violation).
    while (blocks.length > 1) {
      const last = blocks[blocks.length - 1] as Block;
      const previous = blocks[blocks.length - 2] as Block;
      if (previous.sumY / previous.weight < last.sumY / last.weight) break;
      previous.sumX += last.sumX;
      previous.sumY += last.sumY;
      previous.weight += last.weight;
      blocks.pop();
    }
  }
  if (blocks.length === 0) return { kind: 'identity' };
  return {
    kind: 'isotonic',
    x: blocks.map((b) => b.sumX / b.weight),
    y: blocks.map((b) => b.sumY / b.weight),
  };
}

function sigmoid(value: number): number {
  return 1 / (1 + Math.exp(-value));
}

export function fitPlatt(raw: readonly number[], targets: readonly number[]): Calibration {
  let a = 1;
  let b = 0;
  for (let iteration = 0; iteration < 50; iteration++) {
    // Newton step on the mean log loss, with a small ridge so a separable set stays finite.
    let gradientA = 0;
    let gradientB = 0;
    let hessianAA = 1e-6;
    let hessianAB = 0;
    let hessianBB = 1e-6;
    for (let i = 0; i < raw.length; i++) {
      const x = raw[i] ?? 0;
      const p = sigmoid(a * x + b);
      const error = p - (targets[i] ?? 0);
      const curvature = p * (1 - p);
      gradientA += error * x;
      gradientB += error;
      hessianAA += curvature * x * x;
      hessianAB += curvature * x;
      hessianBB += curvature;
    }
    const determinant = hessianAA * hessianBB - hessianAB * hessianAB;
    if (Math.abs(determinant) < 1e-12) break;
    const stepA = (hessianBB * gradientA - hessianAB * gradientB) / determinant;
    const stepB = (hessianAA * gradientB - hessianAB * gradientA) / determinant;
    a -= stepA;
    b -= stepB;
    if (Math.abs(stepA) + Math.abs(stepB) < 1e-10) break;
  }
  return { kind: 'platt', a, b };
}

export function fitCalibration(method: CalibrationMethod, raw: readonly number[], targets: readonly number[]): Calibration {
  return method === 'platt' ? fitPlatt(raw, targets) : fitIsotonic(raw, targets);
}

export function applyCalibration(calibration: Calibration, raw: number): number {
  switch (calibration.kind) {
    case 'identity':
      return Math.min(1, Math.max(0, raw));
    case 'platt':
      return sigmoid(calibration.a * raw + calibration.b);
    case 'isotonic':
      // A convex mix stays inside [0, 1] without clamping (clamping would bring the ties back).
      return isotonicValue(calibration.x, calibration.y, raw) * (1 - TIE_BREAK) + TIE_BREAK * sigmoid(raw);
  }
}

function isotonicValue(x: readonly number[], y: readonly number[], raw: number): number {
  const last = x.length - 1;
  if (raw <= (x[0] ?? 0)) return y[0] ?? 0;
  if (raw >= (x[last] ?? 0)) return y[last] ?? 0;
  let low = 0;
  let high = last;
  while (high - low > 1) {
    const middle = (low + high) >> 1;
    if ((x[middle] ?? 0) <= raw) low = middle;
    else high = middle;
  }
  const x0 = x[low] ?? 0;
  const x1 = x[high] ?? 0;
  const y0 = y[low] ?? 0;
  const y1 = y[high] ?? 0;
  return x1 === x0 ? y1 : y0 + ((raw - x0) / (x1 - x0)) * (y1 - y0);
}
