// Grade-school to competition-style word problems. The difficulty knob is the number of
// reasoning steps and the kinds of quantity involved (rates, percentages, unit changes,
// irrelevant numbers), never the topic: every scenario appears at every difficulty.
// Label policy: 1–3 arithmetic steps -> 0; 4+ steps, or chained percentages/rates/units with
// distractors -> 1.
import type { Rng } from '../lib/prng.ts';
import type { Draft, DraftMaker } from '../lib/types.ts';
import { pickDifficulty } from '../lib/types.ts';
import { FIRST_NAMES, CITIES } from '../lib/vocab.ts';
import { dress } from '../lib/style.ts';

type Template = (rng: Rng, name: string, other: string) => string;

const ITEMS = ['apples', 'notebooks', 'cupcakes', 'stickers', 'marbles', 'seed packets', 'comic books', 'candles', 'postcards', 'tennis balls', 'jars of jam', 'bracelets'] as const;
const PLACES = ['the farmers market', 'a school fair', 'the hardware store', 'an online shop', 'the corner bakery', 'a garage sale', 'the bookshop', 'a craft fair'] as const;

const EASY: Template[] = [
  (r, n) => `${n} has ${r.int(12, 60)} ${r.pick(ITEMS)} and gives ${r.int(2, 11)} to a friend. How many are left?`,
  (r, n) => `${n} buys ${r.int(2, 9)} packs of ${r.pick(ITEMS)} with ${r.int(4, 12)} in each pack. How many ${'items'} does ${n} have in total?`,
  (r) => `A box holds ${r.int(6, 24)} ${r.pick(ITEMS)}. How many boxes are needed for ${r.int(3, 9) * 24} of them?`,
  (r, n) => `${n} reads ${r.int(12, 45)} pages a day. How many pages does ${n} read in ${r.int(3, 14)} days?`,
  (r, n, o) => `${n} is ${r.int(8, 15)} years old. ${o} is ${r.int(2, 9)} years older. How old is ${o}?`,
  (r) => `A train leaves ${r.pick(CITIES)} at 9:${r.int(10, 50)} and the trip takes ${r.int(2, 5)} hours. What time does it arrive?`,
  (r, n) => `${n} paid $${r.int(20, 100)} for a jacket and got $${r.int(1, 19)} back in change. How much did the jacket cost?`,
  (r) => `There are ${r.int(18, 34)} students in a class and ${r.int(3, 6)} classes in the grade. How many students are in the grade?`,
  (r, n) => `${n} earns $${r.int(11, 25)} per hour and worked ${r.int(4, 9)} hours on Saturday. How much did ${n} earn?`,
  (r, n) => `${n} has $${r.int(40, 90)}. A book costs $${r.int(6, 15)} and a pen costs $${r.int(1, 4)}. If ${n} buys one of each, how much money is left?`,
  (r) => `A recipe needs ${r.int(2, 4)} eggs per cake. How many eggs for ${r.int(3, 12)} cakes?`,
  (r, n) => `${n} ran ${r.int(2, 6)} km on Monday and ${r.int(3, 9)} km on Tuesday. How far did ${n} run altogether?`,
  (r) => `A parking lot has ${r.int(5, 12)} rows with ${r.int(8, 20)} spaces each. How many cars can park there?`,
  (r, n) => `${n} shares ${r.int(4, 12) * 6} ${r.pick(ITEMS)} equally among 6 friends. How many does each friend get?`,
  (r) => `what is ${r.int(10, 40)}% of ${r.int(2, 30) * 10}?`,
  (r, n) => `${n} saves $${r.int(5, 30)} every week. How much will ${n} have saved after ${r.int(4, 20)} weeks?`,
  (r) => `A rope is ${r.int(10, 40)} m long. ${r.int(2, 9)} m is cut off. How long is the rest?`,
  (r, n) => `${n} sold ${r.int(10, 40)} ${r.pick(ITEMS)} at ${r.pick(PLACES)} for $${r.int(2, 6)} each. How much money did ${n} make?`,
];

