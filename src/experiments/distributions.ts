// The Student t distribution, enough for two-sided 95% intervals with any (also fractional,
// Welch–Satterthwaite) degrees of freedom. Written out here so the report needs no stats library:
// log-gamma by the Lanczos approximation, the regularised incomplete beta function by its
// continued fraction (modified Lentz evaluation), the t CDF from that, and the quantile by bisection.

/** The 97.5th percentile of the standard normal: the two-sided 95% critical value for large samples. */
export const NORMAL_CRITICAL_95 = 1.959963984540054;

/** Past this many degrees of freedom the t critical value is within 2e-5 of the normal one. */
const NORMAL_DF_LIMIT = 100_000;

// Lanczos coefficients for g = 7, nine terms: about 15 significant digits for positive arguments.
const LANCZOS_G = 7;
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** ln Γ(x) for x > 0. */
export function logGamma(x: number): number {
  if (!(x > 0)) throw new RangeError(`logGamma needs a positive argument, got ${x}`);
  if (x < 0.5) {
    // Reflection: Γ(x) Γ(1 − x) = π / sin(πx), so small arguments reuse the accurate range.
    return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  }
  const shifted = x - 1;
  let series = LANCZOS[0] ?? 0;
  for (let index = 1; index < LANCZOS.length; index += 1) series += (LANCZOS[index] ?? 0) / (shifted + index);
  const base = shifted + LANCZOS_G + 0.5;
  return 0.5 * Math.log(2 * Math.PI) + (shifted + 0.5) * Math.log(base) - base + Math.log(series);
}

const TINY = 1e-300;
const EPSILON = 1e-15;
const MAX_FRACTION_TERMS = 10_000;

/** Continued fraction for I_x(a, b); converges fast when x < (a + 1) / (a + b + 2). */
function betaContinuedFraction(x: number, a: number, b: number): number {
  const guard = (value: number) => (Math.abs(value) < TINY ? TINY : value);
  let c = 1;
  let d = 1 / guard(1 - ((a + b) * x) / (a + 1));
  let result = d;
  for (let m = 1; m <= MAX_FRACTION_TERMS; m += 1) {
    const twoM = 2 * m;
    // Even step of the fraction.
    let term = (m * (b - m) * x) / ((a + twoM - 1) * (a + twoM));
    d = 1 / guard(1 + term * d);
    c = guard(1 + term / c);
    result *= d * c;
    // Odd step.
    term = (-(a + m) * (a + b + m) * x) / ((a + twoM) * (a + twoM + 1));
    d = 1 / guard(1 + term * d);
    c = guard(1 + term / c);
    const change = d * c;
    result *= change;
    if (Math.abs(change - 1) < EPSILON) return result;
  }
  return result;
}

/** The regularised incomplete beta function I_x(a, b) for a, b > 0 and x in [0, 1]. */
export function regularizedIncompleteBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const logFront = logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log1p(-x);
  const front = Math.exp(logFront);
  // Use the symmetry I_x(a, b) = 1 − I_{1−x}(b, a) on the side where the fraction converges.
  if (x < (a + 1) / (a + b + 2)) return (front * betaContinuedFraction(x, a, b)) / a;
  return 1 - (front * betaContinuedFraction(1 - x, b, a)) / b;
}

/** P(T ≤ t) for Student's t with `df` > 0 degrees of freedom. */
export function studentTCdf(t: number, df: number): number {
  if (!(df > 0)) throw new RangeError(`degrees of freedom must be positive, got ${df}`);
  if (t === 0) return 0.5;
  const tail = 0.5 * regularizedIncompleteBeta(df / (df + t * t), df / 2, 0.5);
  return t > 0 ? 1 - tail : tail;
}

/** The t value with P(T ≤ t) = p, for p in (0, 1). Bisection: slow-ish but cannot diverge. */
export function studentTQuantile(p: number, df: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`probability must be in (0, 1), got ${p}`);
  if (p === 0.5) return 0;
  if (p < 0.5) return -studentTQuantile(1 - p, df);
  let low = 0;
  let high = 1;
  while (studentTCdf(high, df) < p) {
    low = high;
    high *= 2;
    if (high > 1e12) return high;
  }
  for (let step = 0; step < 200 && high - low > 1e-12 * Math.max(1, high); step += 1) {
    const middle = (low + high) / 2;
    if (studentTCdf(middle, df) < p) low = middle;
    else high = middle;
  }
  return (low + high) / 2;
}

const criticalCache = new Map<number, number>();

/** Two-sided 95% critical value of t with `df` degrees of freedom; the normal value for infinite or very large df. */
export function tCritical95(df: number): number {
  if (!(df > 0)) throw new RangeError(`degrees of freedom must be positive, got ${df}`);
  if (df > NORMAL_DF_LIMIT) return NORMAL_CRITICAL_95;
  const cached = criticalCache.get(df);
  if (cached !== undefined) return cached;
  const value = studentTQuantile(0.975, df);
  // Reports ask for the same handful of df again and again; the cache stays small in practice.
  if (criticalCache.size < 4_096) criticalCache.set(df, value);
  return value;
}
