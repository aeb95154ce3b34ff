// A scorer whose answer is written in the prompt (`[score=0.83]`, `[task=coding]`), so gateway
// tests can pin a route; `[scorer=throw]` and `[scorer=slow]` exercise the failure paths.
import type { ComplexityScorer } from '../../src/scorer/complexity-scorer.ts';

export function scriptedScorer(thresholds = { cost_optimized: 0.6, balanced: 0.5, quality_first: 0.4 }): ComplexityScorer & { calls: number } {
  const scorer = {
    calls: 0,
    thresholds,
    async score({ text }: { text: string }) {
      scorer.calls += 1;
      if (text.includes('[scorer=throw]')) throw new Error('scorer exploded');
      if (text.includes('[scorer=slow]')) await new Promise((resolve) => setTimeout(resolve, 200));
      const score = Number(/\[score=([0-9.]+)\]/.exec(text)?.[1] ?? '0.5');
      const taskClass = /\[task=([a-z_]+)\]/.exec(text)?.[1];
      return taskClass === undefined ? { score } : { score, taskClass };
    },
    async close() {},
  };
  return scorer;
}