const MEDIUM: Template[] = [
  (r, n) => `${n} buys ${r.int(3, 8)} ${r.pick(ITEMS)} at $${r.int(2, 9)} each and ${r.int(2, 5)} more at $${r.int(10, 20)} each, then pays with a $100 bill. How much change?`,
  (r, n) => `A shop sells a ${r.pick(['lamp', 'backpack', 'kettle', 'scarf'])} for $${r.int(30, 120)}. It is ${r.pick([10, 15, 20, 25])}% off today. ${n} buys two. What does ${n} pay?`,
  (r, n) => `${n} drives ${r.int(40, 70)} km/h for ${r.int(2, 4)} hours and then ${r.int(80, 110)} km/h for ${r.int(1, 3)} hours. How far did ${n} drive in total?`,
  (r, n, o) => `${n} has twice as many ${r.pick(ITEMS)} as ${o}. ${o} has ${r.int(5, 20)}. Together they give away ${r.int(3, 10)}. How many do they have left together?`,
  (r) => `A tank holds ${r.int(200, 500)} litres. It is filled at ${r.int(10, 25)} litres per minute but leaks ${r.int(1, 5)} litres per minute. Starting empty, how many minutes to fill it? Round up.`,
  (r, n) => `${n}'s phone plan costs $${r.int(15, 30)} a month plus $${r.int(2, 5)} for each GB over ${r.int(5, 10)} GB. Last month ${n} used ${r.int(11, 16)} GB. What was the bill?`,
  (r) => `Show your working: a class of ${r.int(24, 36)} students, ${r.pick([25, 50, 75])}% of them walk to school and a third of the rest take the bus. How many take the bus?`,
];

