// RequestLogStore.aggregate and purgeBefore on six hand-checkable requests over three UTC hours
// (12:00-15:00 on 2024-05-17). Ranges that cut hours in the middle check that a store which keeps
// hourly rollups still counts exactly the requests inside the range.
import { describe, expect, it } from 'vitest';
import { RungError } from '../../../src/errors/rung-error.ts';
import type { AggregateGroup, AggregateTotals, AppendItem, Store } from '../../../src/store/types.ts';
import { HOUR, makeRecord, MINUTE, NOON, richRecord } from '../fixtures/records.ts';
import type { Setup } from '../store-contract.ts';

const at = (hour: number, minute: number) => NOON + hour * HOUR + minute * MINUTE;

/** r1..r6; see each line. Feedback: r1 = 1 (before append), r2 = 0.5 then 0, r5 = 0.75. */
function dataset(): AppendItem[] {
  return [
    // cheap/light, cost-routed (cheaper than the reference), premium counterfactual given.
    { record: makeRecord({ requestId: 'r1', receivedAt: at(0, 10), keyId: 'key-a', score: 0.2, latencyMs: 100 }), tags: { team: 'red' }, premiumCostUsd: 0.02 },
    // strong/premium at score 0.3: overkill; served by the reference itself; fallback that succeeded.
    { record: makeRecord({ requestId: 'r2', receivedAt: at(0, 50), keyId: 'key-b', finalDeployment: 'strong', tier: 'premium', score: 0.3, costUsd: 0.01, latencyMs: 200, fallback: true, fallbackLatencyMs: 40 }), tags: { team: 'blue' } },
    // failed after a fallback: no serving deployment, no tier.
    makeRecord({ requestId: 'r3', receivedAt: at(1, 20), keyId: 'key-a', status: 'error', httpStatus: 502, errorCode: 'all_targets_failed', finalDeployment: null, finalProvider: null, finalModel: null, tier: null, usage: null, costUsd: 0, referenceCostUsd: 0, latencyMs: 300, fallback: true, fallbackLatencyMs: 60 }),
    // a direct deployment request: no policy, reference = the requested deployment.
    { record: makeRecord({ requestId: 'r4', receivedAt: at(1, 40), keyId: 'key-a', routeKind: 'deployment', requested: 'mid', policy: null, finalDeployment: 'mid', referenceDeployment: 'mid', tier: 'mid', costUsd: 0.004, referenceCostUsd: 0.004, latencyMs: 400 }), tags: { team: 'red' }, premiumCostUsd: 0.03 },
    // an escalated cascade answered by the strong model, score 0.73: not overkill.
    { record: { ...richRecord('r5', at(2, 30)), keyId: 'key-b', policy: 'cascade-p', latencyMs: 500, fallback: false } },
    // a passed cascade the client hung up on: neither an error nor cost-routed.
    makeRecord({ requestId: 'r6', receivedAt: at(2, 45), keyId: 'key-b', policy: 'cascade-p', status: 'client_closed', httpStatus: 499, costUsd: 0.0004, referenceCostUsd: 0.0123, latencyMs: 600, cascade: { ...richRecord('x').cascade!, outcome: 'passed' } }),
  ];
}

async function seed(store: Store): Promise<void> {
  await store.outcomes.recordFeedback({ requestId: 'r1', score: 1, at: at(3, 0) });
  await store.requests.append(dataset().slice(0, 4));
  await store.requests.append(dataset().slice(4));
  await store.outcomes.recordFeedback({ requestId: 'r2', score: 0.5, at: at(3, 0) });
  await store.outcomes.recordFeedback({ requestId: 'r2', score: 0, comment: 'wrong', at: at(3, 1) });
  await store.outcomes.recordFeedback({ requestId: 'r5', score: 0.75, at: at(3, 0) });
}

const COUNTS: (keyof AggregateTotals)[] = ['requests', 'errors', 'fallbackCount', 'fallbackSuccessCount', 'strongTierCount', 'cascadeRequests', 'escalations', 'overkill', 'costRouted', 'feedbackCount'];

