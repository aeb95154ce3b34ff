// Multiple-choice exam questions in a plain "question, A.–D., Answer:" layout. Easy: recall of
// widely taught facts or one-step arithmetic. Hard: multi-step calculations generated with
// computed keys and plausible distractors, NOT/EXCEPT questions, and expert-level items.
// Label policy: single recall or one-step computation -> 0; two or more computation steps,
// negation reading, or graduate/professional knowledge -> 1.
import type { Rng } from '../lib/prng.ts';
import type { Draft, DraftMaker } from '../lib/types.ts';
import { pickDifficulty } from '../lib/types.ts';
import { dress } from '../lib/style.ts';
import { EASY_ITEMS, HARD_ITEMS } from './multiple-choice-pools.ts';
import type { Item } from './multiple-choice-pools.ts';
import { computedHard, computedEasy } from './multiple-choice-computed.ts';

const HEADERS = [
  '', '', '',
  'Answer the following {s} question.\n\n',
  'Exam practice ({s}). Pick one option.\n\n',
  'Choose the best answer.\n\n',
  '{s} quiz:\n',
  'Multiple choice — {s}. Reply with the letter only.\n\n',
  'Question {n} of the {s} mock test.\n',
];

export function render(rng: Rng, item: Item): string {
  const options = rng.shuffle(item.options);
  const header = rng.pick(HEADERS).replace('{s}', item.subject).replace('{n}', String(rng.int(1, 40)));
  return `${header}${item.question}\nA. ${options[0]}\nB. ${options[1]}\nC. ${options[2]}\nD. ${options[3]}\nAnswer:`;
}

function build(rng: Rng): Draft {
  const difficulty = pickDifficulty(rng, 0.42, 0.14);
  let item: Item;
  if (difficulty === 'hard') item = rng.chance(0.6) ? computedHard(rng) : rng.pick(HARD_ITEMS);
  else if (difficulty === 'medium') item = computedEasy(rng);
  else item = rng.chance(0.3) ? computedEasy(rng) : rng.pick(EASY_ITEMS);
  return { prompt: dress(rng, render(rng, item), { typo: 0, opener: 0.05, closer: 0 }), label: difficulty === 'hard' ? 1 : 0, difficulty };
}

export const multipleChoiceExam: DraftMaker = build;
