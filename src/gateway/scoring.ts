// Runs the complexity scorer in-process under a deadline. Any failure or timeout yields null,
// which score-driven strategies treat as "route to the most capable allowed deployment"; the
// request never waits longer than the deadline and never fails because of the scorer.
// A scorer whose work is in-process (the shipped one, which batches the calls of one event-loop turn
// into one encoder run) is awaited without a timer, and one that can answer synchronously is called
// that way: neither can be interrupted, and once its time is spent a late score is still the best
// routing input, so it is used whatever it took (its latency is recorded). The deadline guards the
// other asynchronous scorers, whose work can be abandoned.
import type { ChatMessage } from '../chat/types.ts';
import type { ComplexityScorer } from '../scorer/complexity-scorer.ts';
import type { ScoreResult } from '../scorer/scorer.ts';
import { extractScoringText } from '../scorer/scoring-text.ts';

export interface ScoreOutcome {
  score: number | null;
  taskClass: string | null;
  /** Why there is no score, when there is none. */
  failure: 'timeout' | 'error' | 'disabled' | null;
  latencyMs: number;
  /** The text that was scored (reused by the request log). */
  text: string | null;
}

export async function scoreWithDeadline(scorer: ComplexityScorer | null, messages: readonly ChatMessage[], deadlineMs: number): Promise<ScoreOutcome> {
  const started = performance.now();
  if (scorer === null) return { score: null, taskClass: null, failure: 'disabled', latencyMs: 0, text: null };
  const text = extractScoringText(messages);
  if (scorer.inProcess === true) {
    try {
      return outcomeOf(await scorer.score({ text }), performance.now() - started, text);
    } catch {
      return noScore('error', performance.now() - started, text);
    }
  }
  if (scorer.scoreSync !== undefined) {
    try {
      const now = scorer.scoreSync({ text });
      if (now !== undefined) return outcomeOf(now, performance.now() - started, text);
    } catch {
      return noScore('error', performance.now() - started, text);
    }
  }
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), deadlineMs);
  });
  try {
    const result = await Promise.race([scorer.score({ text }), timeout]);
    const latencyMs = performance.now() - started;
    if (result === 'timeout') return noScore('timeout', latencyMs, text);
    return outcomeOf(result, latencyMs, text);
  } catch {
    return noScore('error', performance.now() - started, text);
  } finally {
    clearTimeout(timer);
  }
}

function noScore(failure: 'timeout' | 'error', latencyMs: number, text: string): ScoreOutcome {
  return { score: null, taskClass: null, failure, latencyMs, text };
}

function outcomeOf(result: ScoreResult, latencyMs: number, text: string): ScoreOutcome {
  if (!Number.isFinite(result.score)) return noScore('error', latencyMs, text);
  return { score: result.score, taskClass: result.taskClass ?? null, failure: null, latencyMs, text };
}
