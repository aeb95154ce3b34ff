// Deterministic prompts shaped like routed traffic, so the parity tests exercise every hand feature
// (multiple-choice options, statement pairs, roman-numeral combinations, constraint and reasoning cue
// words, negations, code, enumerations) and prompts long enough to be truncated by the featuriser.
import { SeededRandom } from '../../src/scorer/encoder/builtin/prng.ts';

const SUBJECTS = ['photosynthesis', 'the French Revolution', 'binary search trees', 'inflation', 'plate tectonics', 'TCP congestion control', 'Bayes rule', 'the Krebs cycle'];
const VERBS = ['Explain', 'Summarise', 'Compare', 'Prove', 'Derive', 'Estimate', 'Describe', 'Analyze', 'Justify', 'Evaluate'];
const CONSTRAINTS = ['in exactly 3 bullet points', 'in at most 50 words', 'as JSON', 'without using the word "the"', 'step by step', 'as a table', 'concisely', 'and ensure each claim has a source'];
const OPTIONS = ['42', '3.5', '-7', '$12', '1/2', 'None of the above', 'It increases', 'It decreases', 'All of the above', 'Statement 1 is true'];

function pick<T>(random: SeededRandom, items: readonly T[]): T {
  const item = items[random.nextInt(items.length)];
  if (item === undefined) throw new Error('routing corpus: empty list');
  return item;
}

function multipleChoice(random: SeededRandom): string {
  const labels = random.nextInt(2) === 0 ? ['A.', 'B.', 'C.', 'D.'] : ['(a)', '(b)', '(c)', '(d)'];
  const negated = random.nextInt(3) === 0 ? 'NOT ' : '';
  const lines = [`Which of the following is ${negated}true about ${pick(random, SUBJECTS)}?`];
  for (const label of labels) lines.push(`${label} ${pick(random, OPTIONS)}`);
  lines.push('Answer:');
  return lines.join('\n');
}

function statementPair(random: SeededRandom): string {
  return `Statement 1 | ${pick(random, SUBJECTS)} is studied in school. Statement 2 | Every group of order ${2 + random.nextInt(20)} is cyclic.\nA. True, True\nB. False, False\nC. True, False\nD. False, True`;
}

function romanCombination(random: SeededRandom): string {
  return `Which are correct?\nI. ${pick(random, SUBJECTS)} matters\nII. It does not\nIII. It cannot be measured\nA. I only\nB. II and III\nC. I, II and III\nD. I and III only ${random.nextInt(9)}`;
}

function arithmetic(random: SeededRandom): string {
  const a = 2 + random.nextInt(90);
  const b = 2 + random.nextInt(90);
  return `Sam has ${a} apples and buys ${b} more at $${(random.nextInt(400) / 100).toFixed(2)} each. How many apples does he have in total, and what percent of the remaining budget of $${a * b} did he spend? Show the calculation.`;
}

function code(random: SeededRandom): string {
  const bodies = [
    'def add(a, b):\n    return a + b\n',
    'function add(a, b) {\n  return a + b;\n}\n',
    'const add = (a, b) => a + b;\nimport x from "y";\n',
    '#include <stdio.h>\nint main() { printf("hi"); return 0; }\n',
    'class Stack:\n    def push(self, x):\n        self.items.append(x)\n',
  ];
  return `Refactor this code and explain why it is faster:\n\`\`\`\n${pick(random, bodies)}\`\`\`\n1. Keep the API\n2) Add tests\n- no new dependencies\n* must run on Node 20`;
}

function instruction(random: SeededRandom): string {
  const parts = [`${pick(random, VERBS)} ${pick(random, SUBJECTS)} ${pick(random, CONSTRAINTS)}.`];
  const extra = random.nextInt(4);
  for (let i = 0; i < extra; i++) parts.push(`${pick(random, VERBS)} how it relates to ${pick(random, SUBJECTS)}; suppose the rate doubles, what is the expected total?`);
  return parts.join(' ');
}

function longDocument(random: SeededRandom): string {
  const paragraphs: string[] = [];
  const count = 20 + random.nextInt(60);
  for (let i = 0; i < count; i++) paragraphs.push(instruction(random));
  return `You are a careful assistant.\n\n${paragraphs.join(random.nextInt(2) === 0 ? '\n' : ' ')}\n\nWhy?`;
}

const MAKERS = [multipleChoice, statementPair, romanCombination, arithmetic, code, instruction, instruction, longDocument];

export function routingCorpus(size: number, seed: number): string[] {
  const random = new SeededRandom(seed);
  return Array.from({ length: size }, () => pick(random, MAKERS)(random));
}
