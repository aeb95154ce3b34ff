// The cascade's public surface.
export { runCascade, runCascadeForStream, NON_ESCALATING_ERRORS, type CascadeStreamRun } from './engine.ts';
export type { CascadeHandoff, HandoffCompletion } from './handoff.ts';
export { resultToStreamEvents, splitText, type ReplayOptions } from './replay-stream.ts';
export { topCost, type TopCost } from './savings.ts';
export type {
  CallStep,
  CascadeInput,
  CascadeOutcome,
  CascadeOutcomeKind,
  CascadeStepRecord,
  CascadeSummary,
  StepAnswer,
  StepStatus,
  VerdictRecord,
} from './types.ts';