function expectGroup(groups: AggregateGroup[], key: string | null, expected: Partial<AggregateTotals>): void {
  const group = groups.find((candidate) => candidate.key === key);
  expect(group, `group ${String(key)}`).toBeDefined();
  for (const [name, value] of Object.entries(expected) as [keyof AggregateTotals, number][]) {
    if (COUNTS.includes(name)) expect(group?.[name], `${String(key)}.${name}`).toBe(value);
    else expect(group?.[name], `${String(key)}.${name}`).toBeCloseTo(value, 10);
  }
}

const keys = (groups: AggregateGroup[]) => groups.map((group) => group.key);
const ALL = { from: NOON, to: at(3, 0) };

export function aggregateContract(setup: Setup): void {
  describe('aggregate', () => {
    it('sums every metric by serving model', async () => {
      const { store } = await setup();
      await seed(store);
      const groups = await store.requests.aggregate({ ...ALL, groupBy: 'model' });
      expect(keys(groups)).toEqual(['cheap', 'mid', 'strong', null]);
      expectGroup(groups, 'cheap', {
        requests: 2, errors: 0, costUsd: 0.0014, referenceCostUsd: 0.0223, premiumCostUsd: 0.0323, fallbackCount: 0, fallbackSuccessCount: 0,
        fallbackLatencyMsSum: 0, latencyMsSum: 700, strongTierCount: 0, cascadeRequests: 1, escalations: 0, overkill: 0, costRouted: 1, feedbackSum: 1, feedbackCount: 1,
      });
      expectGroup(groups, 'mid', { requests: 1, cascadeRequests: 0, costUsd: 0.004, referenceCostUsd: 0.004, premiumCostUsd: 0.03, costRouted: 0, latencyMsSum: 400, feedbackCount: 0 });
      expectGroup(groups, 'strong', {
        requests: 2, errors: 0, costUsd: 0.0227, referenceCostUsd: 0.0223, premiumCostUsd: 0.0223, fallbackCount: 1, fallbackSuccessCount: 1,
        fallbackLatencyMsSum: 40, latencyMsSum: 700, strongTierCount: 2, cascadeRequests: 1, escalations: 1, overkill: 1, costRouted: 0, feedbackSum: 0.75, feedbackCount: 2,
      });
      expectGroup(groups, null, { requests: 1, errors: 1, costUsd: 0, fallbackCount: 1, fallbackSuccessCount: 0, fallbackLatencyMsSum: 60, latencyMsSum: 300 });
    });

    it('groups by policy, key, tier, day, hour and a tag', async () => {
      const { store } = await setup();
      await seed(store);
      const by = async (groupBy: 'policy' | 'key' | 'tier' | 'day' | 'hour') => store.requests.aggregate({ ...ALL, groupBy });
      const policies = await by('policy');
      expect(keys(policies)).toEqual(['auto', 'cascade-p', null]);
      expectGroup(policies, 'auto', { requests: 3, errors: 1, overkill: 1 });
      expectGroup(policies, 'cascade-p', { requests: 2, cascadeRequests: 2, escalations: 1, strongTierCount: 1 });
      expectGroup(policies, 'auto', { cascadeRequests: 0, escalations: 0 });
      const byKey = await by('key');
      expectGroup(byKey, 'key-a', { requests: 3, costRouted: 1, feedbackSum: 1 });
      expectGroup(byKey, 'key-b', { requests: 3, feedbackSum: 0.75, feedbackCount: 2 });
      expect(keys(await by('tier'))).toEqual(['light', 'mid', 'premium', null]);
      const days = await by('day');
      expect(days).toHaveLength(1);
      expectGroup(days, '2024-05-17', { requests: 6, errors: 1, latencyMsSum: 2100, cascadeRequests: 2, escalations: 1 });
      const hours = await by('hour');
      expect(keys(hours)).toEqual(['2024-05-17T12', '2024-05-17T13', '2024-05-17T14']);
      expect(hours.map((group) => group.requests)).toEqual([2, 2, 2]);
      const teams = await store.requests.aggregate({ ...ALL, groupBy: 'tag', tag: 'team' });
      expect(keys(teams)).toEqual(['blue', 'red']);
      expectGroup(teams, 'red', { requests: 2, premiumCostUsd: 0.05 });
    });

    it('counts exactly the requests of a range that cuts hours', async () => {
      const { store } = await setup();
      await seed(store);
      const tiers = await store.requests.aggregate({ from: at(0, 30), to: at(2, 40), groupBy: 'tier' });
      expect(keys(tiers)).toEqual(['mid', 'premium', null]);
      expectGroup(tiers, 'premium', { requests: 2, overkill: 1, cascadeRequests: 1, escalations: 1, feedbackSum: 0.75, feedbackCount: 2 });
      const inside = await store.requests.aggregate({ from: at(0, 0), to: at(0, 30), groupBy: 'model' });
      expect(keys(inside)).toEqual(['cheap']);
      const edges = await store.requests.aggregate({ from: at(0, 10), to: at(2, 45), groupBy: 'day' });
      expectGroup(edges, '2024-05-17', { requests: 5 });
      expect(await store.requests.aggregate({ from: at(3, 0), to: at(5, 0), groupBy: 'model' })).toEqual([]);
    });

    it('follows feedback replaced after the request was stored', async () => {
      const { store } = await setup();
      await seed(store);
      await store.outcomes.recordFeedback({ requestId: 'r1', score: 0.25, at: at(4, 0) });
      await store.outcomes.recordFeedback({ requestId: 'r4', score: 0.5, at: at(4, 0) });
      const [day] = await store.requests.aggregate({ ...ALL, groupBy: 'day' });
      expect(day?.feedbackCount).toBe(4);
      expect(day?.feedbackSum).toBeCloseTo(0.25 + 0 + 0.5 + 0.75, 10);
    });

    it('counts feedback that arrived before its request, whatever else is in the batch', async () => {
      const { store } = await setup();
      await store.outcomes.recordFeedback({ requestId: 'late-b', score: 0.5, at: at(0, 5) });
      await store.outcomes.recordFeedback({ requestId: 'never-stored', score: 1, at: at(0, 5) });
      await store.requests.append(['late-a', 'late-b', 'late-c'].map((requestId, index) => makeRecord({ requestId, receivedAt: at(0, 10 + index) })));
      const [day] = await store.requests.aggregate({ ...ALL, groupBy: 'day' });
      expect(day?.requests).toBe(3);
      expect(day?.feedbackCount).toBe(1);
      expect(day?.feedbackSum).toBeCloseTo(0.5, 10);
    });

    it('refuses groupBy tag without a tag name', async () => {
      const { store } = await setup();
      const failure = await store.requests.aggregate({ ...ALL, groupBy: 'tag' }).catch((error: unknown) => error);
      expect((failure as RungError).code).toBe('invalid_request');
    });

    it('purges whole hours before the cutoff, with their feedback and prompts', async () => {
      const { store } = await setup();
      await seed(store);
      await store.outcomes.recordFeedback({ requestId: 'never-stored', score: 1, at: NOON - HOUR });
      // 13:30 rounds down to 13:00: r1 and r2 go, r3 (13:20) stays.
      expect(await store.requests.purgeBefore(at(1, 30))).toBe(2);
      expect(await store.requests.get('r1')).toBeNull();
      expect((await store.requests.get('r3'))?.record.requestId).toBe('r3');
      expect(await store.outcomes.getFeedback('r2')).toBeNull();
      expect(await store.outcomes.getFeedback('never-stored')).toBeNull();
      expect((await store.outcomes.getFeedback('r5'))?.score).toBe(0.75);
      const [day] = await store.requests.aggregate({ ...ALL, groupBy: 'day' });
      expect(day?.requests).toBe(4);
      expect(day?.feedbackCount).toBe(1);
      expect((await store.requests.query({})).requests).toHaveLength(4);
    });
  });
}
