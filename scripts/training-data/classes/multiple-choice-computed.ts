// Generated calculation questions with computed keys. Distractors model typical slips (a missed
// step, a wrong formula, a rounding or unit error) so the hard ones cannot be solved by
// eliminating absurd options.
import type { Rng } from '../lib/prng.ts';
import type { Item } from './multiple-choice-pools.ts';

function fmt(value: number, decimals = 2): string {
  return Number(value.toFixed(decimals)).toLocaleString('en-US', { maximumFractionDigits: decimals });
}

/** Key first; distractors are nudged apart if they collide after formatting. */
function options(key: number, slips: number[], decimals = 2, unit = ''): [string, string, string, string] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const candidate of [key, ...slips]) {
    let value = candidate;
    let text = fmt(value, decimals);
    while (seen.has(text)) {
      value = value * 1.13 + 1;
      text = fmt(value, decimals);
    }
    seen.add(text);
    out.push(text + unit);
  }
  return [out[0] ?? '', out[1] ?? '', out[2] ?? '', out[3] ?? ''];
}

const EASY: readonly ((rng: Rng) => Item)[] = [
  (r) => { const p = r.pick([10, 15, 20, 25, 40]); const n = r.int(4, 40) * 10; return { subject: 'arithmetic', question: `What is ${p}% of ${n}?`, options: options(n * p / 100, [n * p / 10, n - (n * p) / 100, n / p], 1) }; },
  (r) => { const d = r.int(60, 400); const t = r.int(2, 5); return { subject: 'physics', question: `A car travels ${d} km in ${t} hours at constant speed. What is its speed?`, options: options(d / t, [d * t, d / t / 60, d - t], 1, ' km/h') }; },
  (r) => { const v = r.int(2, 24); const i = r.int(1, 6); return { subject: 'electronics', question: `A ${v} Ω resistor carries a current of ${i} A. What is the voltage across it?`, options: options(v * i, [v / i, v + i, i / v], 2, ' V') }; },
  (r) => { const km = r.int(2, 90) / 10; return { subject: 'measurement', question: `How many metres are in ${km} km?`, options: options(km * 1000, [km * 100, km * 10, km * 10000], 1, ' m') }; },
  (r) => { const a = r.int(3, 30); const b = r.int(3, 30); return { subject: 'geometry', question: `What is the area of a rectangle measuring ${a} cm by ${b} cm?`, options: options(a * b, [2 * (a + b), a + b, a * b * 2], 0, ' cm²') }; },
  (r) => { const m = r.int(20, 500); const v = r.int(2, 50); return { subject: 'physics', question: `An object has a mass of ${m} g and a volume of ${v} cm³. What is its density?`, options: options(m / v, [m * v, v / m, m - v], 2, ' g/cm³') }; },
  (r) => { const p = r.int(10, 90) * 100; const rate = r.pick([2, 3, 4, 5]); return { subject: 'finance', question: `$${p} earns simple interest at ${rate}% per year. How much interest is earned in one year?`, options: options(p * rate / 100, [p * rate / 10, p * (1 + rate / 100), rate * 100], 2) }; },
];

