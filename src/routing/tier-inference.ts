// A deployment configured without a tier gets one from its price, so a new model can be routed
// at once. The rule uses the blended price (mean of input and output USD per 1M tokens) against
// the cut points of the usual price ladder: premium models cost tens of dollars per million
// tokens, mid-tier about ten, light ones around a dollar, small open models cents, local ~zero.
import type { Tier } from '../config/schema.ts';

/** Lower bounds of blended USD per 1M tokens, highest tier first. */
export const TIER_PRICE_FLOORS: readonly { tier: Tier; minBlendedPerMtok: number }[] = Object.freeze([
  { tier: 'premium', minBlendedPerMtok: 20 },
  { tier: 'mid', minBlendedPerMtok: 3 },
  { tier: 'light', minBlendedPerMtok: 0.5 },
  { tier: 'small', minBlendedPerMtok: 0.01 },
  { tier: 'local', minBlendedPerMtok: 0 },
]);

export function blendedPrice(price: { input_per_mtok: number; output_per_mtok: number }): number {
  return (price.input_per_mtok + price.output_per_mtok) / 2;
}

export function inferTier(price: { input_per_mtok: number; output_per_mtok: number }): Tier {
  const blended = blendedPrice(price);
  for (const floor of TIER_PRICE_FLOORS) if (blended >= floor.minBlendedPerMtok) return floor.tier;
  return 'local';
}

/** Tiers from most to least capable. */
export const TIER_ORDER: readonly Tier[] = Object.freeze(['premium', 'mid', 'light', 'small', 'local']);

export function tierRank(tier: Tier): number {
  return TIER_ORDER.indexOf(tier);
}
