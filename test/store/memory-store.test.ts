import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/resilience/clock.ts';
import { createMemoryStore } from '../../src/store/memory/create-memory-store.ts';
import { makeRecord, NOON } from './fixtures/records.ts';
import { runStoreContract } from './store-contract.ts';

runStoreContract('memory', ({ clock }) => createMemoryStore({ clock }));

describe('memory store', () => {
  it('keeps at most maxRequests, dropping the oldest appended with their feedback', async () => {
    const store = createMemoryStore({ clock: new ManualClock(NOON), maxRequests: 2 });
    await store.outcomes.recordFeedback({ requestId: 'a', score: 1, at: NOON });
    await store.requests.append(['a', 'b', 'c'].map((requestId) => makeRecord({ requestId })));
    expect(await store.requests.get('a')).toBeNull();
    expect(await store.outcomes.getFeedback('a')).toBeNull();
    expect((await store.requests.query({})).requests.map((request) => request.record.requestId)).toEqual(['c', 'b']);
    await store.close();
  });
});
