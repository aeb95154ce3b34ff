// Maps each task class to its draft maker; generate.ts iterates TASK_CLASSES in order.
import type { DraftMaker, TaskClass } from '../lib/types.ts';
import { classification } from './classification.ts';
import { extraction } from './extraction.ts';
import { shortRewrite } from './short-rewrite.ts';
import { summarization } from './summarization.ts';
import { translation } from './translation.ts';
import { factualQa } from './factual-qa.ts';
import { coding } from './coding.ts';
import { debugging } from './debugging.ts';
import { mathWordProblem } from './math-word-problem.ts';
import { multiStepReasoning } from './multi-step-reasoning.ts';
import { longContextSynthesis } from './long-context-synthesis.ts';
import { creativeWriting } from './creative-writing.ts';
import { agenticToolUse } from './agentic-tool-use.ts';
import { multipleChoiceExam } from './multiple-choice-exam.ts';

export const makers: Record<TaskClass, DraftMaker> = {
  classification,
  extraction,
  short_rewrite: shortRewrite,
  summarization,
  translation,
  factual_qa: factualQa,
  coding,
  debugging,
  math_word_problem: mathWordProblem,
  multi_step_reasoning: multiStepReasoning,
  long_context_synthesis: longContextSynthesis,
  creative_writing: creativeWriting,
  agentic_tool_use: agenticToolUse,
  multiple_choice_exam: multipleChoiceExam,
};