const HARD: readonly ((rng: Rng) => Item)[] = [
  (r) => {
    const u = r.int(0, 10); const a = r.int(2, 5); const t1 = r.int(4, 10); const d = r.int(2, 6);
    const v = u + a * t1; const s1 = u * t1 + 0.5 * a * t1 * t1; const s2 = (v * v) / (2 * d);
    return { subject: 'physics', question: `A car moving at ${u} m/s accelerates uniformly at ${a} m/s² for ${t1} s, then brakes at a constant ${d} m/s² until it stops. What total distance does it cover from the start of acceleration?`, options: options(s1 + s2, [s1, v * t1 + s2, s1 + v * v / d], 1, ' m') };
  },
  (r) => {
    const rate = r.pick([6, 8, 10, 12]) / 100; const c0 = r.int(5, 20) * 1000; const flows = [r.int(2, 8) * 1000, r.int(2, 8) * 1000, r.int(2, 9) * 1000];
    const npv = -c0 + flows.reduce((sum, flow, index) => sum + flow / (1 + rate) ** (index + 1), 0);
    const noDiscount = -c0 + flows.reduce((sum, flow) => sum + flow, 0);
    const offByOne = -c0 + flows.reduce((sum, flow, index) => sum + flow / (1 + rate) ** index, 0);
    return { subject: 'corporate finance', question: `A project costs $${c0} today and returns $${flows.join(', $')} at the end of years 1–3. At a ${rate * 100}% discount rate, what is its NPV?`, options: options(npv, [noDiscount, offByOne, npv + c0 * rate], 0) };
  },
  (r) => {
    const cost = r.int(20, 90) * 1000; const salvage = r.int(1, 5) * 1000; const life = r.pick([5, 8, 10]); const year = r.int(2, 4);
    const rateDdb = 2 / life; const ddb = cost * (1 - rateDdb) ** year; const straight = cost - ((cost - salvage) / life) * year;
    return { subject: 'accounting', question: `Equipment costs $${cost}, has a salvage value of $${salvage} and a ${life}-year life. Using double-declining-balance depreciation, what is its book value at the end of year ${year}?`, options: options(ddb, [straight, cost * (1 - 1 / life) ** year, (cost - salvage) * (1 - rateDdb) ** year], 0) };
  },
  (r) => {
    const grams = r.int(20, 200); const yieldPct = r.int(60, 95);
    const product = (grams / 100.09) * 56.08 * (yieldPct / 100);
    return { subject: 'chemistry', question: `Heating ${grams} g of calcium carbonate (CaCO₃, M = 100.09 g/mol) decomposes it to calcium oxide (CaO, M = 56.08 g/mol) and CO₂. If the reaction yield is ${yieldPct}%, how much CaO is obtained?`, options: options(product, [(grams / 100.09) * 56.08, grams * (yieldPct / 100), (grams / 100.09) * 44.01 * (yieldPct / 100)], 1, ' g') };
  },
  (r) => {
    const n = r.int(3, 8); const p = r.pick([0.1, 0.15, 0.2, 0.25, 0.3]);
    return { subject: 'statistics', question: `Each of ${n} independent components fails during a year with probability ${p}. What is the probability that at least one fails during the year?`, options: options(1 - (1 - p) ** n, [n * p > 1 ? 0.99 : n * p, p ** n, (1 - p) ** n], 3) };
  },
  (r) => {
    const r1 = r.int(2, 12); const r2 = r.int(2, 12); const r3 = r.int(1, 10); const v = r.int(6, 24);
    const parallel = (r1 * r2) / (r1 + r2); const total = parallel + r3; const power = (v * v) / total;
    return { subject: 'electrical engineering', question: `Resistors of ${r1} Ω and ${r2} Ω are in parallel, and that combination is in series with a ${r3} Ω resistor, across a ${v} V source. What total power does the circuit dissipate?`, options: options(power, [(v * v) / (r1 + r2 + r3), (v * v) / parallel, v / total], 2, ' W') };
  },
  (r) => {
    const kg = r.int(12, 90); const dose = r.pick([5, 7.5, 10, 15]); const conc = r.pick([25, 50, 100]); const perDay = r.pick([2, 3, 4]);
    const ml = (kg * dose) / conc;
    return { subject: 'pharmacology', question: `A drug is prescribed at ${dose} mg/kg per dose, ${perDay} times a day, for a ${kg} kg patient. The oral suspension is ${conc} mg/5 mL. What volume is given per dose?`, options: options(ml * 5, [ml, ml * 5 * perDay, (kg * dose * perDay) / conc], 1, ' mL') };
  },
  (r) => {
    const p1 = r.int(10, 20); const p2 = p1 + r.int(2, 6); const q1 = r.int(80, 200); const q2 = q1 - r.int(10, 60);
    const midpoint = ((q2 - q1) / ((q1 + q2) / 2)) / ((p2 - p1) / ((p1 + p2) / 2));
    const simple = ((q2 - q1) / q1) / ((p2 - p1) / p1);
    return { subject: 'economics', question: `When the price rises from $${p1} to $${p2}, quantity demanded falls from ${q1} to ${q2} units. Using the midpoint (arc) method, what is the price elasticity of demand?`, options: options(midpoint, [simple, 1 / midpoint, -midpoint], 2) };
  },
  (r) => {
    const fixed = r.int(20, 200) * 1000; const price = r.int(40, 120); const variable = Math.floor(price * r.int(35, 70) / 100); const target = r.int(10, 80) * 1000; const tax = r.pick([20, 25, 30]);
    const units = (fixed + target / (1 - tax / 100)) / (price - variable);
    return { subject: 'managerial accounting', question: `A product sells for $${price} with variable cost $${variable} per unit and fixed costs of $${fixed} per year. The tax rate is ${tax}%. How many units must be sold to earn an after-tax profit of $${target}?`, options: options(Math.ceil(units), [Math.ceil((fixed + target) / (price - variable)), Math.ceil((fixed + target * (1 + tax / 100)) / (price - variable)), Math.ceil((fixed + target / (1 - tax / 100)) / price)], 0, ' units') };
  },
  (r) => {
    const deposit = r.int(100, 600); const annual = r.pick([3, 4, 5, 6]); const years = r.int(3, 10);
    const i = annual / 100 / 12; const n = years * 12; const fv = deposit * (((1 + i) ** n - 1) / i);
    return { subject: 'personal finance', question: `You deposit $${deposit} at the end of every month into an account paying ${annual}% a year compounded monthly. What is the balance after ${years} years?`, options: options(fv, [deposit * n, deposit * 12 * ((1 + annual / 100) ** years - 1) / (annual / 100), fv * (1 + i)], 0) };
  },
];

export function computedEasy(rng: Rng): Item {
  return rng.pick(EASY)(rng);
}

export function computedHard(rng: Rng): Item {
  return rng.pick(HARD)(rng);
}
