// Score-driven routing over the model ladder (cost_optimized, balanced, quality_first).
//
// 1. Keep the policy's deployments that can serve the request: context window ≥ estimated prompt
//    + output tokens, and tools / vision / json_schema support when the request uses them.
// 2. Map the calibrated score to a tier. The objective's threshold (from the scorer manifest,
//    calibrated on validation traffic, or set in the policy) splits the ladder in two: the upper
//    half of the tiers present is the strong side, the rest the cheap side. Below the threshold
//    the cheap tiers share [0, threshold) evenly, the most capable of them at the top. At or above
//    it, `strong_side` decides: `cheapest` (cost_optimized) takes the least expensive strong tier,
//    `most_capable` (quality_first) the top one, `by_score` (balanced) splits [threshold, 1]
//    evenly. `cut_points` overrides any tier's lower bound. A score in the uncertain band moves
//    one tier up. No score (scorer failed) → the top tier. A budget near its limit: one tier down.
// 3. Order: the chosen tier's deployments cheapest first, then the more capable tiers nearest
//    first (escalation on failure), then the less capable ones (an answer beats none).
// Deployments with an open breaker go last within their tier. The router never leaves the list.
import type { Objective, Tier } from '../../config/schema.ts';
import { RungError } from '../../errors/rung-error.ts';
import type { Catalog, Deployment } from '../catalog.ts';
import { tierRank } from '../tier-inference.ts';
import type { RouteInput, RoutingView, StrategyDecision } from '../types.ts';
import type { ComposableStrategy } from './composition.ts';

export interface IntelligentOptions {
  objective: Objective;
  /** Score at or above which the top tier serves. */
  threshold: number;
  /** True when the policy set `threshold` itself; otherwise a scorer's own calibration may replace it. */
  thresholdFixed: boolean;
  cutPoints: Partial<Record<Tier, number>>;
  strongSide: StrongSide;
  band: { low: number; high: number; prefer: 'capable' | 'as_scored' };
}

/** Which strong tier serves scores at or above the threshold. */
export type StrongSide = 'cheapest' | 'by_score' | 'most_capable';

export const DEFAULT_STRONG_SIDE: Readonly<Record<Objective, StrongSide>> = Object.freeze({
  cost_optimized: 'cheapest',
  balanced: 'by_score',
  quality_first: 'most_capable',
});

export interface LadderChoice {
  tier: Tier;
  /** Why this tier, in words. */
  why: string;
}

export class IntelligentStrategy implements ComposableStrategy {
  readonly type = 'intelligent';
  readonly deployments: readonly string[];
  readonly label: string;
  readonly usesScore = true;

  constructor(
    deploymentIds: readonly string[],
    private readonly catalog: Catalog,
    readonly options: IntelligentOptions,
  ) {
    this.deployments = [...deploymentIds];
    this.label = `intelligent:${options.objective}(${deploymentIds.join(', ')})`;
  }

  /** The most capable deployments first: what a request gets when it cannot be scored. */
  mostCapable(): Deployment[] {
    return this.deployments.map((id) => this.catalog.get(id)).sort((a, b) => tierRank(a.tier) - tierRank(b.tier) || blended(b) - blended(a));
  }

  decide(input: RouteInput, view: RoutingView): StrategyDecision {
    const eligible = this.eligible(input);
    const tiers = [...new Set(eligible.map((d) => d.tier))].sort((a, b) => tierRank(a) - tierRank(b));
    const choice = this.chooseTier(tiers, input);
    const chosenIndex = tiers.indexOf(choice.tier);
    const order = [tiers[chosenIndex]!, ...tiers.slice(0, chosenIndex).reverse(), ...tiers.slice(chosenIndex + 1)];
    const targets: string[] = [];
    for (const tier of order) {
      const inTier = eligible.filter((d) => d.tier === tier);
      inTier.sort((a, b) => openLast(view, a, b) || this.cost(a, input) - this.cost(b, input) || a.id.localeCompare(b.id));
      for (const deployment of inTier) targets.push(deployment.id);
    }
    const skipped = this.deployments.length - eligible.length;
    const reason = `${this.options.objective}: ${choice.why} -> ${choice.tier} (${targets[0]})${skipped > 0 ? `; ${skipped} deployment(s) lack capacity or capabilities` : ''}`;
    return { targets, reason };
  }

