// RequestLogStore: append/get round trips, duplicates, paging and filters.
import { describe, expect, it } from 'vitest';
import { RungError } from '../../../src/errors/rung-error.ts';
import type { RequestRecord } from '../../../src/records/request-record.ts';
import type { StoredRequest } from '../../../src/store/types.ts';
import { makeRecord, MINUTE, NOON, richRecord } from '../fixtures/records.ts';
import type { Setup } from '../store-contract.ts';

const ids = (requests: StoredRequest[]) => requests.map((request) => request.record.requestId);

export function requestLogContract(setup: Setup): void {
  describe('request log', () => {
    it('gives back every field of an appended record, with its extras', async () => {
      const { store } = await setup();
      const plain = makeRecord({ requestId: 'plain', usage: null, costUsd: 0, referenceCostUsd: 0, costDeltaUsd: 0, score: null, scorer: null, tier: null });
      const rich = richRecord('rich');
      await store.requests.append([plain, { record: rich, tags: { team: 'red', 'cost.centre': '42' }, premiumCostUsd: 0.05, promptText: 'why?' }]);
      expect(await store.requests.get('plain')).toStrictEqual({ record: plain, premiumCostUsd: 0, tags: {} });
      const stored = await store.requests.get('rich');
      expect(stored?.record).toEqual(rich);
      expect(stored?.record.attempts).toHaveLength(4);
      // Optional fields stay absent rather than coming back as undefined or null.
      expect(Object.keys(stored?.record.attempts[0] ?? {}).sort()).toEqual(Object.keys(rich.attempts[0] ?? {}).sort());
      expect(Object.hasOwn(stored?.record.attempts[2] ?? {}, 'errorClass')).toBe(false);
      expect(Object.hasOwn(stored?.record.cascade?.steps[0]?.verdicts[1] ?? {}, 'reason')).toBe(false);
      expect(stored?.premiumCostUsd).toBe(0.05);
      expect(stored?.tags).toEqual({ team: 'red', 'cost.centre': '42' });
      expect(await store.requests.get('nobody')).toBeNull();
    });

    it('stores a copy: changing the record afterwards changes nothing stored', async () => {
      const { store } = await setup();
      const record = makeRecord({ requestId: 'r1' });
      await store.requests.append([record]);
      record.costUsd = 99;
      record.attempts.push({ ...record.attempts[0]!, try: 2 });
      const stored = await store.requests.get('r1');
      expect(stored?.record.costUsd).toBe(0.001);
      expect(stored?.record.attempts).toHaveLength(1);
    });

    it('keeps the first write of a request id, within a batch and across batches', async () => {
      const { store } = await setup();
      await store.requests.append([makeRecord({ requestId: 'dup', costUsd: 1 }), makeRecord({ requestId: 'dup', costUsd: 2 })]);
      await store.requests.append([makeRecord({ requestId: 'dup', costUsd: 3 }), makeRecord({ requestId: 'other' })]);
      expect((await store.requests.get('dup'))?.record.costUsd).toBe(1);
      expect((await store.requests.get('other'))?.record.requestId).toBe('other');
      const page = await store.requests.query({});
      expect(ids(page.requests).sort()).toEqual(['dup', 'other']);
      const [all] = await store.requests.aggregate({ from: 0, to: NOON + MINUTE, groupBy: 'day' });
      expect(all?.requests).toBe(2);
    });

    it('pages newest first, later appends first on equal times, to the last page', async () => {
      const { store } = await setup();
      const times: [string, number][] = [['a', 0], ['b', 2], ['c', 1], ['d', 2], ['e', 3], ['f', 2], ['g', 5]];
      await store.requests.append(times.slice(0, 4).map(([id, minute]) => makeRecord({ requestId: id, receivedAt: NOON + minute * MINUTE })));
      await store.requests.append(times.slice(4).map(([id, minute]) => makeRecord({ requestId: id, receivedAt: NOON + minute * MINUTE })));
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const page = await store.requests.query({ limit: 2, cursor });
        seen.push(...ids(page.requests));
        cursor = page.nextCursor;
        pages++;
      } while (cursor !== null && pages < 10);
      expect(seen).toEqual(['g', 'e', 'f', 'd', 'b', 'c', 'a']);
      expect(pages).toBe(4);
      const exact = await store.requests.query({ limit: 7 });
      expect(exact.nextCursor).toBeNull();
    });

    it('takes from inclusive and to exclusive', async () => {
      const { store } = await setup();
      await store.requests.append([0, 1, 2, 3].map((minute) => makeRecord({ requestId: `m${minute}`, receivedAt: NOON + minute * MINUTE })));
      const page = await store.requests.query({ from: NOON + MINUTE, to: NOON + 3 * MINUTE });
      expect(ids(page.requests)).toEqual(['m2', 'm1']);
    });

    it('filters by policy, serving model, key, tier and status, together', async () => {
      const { store } = await setup();
      const records: RequestRecord[] = [
        makeRecord({ requestId: 'p1', policy: 'auto', keyId: 'k1', receivedAt: NOON + 1 }),
        makeRecord({ requestId: 'p2', policy: 'fast', keyId: 'k1', receivedAt: NOON + 2 }),
        makeRecord({ requestId: 'p3', policy: 'auto', keyId: 'k2', finalDeployment: 'strong', tier: 'premium', receivedAt: NOON + 3 }),
        makeRecord({ requestId: 'p4', policy: 'auto', keyId: 'k1', status: 'error', httpStatus: 502, finalDeployment: null, tier: null, receivedAt: NOON + 4 }),
      ];
      await store.requests.append(records);
      const find = async (filters: Parameters<typeof store.requests.query>[0]['filters']) => ids((await store.requests.query({ filters })).requests);
      expect(await find({ policy: 'auto' })).toEqual(['p4', 'p3', 'p1']);
      expect(await find({ model: 'strong' })).toEqual(['p3']);
      expect(await find({ keyId: 'k1' })).toEqual(['p4', 'p2', 'p1']);
      expect(await find({ tier: 'light' })).toEqual(['p2', 'p1']);
      expect(await find({ status: 'error' })).toEqual(['p4']);
      expect(await find({ policy: 'auto', keyId: 'k1', status: 'ok' })).toEqual(['p1']);
    });

    it('refuses a bad limit or cursor as an invalid request', async () => {
      const { store } = await setup();
      for (const query of [{ limit: 0 }, { limit: 1.5 }, { limit: 1_001 }, { cursor: 'not-a-cursor' }, { from: Number.NaN }]) {
        const failure = await store.requests.query(query).catch((error: unknown) => error);
        expect(failure).toBeInstanceOf(RungError);
        expect((failure as RungError).code).toBe('invalid_request');
      }
    });
  });
}
