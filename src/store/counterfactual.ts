// The premium counterfactual: what a request would have cost on the most expensive deployment.
// For a policy route the record's reference already is that (the reference of a policy is its most
// expensive deployment). For a direct deployment request the reference is the requested model, so
// the writer prices the usage at the catalogue's most expensive deployment when it is given that
// price, and never reports less than the reference (a deployment dearer on the other token kind).
import type { RequestRecord } from '../records/request-record.ts';

export interface TokenPrice {
  input_per_mtok: number;
  output_per_mtok: number;
}

export function premiumCostUsd(record: RequestRecord, premiumPrice: TokenPrice | undefined): number {
  if (record.routeKind === 'policy' || premiumPrice === undefined || record.usage === null) return record.referenceCostUsd;
  const atPremium = (record.usage.promptTokens * premiumPrice.input_per_mtok + record.usage.completionTokens * premiumPrice.output_per_mtok) / 1_000_000;
  return Math.max(atPremium, record.referenceCostUsd);
}

/**
 * The price of the most expensive deployment, compared on a typical 3:1 input:output token mix
 * (an assumption; a chat turn usually reads more than it writes). Undefined for an empty list.
 */
export function mostExpensivePrice(deployments: readonly { price: TokenPrice }[]): TokenPrice | undefined {
  let best: TokenPrice | undefined;
  let bestBlend = -1;
  for (const { price } of deployments) {
    const blend = 3 * price.input_per_mtok + price.output_per_mtok;
    if (blend > bestBlend) {
      best = price;
      bestBlend = blend;
    }
  }
  return best === undefined ? undefined : { input_per_mtok: best.input_per_mtok, output_per_mtok: best.output_per_mtok };
}
