// A scorer the running gateway can replace without dropping or failing a request: each call
// holds the model it started with; `swap()` installs the new one at once and closes the old one
// only after its last in-flight call returned.
import type { ComplexityScorer } from './complexity-scorer.ts';
import type { ScoreInput, ScoreResult } from './scorer.ts';
import type { PolicyThresholds } from './thresholds.ts';

interface Slot {
  scorer: ComplexityScorer;
  inFlight: number;
  retired: boolean;
  /** Resolves once a retired slot has no call left. */
  drained: Promise<void>;
  resolveDrained: () => void;
}

function slot(scorer: ComplexityScorer): Slot {
  let resolveDrained = () => {};
  const drained = new Promise<void>((resolve) => {
    resolveDrained = resolve;
  });
  return { scorer, inFlight: 0, retired: false, drained, resolveDrained };
}

export class SwappableScorer implements ComplexityScorer {
  private current: Slot;
  /** A label for the live model (its directory or registry version), for the admin API. */
  label: string;

  constructor(initial: ComplexityScorer, label: string) {
    this.current = slot(initial);
    this.label = label;
  }

  get thresholds(): PolicyThresholds {
    return this.current.scorer.thresholds;
  }

  /** The live model. */
  get live(): ComplexityScorer {
    return this.current.scorer;
  }

  /** The live model's manifest, when it has one (the shipped `Scorer` does). */
  get manifest(): unknown {
    return (this.current.scorer as { manifest?: unknown }).manifest;
  }

  async score(input: ScoreInput): Promise<ScoreResult> {
    const held = this.current;
    held.inFlight += 1;
    try {
      return await held.scorer.score(input);
    } finally {
      held.inFlight -= 1;
      if (held.retired && held.inFlight === 0) held.resolveDrained();
    }
  }

  get inProcess(): boolean {
    return this.current.scorer.inProcess === true;
  }

  /** Synchronous calls need no in-flight count: a swap cannot run in the middle of one. */
  scoreSync(input: ScoreInput): ScoreResult | undefined {
    return this.current.scorer.scoreSync?.(input);
  }

  /** Installs `next`; resolves once the previous model is drained and closed. */
  async swap(next: ComplexityScorer, label: string): Promise<void> {
    const previous = this.current;
    this.current = slot(next);
    this.label = label;
    previous.retired = true;
    if (previous.inFlight === 0) previous.resolveDrained();
    await previous.drained;
    await previous.scorer.close();
  }

  async close(): Promise<void> {
    await this.current.scorer.close();
  }
}
