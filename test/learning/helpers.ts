// Shared fixtures for the learning-loop tests: a real SQLite store filled with hand-made records,
// prompts and feedback, and small synthetic models trained in a temp folder.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CascadeRecord } from '../../src/records/request-record.ts';
import { openSqliteStore, type SqliteStore } from '../../src/store/sqlite/open-sqlite-store.ts';
import type { TrainingExample } from '../../src/training/dataset.ts';
import { seededRandom } from '../../src/training/metrics/numeric.ts';
import { trainScorer } from '../../src/training/train.ts';
import { writeScorerModel } from '../../src/training/write-model.ts';
import { makeRecord, NOON, MINUTE } from '../store/fixtures/records.ts';
import { FAST_OPTIONS, syntheticExamples, toJsonl } from '../training/synthetic.ts';

export { FAST_OPTIONS, syntheticExamples, toJsonl };

export const TRAIN_OPTIONS = { ...FAST_OPTIONS, encoderEpochs: 1 };

export interface OutcomeSpec {
  id: string;
  prompt: string | null;
  /** Null: not served (the request failed before any deployment answered). */
  tier: string | null;
  cascade?: CascadeRecord['outcome'];
  /** Verdict of the single validator at step 1 (default pass when a cascade is given). */
  verdict?: 'pass' | 'fail';
  feedback?: number;
  costUsd?: number;
  totalTokens?: number;
  score?: number;
  minute?: number;
}

function cascadeOf(spec: OutcomeSpec): CascadeRecord | null {
  if (spec.cascade === undefined) return null;
  const cheap = { step: 1, deployment: 'cheap', status: spec.cascade === 'passed' ? 'accepted' : 'rejected', verdicts: [{ validator: 'json', verdict: spec.verdict ?? (spec.cascade === 'passed' ? 'pass' : 'fail') }], costUsd: 0.0004 };
  const strong = { step: 2, deployment: 'strong', status: spec.cascade === 'exhausted' ? 'rejected' : 'accepted', verdicts: [{ validator: 'json', verdict: spec.cascade === 'exhausted' ? 'fail' : 'pass' }], costUsd: 0.01 };
  return { outcome: spec.cascade, answerStep: spec.cascade === 'passed' ? 1 : 2, steps: spec.cascade === 'passed' ? [cheap] : [cheap, strong], totalCostUsd: 0.0104, topDeployment: 'strong', savedVsTopUsd: 0 };
}

/** Appends the specs (with prompts and feedback) to the store. */
export async function appendOutcomes(store: SqliteStore, specs: readonly OutcomeSpec[]): Promise<void> {
  await store.requests.append(
    specs.map((spec, i) => {
      const strong = spec.tier !== null && !['light', 'small', 'local'].includes(spec.tier);
      const tokens = spec.totalTokens ?? 1000;
      return {
        record: makeRecord({
          requestId: spec.id,
          receivedAt: NOON + (spec.minute ?? i) * MINUTE,
          tier: spec.tier,
          finalDeployment: spec.tier === null ? null : strong ? 'strong' : 'cheap',
          ...(spec.tier === null ? { status: 'error' as const, httpStatus: 502, errorCode: 'server_error' as const } : {}),
          score: spec.score ?? 0.5,
          usage: { promptTokens: tokens - 100, completionTokens: 100, totalTokens: tokens },
          costUsd: spec.costUsd ?? (strong ? tokens * 1e-5 : tokens * 1e-6),
          referenceCostUsd: tokens * 1e-5,
          cascade: cascadeOf(spec),
        }),
        promptText: spec.prompt,
      };
    }),
  );
  for (const spec of specs) {
    if (spec.feedback !== undefined) await store.outcomes.recordFeedback({ requestId: spec.id, score: spec.feedback, at: NOON });
  }
}

export async function openStore(path: string): Promise<SqliteStore> {
  return openSqliteStore({ path });
}

export function tempDir(prefix = 'rung-learning-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/**
 * Outcome specs from synthetic prompts: a hard prompt escalated out of the cheap tier (label 1),
 * an easy one answered by the cheap tier and passed (label 0). `invert` swaps the outcomes.
 */
export function outcomeSpecsFrom(examples: readonly TrainingExample[], prefix: string, invert = false, firstMinute = 0): OutcomeSpec[] {
  return examples.map((e, i) => {
    const needsStrong = (e.target > 0.5) !== invert;
    return needsStrong
      ? { id: `${prefix}-${i}`, prompt: e.prompt, tier: 'premium', cascade: 'escalated', minute: firstMinute + i }
      : { id: `${prefix}-${i}`, prompt: e.prompt, tier: 'light', cascade: 'passed', minute: firstMinute + i };
  });
}

/** The examples with their labels shuffled (a model trained on them has learnt nothing). */
export function shuffledLabels(examples: readonly TrainingExample[], seed = 5): TrainingExample[] {
  const random = seededRandom(seed);
  const targets = examples.map((e) => e.target);
  for (let i = targets.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [targets[i], targets[j]] = [targets[j] ?? 0, targets[i] ?? 0];
  }
  return examples.map((e, i) => {
    const target = targets[i] ?? 0;
    return { ...e, target, gap: target, strong: 1, weak: 1 - target };
  });
}

/** Trains a small model into `directory`. */
export function trainModel(directory: string, examples: readonly TrainingExample[], seed = 3): string {
  writeScorerModel(directory, trainScorer(examples, { ...TRAIN_OPTIONS, seed }), [{ path: 'synthetic.jsonl', sha256: 'b'.repeat(64), rows: examples.length }], new Date('2025-01-01T00:00:00Z'));
  return directory;
}

export function writeJsonl(path: string, examples: readonly TrainingExample[]): string {
  writeFileSync(path, toJsonl(examples));
  return path;
}

/** Collects what a command writes. */
export function collector(): { stdout: { write(text: string): boolean; text: string }; stderr: { write(text: string): boolean; text: string } } {
  const make = (): { write(text: string): boolean; text: string } => {
    const sink = { text: '', write: (text: string): boolean => ((sink.text += text), true) };
    return sink;
  };
  return { stdout: make(), stderr: make() };
}
