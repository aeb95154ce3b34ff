// The provider faults the demo injects while the routed workload runs, so fallbacks show:
// - the premium and mid fakes answer a share of attempts (15% by default) with 503 overloaded or
//   429 rate limited, drawn from (seed, prompt, attempt) so the plan does not depend on timing;
// - the first premium-chain request meets a scripted 503 on premium, so at least one fallback
//   happens at any workload size;
// - one streamed premium-chain answer is cut mid-stream. Once content has reached the client no
//   gateway can switch models silently: Rung ends the stream with an error event, and the demo
//   counts that one client-visible error as expected.
// The baseline run gets no faults.
import type { Fault, FaultScript } from '../fakes/types.ts';
import { uniformAt } from '../fakes/faults.ts';
import { saltedSeed } from './seeded.ts';
import { lastUserText, type SimulatedTier } from './simulated-quality.ts';
import type { WorkloadItem } from './workload.ts';

export const DEFAULT_FAULT_RATE = 0.15;
/** Stream events the cut answer gets through before the socket is destroyed. */
const CUT_AFTER_CHUNKS = 6;
/** Tiers whose fakes misbehave: the expensive hosted ones, as in real incidents. */
export const FAULTY_TIERS: readonly SimulatedTier[] = ['premium', 'mid'];

export type InjectedFaultKind = '503 overloaded' | '429 rate limited' | 'stream cut';

export interface InjectedFault {
  itemIndex: number;
  tier: SimulatedTier;
  kind: InjectedFaultKind;
  /** True for the two scripted faults, false for the random ones. */
  scripted: boolean;
}

export interface FaultPlan {
  /** The script for one fake; undefined for tiers that get no faults. */
  scriptFor(tier: SimulatedTier): FaultScript | undefined;
  /** Every fault actually fired, in firing order. */
  readonly injected: InjectedFault[];
  /** Items whose client-visible error is part of the plan (the mid-stream cut). */
  readonly expectedClientErrors: ReadonlySet<number>;
  /** The item whose stream is cut, if the workload has a streamed chain request. */
  readonly cutItem: number | undefined;
}

export function createFaultPlan(items: readonly WorkloadItem[], seed: number, rate: number = DEFAULT_FAULT_RATE): FaultPlan {
  if (!(rate >= 0 && rate <= 1)) throw new RangeError(`fault rate must be in [0, 1], got ${rate}`);
  const byPrompt = new Map(items.map((item) => [item.prompt, item]));
  const chain = items.filter((item) => item.policy === 'chain');
  const cutItem = chain.find((item) => item.stream && item.tools.length === 0)?.index;
  const outageItem = chain.find((item) => item.index !== cutItem)?.index;
  const injected: InjectedFault[] = [];
  /** Attempts seen per (tier, item): the n-th attempt draws its own number. */
  const attempts = new Map<string, number>();

  const scriptFor = (tier: SimulatedTier): FaultScript | undefined => {
    if (!FAULTY_TIERS.includes(tier)) return undefined;
    const tierSeed = saltedSeed(seed, `faults:${tier}`);
    return (_index, request) => {
      const item = byPrompt.get(lastUserText(request));
      if (item === undefined) return undefined;
      const key = `${tier}:${item.index}`;
      const attempt = attempts.get(key) ?? 0;
      attempts.set(key, attempt + 1);
      const fire = (fault: Fault, kind: InjectedFaultKind, scripted: boolean): Fault => {
        injected.push({ itemIndex: item.index, tier, kind, scripted });
        return fault;
      };
      if (tier === 'premium' && attempt === 0 && item.index === cutItem && request.stream) {
        return fire({ cutAfterChunks: CUT_AFTER_CHUNKS }, 'stream cut', true);
      }
      if (tier === 'premium' && attempt === 0 && item.index === outageItem) {
        return fire({ status: 503, message: 'scripted outage' }, '503 overloaded', true);
      }
      const draw = uniformAt(tierSeed, item.index * 64 + attempt);
      if (draw < rate / 2) return fire({ status: 503 }, '503 overloaded', false);
      if (draw < rate) return fire({ status: 429 }, '429 rate limited', false);
      return undefined;
    };
  };

  return { scriptFor, injected, expectedClientErrors: new Set(cutItem === undefined ? [] : [cutItem]), cutItem };
}
