// The in-memory RequestLogStore: computes everything from the stored records at query time.
import { copyRecord } from '../../records/copy-record.ts';
import { normalizeAppendItem } from '../append-item.ts';
import { addToTotals, GroupAccumulator, groupKeyOf, metricInputOf } from '../metrics.ts';
import { checkAggregateQuery, encodeCursor, isAfter, normalizeRequestQuery } from '../query-input.ts';
import { floorHour } from '../time-buckets.ts';
import type { AggregateGroup, AggregateQuery, AppendItem, RequestFilters, RequestLogStore, RequestPage, RequestQuery, StoredRequest } from '../types.ts';
import type { MemoryEntry, MemoryState } from './memory-state.ts';

export class MemoryRequestLog implements RequestLogStore {
  constructor(private readonly state: MemoryState) {}

  async append(items: readonly AppendItem[]): Promise<void> {
    // Normalise all first so a bad item leaves nothing half-appended.
    // Copies, so later changes to the caller's objects do not reach the store (as with a database).
    const normalized = items.map((item) => {
      const { record, promptText, tags, premiumCostUsd } = normalizeAppendItem(item);
      return { record: copyRecord(record), promptText, tags: { ...tags }, premiumCostUsd };
    });
    for (const item of normalized) this.state.add(item);
  }

  async get(requestId: string): Promise<StoredRequest | null> {
    const entry = this.state.requests.get(requestId);
    return entry === undefined ? null : stored(entry);
  }

  async query(query: RequestQuery): Promise<RequestPage> {
    const { from, to, limit, after, filters } = normalizeRequestQuery(query);
    const matching = [...this.state.requests.values()]
      .filter((entry) => {
        const { receivedAt } = entry.record;
        return receivedAt >= from && receivedAt < to && matches(entry, filters) && isAfter(receivedAt, entry.sequence, after);
      })
      .sort((a, b) => b.record.receivedAt - a.record.receivedAt || b.sequence - a.sequence);
    const page = matching.slice(0, limit);
    const last = page.at(-1);
    const nextCursor = matching.length > limit && last !== undefined ? encodeCursor({ receivedAt: last.record.receivedAt, sequence: last.sequence }) : null;
    return { requests: page.map(stored), nextCursor };
  }

  async aggregate(query: AggregateQuery): Promise<AggregateGroup[]> {
    checkAggregateQuery(query);
    const groups = new GroupAccumulator();
    for (const entry of this.state.requests.values()) {
      const { receivedAt } = entry.record;
      if (receivedAt < query.from || receivedAt >= query.to) continue;
      const input = metricInputOf(entry.record, entry.premiumCostUsd, entry.tags, this.state.feedback.get(entry.record.requestId)?.score ?? null);
      const key = groupKeyOf(input, query.groupBy, query.tag);
      if (key !== undefined) addToTotals(groups.totalsFor(key), input);
    }
    return groups.finish();
  }

  async purgeBefore(cutoffMs: number): Promise<number> {
    const cutoff = floorHour(cutoffMs);
    let deleted = 0;
    for (const [requestId, entry] of this.state.requests) {
      if (entry.record.receivedAt >= cutoff) continue;
      this.state.requests.delete(requestId);
      this.state.feedback.delete(requestId);
      deleted++;
    }
    // Feedback whose request never arrived goes by its own time.
    for (const [requestId, feedback] of this.state.feedback) {
      if (feedback.at < cutoff && !this.state.requests.has(requestId)) this.state.feedback.delete(requestId);
    }
    return deleted;
  }
}

function matches(entry: MemoryEntry, filters: RequestFilters): boolean {
  const { record } = entry;
  return (
    (filters.policy === undefined || record.policy === filters.policy) &&
    (filters.model === undefined || record.finalDeployment === filters.model) &&
    (filters.keyId === undefined || record.keyId === filters.keyId) &&
    (filters.tier === undefined || record.tier === filters.tier) &&
    (filters.status === undefined || record.status === filters.status)
  );
}

function stored(entry: MemoryEntry): StoredRequest {
  return structuredClone({ record: entry.record, premiumCostUsd: entry.premiumCostUsd, tags: entry.tags });
}