const HARD: Template[] = [
  (r, n) => `${n} runs a stall at ${r.pick(PLACES)}. ${n} buys ${r.int(120, 300)} ${r.pick(ITEMS)} for $${r.int(150, 400)} total, pays a $${r.int(20, 45)} stall fee and spends $${r.int(8, 20)} on bags. ${n} sells ${r.int(55, 80)}% of the stock at $${r.int(3, 6)} each on Saturday, then on Sunday marks the rest down ${r.pick([20, 25, 40])}% and sells all but ${r.int(5, 15)}. A friend who helped on Saturday earns ${r.int(5, 12)}% of Saturday's revenue. What is ${n}'s profit, and what is the profit margin on total revenue? The stall is ${r.int(3, 9)} km from home, which does not matter.`,
  (r, n) => `A cyclist, ${n}, rides from ${r.pick(CITIES)} at ${r.int(18, 24)} km/h. ${r.int(20, 50)} minutes later a second rider leaves the same point on the same road at ${r.int(26, 34)} km/h. After catching up, the second rider turns around and goes back at the same speed. (a) How far from the start do they meet? (b) At what clock time is the second rider home if the first left at 07:${r.int(10, 45)}? Give distances in km and metres.`,
  (r) => `A factory has ${r.int(3, 6)} machines. Each makes ${r.int(40, 90)} parts per hour, but ${r.pick([2, 3, 4, 5])}% of parts are defective and are re-worked at a rate of ${r.int(10, 20)} per hour by one technician. The plant runs two ${r.int(7, 9)}-hour shifts, and one machine is down for maintenance for ${r.int(90, 200)} minutes on the second shift. How many good parts are finished by the end of the day, and how many defective parts are still waiting for rework? State each step.`,
  (r, n) => `${n} takes out a loan of $${r.int(8, 30) * 1000} at ${r.pick([4.5, 5.25, 6, 7.2])}% annual interest, compounded monthly, and pays $${r.int(300, 700)} per month. After the first ${r.int(3, 6)} payments ${n} makes a one-off extra payment of $${r.int(1, 4) * 500}. What is the remaining balance after ${r.int(8, 12)} months in total? Show a month-by-month table.`,
  (r) => `A recipe for ${r.int(4, 6)} servings uses ${r.int(300, 500)} g flour, ${r.int(2, 3)} cups milk (1 cup = 240 ml), and ${r.int(40, 90)} g butter. A caterer needs ${r.int(70, 130)} servings, has ${r.int(8, 12)} kg flour, ${r.int(15, 25)} litres of milk and ${r.int(1, 2)}.5 kg butter. Which ingredient runs out first, how many full servings can be made, and how much of each ingredient is left over? The kitchen has ${r.int(3, 6)} ovens, which is not relevant to the quantities.`,
  (r, n, o) => `${n} and ${o} paint a fence. ${n} alone takes ${r.int(4, 7)} hours, ${o} alone takes ${r.int(6, 10)} hours. They start together at 1 pm, but ${o} leaves after ${r.int(45, 80)} minutes and returns ${r.int(30, 60)} minutes later. A third helper joins at 3 pm who could paint the whole fence in ${r.int(8, 12)} hours. When is the fence finished? Give the time to the nearest minute.`,
  (r) => `A store buys jackets at $${r.int(40, 70)} each, marks them up ${r.pick([60, 75, 80, 100])}%, then runs a ${r.pick([20, 25, 30])}% off sale, and finally applies an extra ${r.pick([10, 15])}% at checkout for members. Sales tax of ${r.pick([6, 7.5, 8.25])}% is added after discounts. (1) What does a member pay? (2) What is the store's profit per jacket before tax? (3) By what single percentage was the original marked price reduced?`,
  (r, n) => `${n} is filling a pool shaped as a rectangle ${r.int(6, 12)} m by ${r.int(3, 6)} m, sloping linearly from ${r.int(1, 1)}.${r.int(0, 2)} m deep at one end to ${r.int(2, 3)}.${r.int(0, 5)} m at the other. Two hoses deliver ${r.int(20, 35)} L/min and ${r.int(12, 20)} L/min, but the second hose is only turned on after ${r.int(2, 5)} hours. Evaporation removes about ${r.int(1, 3)}% of the water added per day. Roughly how many hours until the pool is ${r.pick([80, 90, 95])}% full? Explain assumptions.`,
  (r) => `In a town, ${r.int(40, 60)}% of residents own a car, ${r.int(20, 35)}% own a bike, and ${r.int(8, 15)}% own both. Of those who own neither, ${r.int(50, 70)}% use the bus. The town has ${r.int(20, 90) * 1000} residents, ${r.int(2, 5)} bus routes and ${r.int(30, 60)} buses. How many residents use the bus and own neither a car nor a bike? If bus ridership grows ${r.int(5, 15)}% per year, how many years until it exceeds ${r.int(5, 12) * 1000}?`,
  (r, n) => `${n} is paid $${r.int(18, 32)}/h for the first 40 hours a week, time-and-a-half for hours 41–50, and double time beyond 50. Last week ${n} worked ${r.int(8, 10)} h Mon–Thu each, ${r.int(9, 13)} h on Friday and ${r.int(4, 8)} h on Saturday. ${r.int(15, 25)}% is withheld for tax and $${r.int(30, 80)} for health insurance before tax. What is the take-home pay? Show every step.`,
  (r) => `A phone battery is at ${r.int(15, 40)}%. Charging adds ${r.int(1, 2)}.${r.int(1, 9)}% per minute up to 80%, then ${r.int(3, 6)} tenths of a percent per minute after that. While charging, a video call drains ${r.int(3, 9)} tenths of a percent per minute for the first ${r.int(10, 25)} minutes. How many minutes until the battery shows 100%?`,
  (r, n) => `${n} exchanges ${r.int(400, 1500)} EUR to USD at ${r.pick([1.07, 1.09, 1.12])} USD/EUR with a ${r.pick([1.5, 2, 2.5])}% fee, spends $${r.int(120, 480)} in New York, then converts the remaining dollars to GBP at ${r.pick([0.78, 0.8, 0.79])} GBP/USD with a flat £${r.int(3, 8)} fee. How many pounds does ${n} end with, and what fraction of the original euros was lost to fees (in EUR terms)?`,
  (r) => `Three pipes fill a tank: A in ${r.int(3, 6)} h, B in ${r.int(6, 9)} h, and C empties it in ${r.int(9, 14)} h. The tank starts ${r.int(1, 3)}/5 full. A and B run for ${r.int(40, 90)} minutes, then C is opened as well, then A is closed ${r.int(1, 2)} h later. How long in total until the tank is full, if it ever is?`,
  (r, n) => `${n} invests $${r.int(5, 20) * 1000} in a fund returning ${r.int(5, 9)}% the first year, losing ${r.int(3, 12)}% the second, and gaining ${r.int(10, 18)}% the third. A ${r.pick([0.5, 0.75, 1])}% annual management fee is charged on the year-end balance. Capital gains tax of ${r.int(15, 25)}% applies only to the final gain on withdrawal. What is the after-tax amount, and what constant annual rate would have produced the same pre-tax result?`,
  (r) => `A warehouse receives ${r.int(6, 12)} pallets a day, each with ${r.int(30, 60)} cartons of ${r.int(12, 24)} units. Orders ship ${r.int(400, 900)} units per weekday and half that on Saturday; nothing ships Sunday. Starting Monday with ${r.int(1500, 4000)} units in stock, on which day does stock first exceed ${r.int(8, 15) * 1000} units? Deliveries arrive every day including Sunday.`,
];

function build(rng: Rng): Draft {
  const difficulty = pickDifficulty(rng, 0.38, 0.22);
  const [name, other] = rng.sample(FIRST_NAMES, 2) as [string, string];
  const pool = difficulty === 'easy' ? EASY : difficulty === 'medium' ? MEDIUM : HARD;
  let prompt = rng.pick(pool)(rng, name, other);
  if (rng.chance(0.2)) prompt = rng.pick(['Solve: ', 'Math homework: ', 'Word problem - ', 'Can you solve this step by step? ', '']) + prompt;
  if (rng.chance(0.12)) prompt += rng.pick([' Just give the final number.', ' Explain your reasoning.', ' Answer in one line.', ' Return JSON {"answer": number}.']);
  return { prompt: dress(rng, prompt), label: difficulty === 'hard' ? 1 : 0, difficulty };
}

export const mathWordProblem: DraftMaker = build;