  /** The tier the score maps to among the tiers present (most capable first). */
  chooseTier(tiers: readonly Tier[], input: RouteInput): LadderChoice {
    const top = tiers[0]!;
    if (input.score === null || input.score === undefined) return { tier: top, why: 'no score (scorer unavailable), most capable' };
    const score = input.score;
    const threshold = this.options.thresholdFixed ? this.options.threshold : (input.thresholds?.[this.options.objective] ?? this.options.threshold);
    const cuts = this.cutPoints(tiers, threshold);
    let index = tiers.length - 1;
    for (let i = 0; i < tiers.length; i += 1) {
      if (score >= cuts[i]!) {
        index = i;
        break;
      }
    }
    let why = `score ${score.toFixed(3)}`;
    const { band } = this.options;
    if (band.prefer === 'capable' && score >= band.low && score < band.high && index > 0) {
      index -= 1;
      why += ` in uncertain band [${band.low}, ${band.high}), one tier up`;
    }
    if (input.downgrade === true && index < tiers.length - 1) {
      index += 1;
      why += ', budget near limit: one tier down';
    }
    return { tier: tiers[index]!, why };
  }

  /**
   * Lowest score per tier position (most capable first); scanning from the top, the first tier
   * whose bound the score reaches serves it. +Infinity: never chosen by score; the last tier
   * takes everything below.
   */
  cutPoints(tiers: readonly Tier[], threshold = this.options.threshold): number[] {
    const { cutPoints, strongSide } = this.options;
    const strong = Math.max(1, Math.ceil(tiers.length / 2));
    const cheap = tiers.length - strong;
    return tiers.map((tier, i) => {
      const configured = cutPoints[tier];
      if (i === tiers.length - 1) return -Infinity;
      if (configured !== undefined) return configured;
      if (i < strong) {
        if (strongSide === 'most_capable') return i === 0 ? threshold : Infinity;
        if (strongSide === 'cheapest') return i === strong - 1 ? threshold : Infinity;
        return threshold + ((1 - threshold) * (strong - 1 - i)) / strong;
      }
      const j = i - strong;
      return (threshold * (cheap - 1 - j)) / cheap;
    });
  }

  private eligible(input: RouteInput): Deployment[] {
    const needed = input.estimatedPromptTokens + input.estimatedOutputTokens;
    const needs = input.needs;
    const eligible = this.deployments
      .map((id) => this.catalog.get(id))
      .filter((d) => d.context_window >= needed)
      .filter((d) => needs === undefined || ((!needs.tools || d.capabilities.tools) && (!needs.vision || d.capabilities.vision) && (!needs.jsonSchema || d.capabilities.json_schema)));
    if (eligible.length === 0) {
      throw new RungError('no_eligible_deployment', `No deployment of this policy can serve the request (about ${needed} tokens${describeNeeds(needs)}); explicit configuration is required.`);
    }
    return eligible;
  }

  private cost(deployment: Deployment, input: RouteInput): number {
    return this.catalog.estimateCost(deployment.id, input.estimatedPromptTokens, input.estimatedOutputTokens);
  }
}

function openLast(view: RoutingView, a: Deployment, b: Deployment): number {
  return Number(view.breakerState(a.id) === 'open') - Number(view.breakerState(b.id) === 'open');
}

function blended(deployment: Deployment): number {
  return deployment.price.input_per_mtok + deployment.price.output_per_mtok;
}

function describeNeeds(needs: RouteInput['needs']): string {
  if (needs === undefined) return '';
  const list = [needs.tools && 'tools', needs.vision && 'vision', needs.jsonSchema && 'json_schema'].filter(Boolean);
  return list.length === 0 ? '' : `, needing ${list.join(', ')}`;
}
