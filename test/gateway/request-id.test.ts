// Request ids are UUIDv7-shaped hex: the receive time first, so the request log's unique index on
// them grows at its end (src/gateway/request-id.ts), with enough randomness to stay unique.
import { describe, expect, it } from 'vitest';
import { newRequestId } from '../../src/gateway/request-id.ts';

const V7_HEX = /^[0-9a-f]{12}7[0-9a-f]{3}[89ab][0-9a-f]{15}$/;

describe('newRequestId', () => {
  it('is 32 hex characters in the UUIDv7 layout, led by the receive time in ms', () => {
    const at = Date.UTC(2026, 10, 25, 12, 0, 0, 123);
    const id = newRequestId(at);
    expect(id).toMatch(V7_HEX);
    expect(Number.parseInt(id.slice(0, 12), 16)).toBe(at);
  });

  it('sorts by receive time across milliseconds', () => {
    const times = Array.from({ length: 200 }, (_, i) => 1_700_000_000_000 + i * 7);
    const ids = times.map((time) => newRequestId(time));
    expect([...ids].sort()).toEqual(ids);
  });

  it('stays unique within one millisecond, past the random pool refills, with every variant nibble', () => {
    const ids = Array.from({ length: 20_000 }, () => newRequestId(1_700_000_000_000));
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(V7_HEX);
    expect(new Set(ids.map((id) => id[16]))).toEqual(new Set(['8', '9', 'a', 'b']));
  });
});
