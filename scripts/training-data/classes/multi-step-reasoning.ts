// Logic and planning puzzles. Ordering and knights-and-knaves puzzles are built procedurally and
// checked by brute force to have exactly one solution, so hard items are solvable, not noise.
// Label policy: one or two inference steps with a single relation type -> 0; five or more
// entities, mixed constraint types, negations, truth-teller logic, base rates or multi-constraint
// planning -> 1.
import type { Rng } from '../lib/prng.ts';
import type { Draft, DraftMaker } from '../lib/types.ts';
import { pickDifficulty } from '../lib/types.ts';
import { FIRST_NAMES, WEEKDAYS, CITIES } from '../lib/vocab.ts';
import { dress } from '../lib/style.ts';
import { KNIGHT_CONTEXTS, easyReasoning, hardReasoning } from './multi-step-reasoning-pools.ts';

const ORDER_FRAMES = [
  { verb: 'finished before', noun: 'race', slot: 'place', question: 'Who finished {k}?' },
  { verb: 'arrived earlier than', noun: 'office on Monday', slot: 'arrival', question: 'Who arrived {k}?' },
  { verb: 'is taller than', noun: 'team photo', slot: 'height rank', question: 'Who is the {k} tallest?' },
  { verb: 'scored higher than', noun: 'quiz', slot: 'rank', question: 'Who came {k}?' },
  { verb: 'presented before', noun: 'conference session', slot: 'slot', question: 'Who presented {k}?' },
] as const;
const ORDINALS = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth'] as const;

type Clue = { text: string; holds: (order: readonly string[]) => boolean };

function permutations(items: readonly string[]): string[][] {
  if (items.length <= 1) return [[...items]];
  return items.flatMap((item, index) => permutations([...items.slice(0, index), ...items.slice(index + 1)]).map((rest) => [item, ...rest]));
}

function orderingPuzzle(rng: Rng, size: number, rich: boolean): string {
  const people = rng.sample(FIRST_NAMES, size);
  const truth = rng.shuffle(people);
  const frame = rng.pick(ORDER_FRAMES);
  const pos = (order: readonly string[], who: string): number => order.indexOf(who);
  const candidates: Clue[] = [];
  for (const a of people) for (const b of people) {
    if (a === b) continue;
    if (pos(truth, a) < pos(truth, b)) candidates.push({ text: `${a} ${frame.verb} ${b}.`, holds: (o) => pos(o, a) < pos(o, b) });
    if (rich && pos(truth, a) + 1 === pos(truth, b)) candidates.push({ text: `${a} came immediately ahead of ${b}.`, holds: (o) => pos(o, a) + 1 === pos(o, b) });
    if (rich && a < b) {
      const gap = Math.abs(pos(truth, a) - pos(truth, b)) - 1;
      if (gap >= 1) candidates.push({ text: `Exactly ${gap === 1 ? 'one person' : `${gap} people`} came between ${a} and ${b}.`, holds: (o) => Math.abs(pos(o, a) - pos(o, b)) - 1 === gap });
    }
  }
  if (rich) for (const a of people) {
    const wrong = rng.int(0, size - 1);
    if (wrong !== pos(truth, a)) candidates.push({ text: `${a} was not ${ORDINALS[wrong]}.`, holds: (o) => pos(o, a) !== wrong });
  }
  const all = permutations(people);
  const chosen: Clue[] = [];
  for (const clue of rng.shuffle(candidates)) {
    if (all.filter((o) => chosen.every((c) => c.holds(o))).length === 1) break;
    const before = all.filter((o) => chosen.every((c) => c.holds(o))).length;
    const after = all.filter((o) => [...chosen, clue].every((c) => c.holds(o))).length;
    if (after < before) chosen.push(clue);
  }
  const k = ORDINALS[rng.int(0, size - 1)] ?? 'first';
  const ask = frame.question.replace('{k}', k);
  const intro = `${size} people (${people.join(', ')}) took part in a ${frame.noun}; there were no ties.`;
  const tail = rich ? rng.pick([' Give the full order and justify each deduction.', ' Show the full ordering and explain why it is the only one.', ' List the complete order.']) : '';
  return `${intro}\n${chosen.map((c) => `- ${c.text}`).join('\n')}\n${ask}${tail}`;
}

type Statement = { text: string; value: (knights: readonly boolean[]) => boolean };

