import { describe, expect, it } from 'vitest';
import { periodWindow } from '../../src/budgets/period.ts';

const iso = (ms: number) => new Date(ms).toISOString();

describe('periodWindow', () => {
  it('names the UTC day and bounds it', () => {
    const window = periodWindow('day', Date.UTC(2024, 4, 17, 23, 59, 59, 999));
    expect(window.key).toBe('day:2024-05-17');
    expect(iso(window.startMs)).toBe('2024-05-17T00:00:00.000Z');
    expect(iso(window.endMs)).toBe('2024-05-18T00:00:00.000Z');
  });

  it('starts the next day at the first millisecond after midnight UTC', () => {
    expect(periodWindow('day', Date.UTC(2024, 4, 18)).key).toBe('day:2024-05-18');
  });

  it('names the UTC month and bounds it, across a year end', () => {
    const window = periodWindow('month', Date.UTC(2024, 11, 31, 23, 59));
    expect(window.key).toBe('month:2024-12');
    expect(iso(window.startMs)).toBe('2024-12-01T00:00:00.000Z');
    expect(iso(window.endMs)).toBe('2025-01-01T00:00:00.000Z');
    expect(periodWindow('month', window.endMs).key).toBe('month:2025-01');
  });

  it('rolls days over month ends, leap days included', () => {
    const leap = periodWindow('day', Date.UTC(2024, 1, 29, 8));
    expect(leap.key).toBe('day:2024-02-29');
    expect(iso(leap.endMs)).toBe('2024-03-01T00:00:00.000Z');
    expect(iso(periodWindow('month', Date.UTC(2023, 1, 10)).endMs)).toBe('2023-03-01T00:00:00.000Z');
  });

  it('ignores the local time zone', () => {
    // 23:30 UTC is already the next day in UTC+1 zones; the key must still be the UTC date.
    expect(periodWindow('day', Date.UTC(2024, 4, 17, 23, 30)).key).toBe('day:2024-05-17');
  });
});
