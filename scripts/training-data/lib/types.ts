// Shapes shared by the per-class generators and the writer.
import type { Rng } from './prng.ts';

export const TASK_CLASSES = [
  'classification',
  'extraction',
  'short_rewrite',
  'summarization',
  'translation',
  'factual_qa',
  'coding',
  'debugging',
  'math_word_problem',
  'multi_step_reasoning',
  'long_context_synthesis',
  'creative_writing',
  'agentic_tool_use',
  'multiple_choice_exam',
] as const;

export type TaskClass = (typeof TASK_CLASSES)[number];
export type Difficulty = 'easy' | 'medium' | 'hard';
export type Label = 0 | 1;

/** One candidate prompt before ids are assigned and duplicates removed. */
export interface Draft {
  prompt: string;
  label: Label;
  difficulty: Difficulty;
}

/** The line written to training-data/prompts.jsonl (key order is part of the byte-for-byte contract). */
export interface Row {
  id: string;
  prompt: string;
  label: Label;
  task: TaskClass;
  difficulty: Difficulty;
  source: 'rung-authored';
}

/** Draws one candidate; called repeatedly until the class quota of unique prompts is met. */
export type DraftMaker = (rng: Rng) => Draft;

/**
 * Picks the difficulty tier for the next draft. Classes pass their own weights so the overall
 * label-1 share lands near 40% while both labels appear everywhere.
 */
export function pickDifficulty(rng: Rng, easy = 0.4, medium = 0.25): Difficulty {
  const roll = rng.next();
  if (roll < easy) return 'easy';
  if (roll < easy + medium) return 'medium';
  return 'hard';
}