function knightsPuzzle(rng: Rng): string {
  const size = rng.pick([3, 3, 4]);
  const names = rng.sample(FIRST_NAMES, size);
  const context = rng.pick(KNIGHT_CONTEXTS);
  const makeStatement = (speaker: number): Statement => {
    const others = names.map((_, index) => index).filter((index) => index !== speaker);
    const x = rng.pick(others);
    const y = rng.pick(others.filter((index) => index !== x).concat(speaker));
    const nx = names[x] ?? '';
    const ny = y === speaker ? 'I' : (names[y] ?? '');
    const options: Statement[] = [
      { text: `${nx} is a ${context.liar}.`, value: (k) => !k[x] },
      { text: `${nx} is a ${context.honest}.`, value: (k) => Boolean(k[x]) },
      { text: `${nx} and ${ny === 'I' ? 'I' : ny} are the same kind.`, value: (k) => k[x] === k[y] },
      { text: `At least one of ${nx} and ${ny === 'I' ? 'me' : ny} is a ${context.liar}.`, value: (k) => !k[x] || !k[y] },
      { text: `Exactly one of us ${size} is a ${context.honest}.`, value: (k) => k.filter(Boolean).length === 1 },
      { text: `${nx} would say that I am a ${context.liar}.`, value: (k) => (k[x] ? !k[speaker] : Boolean(k[speaker])) },
    ];
    return rng.pick(options);
  };
  for (let attempt = 0; attempt < 200; attempt += 1) {
    const statements = names.map((_, speaker) => makeStatement(speaker));
    const worlds: boolean[][] = [];
    for (let mask = 0; mask < 1 << size; mask += 1) {
      const knights = names.map((_, index) => Boolean(mask & (1 << index)));
      if (statements.every((statement, speaker) => statement.value(knights) === knights[speaker])) worlds.push(knights);
    }
    if (worlds.length === 1) {
      const lines = statements.map((statement, speaker) => `${names[speaker]} says: "${statement.text}"`);
      return `${context.setup}\n${lines.join('\n')}\nWhich of them are ${context.honest}s and which are ${context.liar}s? Explain step by step.`;
    }
  }
  return `${context.setup}\n${names[0]} says: "We are both ${context.liar}s." ${names[1]} says nothing.\nWhat is each of them?`;
}

function easyTemplated(rng: Rng): string {
  const [a, b, c] = rng.sample(FIRST_NAMES, 3) as [string, string, string];
  const day = rng.pick(WEEKDAYS);
  const choices = [
    () => `${a} is older than ${b}, and ${b} is older than ${c}. Who is the youngest?`,
    () => `If today is ${day}, what day of the week will it be in ${rng.int(2, 6)} days?`,
    () => `${a} has a meeting at ${rng.int(1, 3)}pm that lasts ${rng.pick([45, 60, 90])} minutes. Can ${a} make a call that starts at 4:30pm?`,
    () => `${a} lives north of ${b}. ${c} lives south of ${b}. Who lives furthest north?`,
    () => {
      const [kind, group] = rng.sample(['florps', 'glims', 'zindles', 'bratches', 'toves', 'quibs', 'marls'], 2) as [string, string];
      return `All ${kind} are ${group}. ${a}'s pet is one of the ${kind}. Is ${a}'s pet one of the ${group}?`;
    },
    () => `The ${rng.pick(CITIES)} store opens at 9 and closes at 17:30. If ${a} arrives at ${rng.int(17, 18)}:${rng.pick(['05', '20', '40'])}, is it open?`,
    () => `${a} always takes the bus when it rains. It is raining today. How is ${a} probably getting to work?`,
    () => `A is heavier than B. B is heavier than C. Is C heavier than A? (${a} asked me this in an interview)`,
  ];
  return rng.pick(choices)();
}

function build(rng: Rng): Draft {
  const difficulty = pickDifficulty(rng, 0.38, 0.22);
  let prompt: string;
  if (difficulty === 'easy') {
    const roll = rng.next();
    prompt = roll < 0.35 ? orderingPuzzle(rng, 3, false) : roll < 0.65 ? easyTemplated(rng) : rng.pick(easyReasoning)(rng);
  } else if (difficulty === 'medium') {
    prompt = rng.chance(0.6) ? orderingPuzzle(rng, 4, false) : rng.pick(easyReasoning)(rng) + ' Explain your reasoning in two or three sentences.';
  } else {
    const roll = rng.next();
    prompt = roll < 0.3 ? orderingPuzzle(rng, rng.pick([5, 5, 6]), true) : roll < 0.5 ? knightsPuzzle(rng) : rng.pick(hardReasoning)(rng);
  }
  return { prompt: dress(rng, prompt), label: difficulty === 'hard' ? 1 : 0, difficulty };
}

export const multiStepReasoning: DraftMaker = build;
