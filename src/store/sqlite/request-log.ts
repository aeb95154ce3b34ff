// The SQLite RequestLogStore. Each `append` is one transaction: the rows, their prompt texts and
// the rollup increments commit together or not at all, so the rollups always match the rows.
import { setImmediate as nextTurn } from 'node:timers/promises';
import { normalizeAppendItem } from '../append-item.ts';
import { metricInputOf, type MetricInput } from '../metrics.ts';
import { checkAggregateQuery, encodeCursor, normalizeRequestQuery } from '../query-input.ts';
import { floorHour } from '../time-buckets.ts';
import type { AggregateGroup, AggregateQuery, AppendItem, RequestLogStore, RequestPage, RequestQuery, StoredRequest } from '../types.ts';
import { SqliteAggregator } from './aggregate.ts';
import type { SqliteDatabase } from './database.ts';
import { decodeRequest, decodeTags, REQUEST_COLUMNS, requestRowValues, type RequestRowRead } from './request-row.ts';
import { RollupWriter } from './rollup.ts';

/** Requests deleted per purge transaction; the event loop gets a turn between them. */
const PURGE_CHUNK = 5_000;

const FILTER_COLUMNS = { policy: 'policy', model: 'final_deployment', keyId: 'key_id', tier: 'tier', status: 'status' } as const;

export class SqliteRequestLog implements RequestLogStore {
  private readonly rollups: RollupWriter;
  private readonly aggregator: SqliteAggregator;
  private readonly insertRequest;
  private readonly insertPrompt;
  private readonly feedbackScores;
  private readonly byRequestId;
  private readonly appendBatch;

  constructor(private readonly db: SqliteDatabase) {
    this.rollups = new RollupWriter(db);
    this.aggregator = new SqliteAggregator(db);
    // ON CONFLICT names the request id only: any other constraint failure still aborts the batch.
    // Positional parameters: binding 41 named ones from an object costs more per row.
    this.insertRequest = db.prepare(
      `INSERT INTO requests (${REQUEST_COLUMNS.join(', ')}) VALUES (${REQUEST_COLUMNS.map(() => '?').join(', ')})
       ON CONFLICT (request_id) DO NOTHING`,
    );
    this.insertPrompt = db.prepare('INSERT INTO request_prompts (request_row, text) VALUES (?, ?)');
    // One lookup per batch, not per row: feedback that arrives before its request is rare.
    this.feedbackScores = db.prepare('SELECT f.request_id, f.score FROM feedback f JOIN json_each(?) ids ON f.request_id = ids.value');
    this.byRequestId = db.prepare('SELECT * FROM requests WHERE request_id = ?');
    this.appendBatch = db.transaction((items: readonly AppendItem[]) => {
      const inputs: MetricInput[] = [];
      const normalizedItems = items.map(normalizeAppendItem);
      const earlyFeedback = new Map<string, number>();
      const ids = JSON.stringify(normalizedItems.map((normalized) => normalized.record.requestId));
      for (const row of this.feedbackScores.all(ids) as { request_id: string; score: number }[]) earlyFeedback.set(row.request_id, row.score);
      for (const normalized of normalizedItems) {
        const inserted = this.insertRequest.run(requestRowValues(normalized));
        if (inserted.changes === 0) continue;
        if (normalized.promptText !== null) this.insertPrompt.run(Number(inserted.lastInsertRowid), normalized.promptText);
        // Feedback that arrived before the request (it was still in the writer's buffer) counts now.
        inputs.push(metricInputOf(normalized.record, normalized.premiumCostUsd, normalized.tags, earlyFeedback.get(normalized.record.requestId) ?? null));
      }
      this.rollups.add(inputs);
    });
  }

  async append(items: readonly AppendItem[]): Promise<void> {
    if (items.length === 0) return;
    this.appendBatch.immediate(items);
  }

  async get(requestId: string): Promise<StoredRequest | null> {
    const row = this.byRequestId.get(requestId) as RequestRowRead | undefined;
    return row === undefined ? null : storedOf(row);
  }

  async query(query: RequestQuery): Promise<RequestPage> {
    const { from, to, limit, after, filters } = normalizeRequestQuery(query);
    const conditions = ['received_at >= @from', 'received_at < @to'];
    const parameters: Record<string, string | number> = { from, to, limit: limit + 1 };
    for (const [name, column] of Object.entries(FILTER_COLUMNS)) {
      const value = filters[name as keyof typeof FILTER_COLUMNS];
      if (value === undefined) continue;
      conditions.push(`${column} = @${name}`);
      parameters[name] = value;
    }
    if (after !== null) {
      conditions.push('(received_at < @afterTime OR (received_at = @afterTime AND id < @afterId))');
      parameters.afterTime = after.receivedAt;
      parameters.afterId = after.sequence;
    }
    // Only a handful of shapes exist (filters present or not), and better-sqlite3 caches nothing,
    // so preparing per call costs microseconds against the page read.
    const rows = this.db
      .prepare(`SELECT * FROM requests WHERE ${conditions.join(' AND ')} ORDER BY received_at DESC, id DESC LIMIT @limit`)
      .all(parameters) as RequestRowRead[];
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    const nextCursor = rows.length > limit && last !== undefined ? encodeCursor({ receivedAt: last.received_at, sequence: last.id }) : null;
    return { requests: page.map(storedOf), nextCursor };
  }

  async aggregate(query: AggregateQuery): Promise<AggregateGroup[]> {
    checkAggregateQuery(query);
    return this.aggregator.aggregate(query);
  }

  async purgeBefore(cutoffMs: number): Promise<number> {
    const cutoff = floorHour(cutoffMs);
    const chunk = this.db.transaction(() => {
      // The same ordered subquery names the same rows in all three statements of the transaction.
      const victims = 'SELECT id FROM requests WHERE received_at < @cutoff ORDER BY received_at, id LIMIT @chunk';
      const parameters = { cutoff, chunk: PURGE_CHUNK };
      this.db.prepare(`DELETE FROM feedback WHERE request_id IN (SELECT request_id FROM requests WHERE id IN (${victims}))`).run(parameters);
      this.db.prepare(`DELETE FROM request_prompts WHERE request_row IN (${victims})`).run(parameters);
      return this.db.prepare(`DELETE FROM requests WHERE id IN (${victims})`).run(parameters).changes;
    });
    let deleted = 0;
    for (;;) {
      const changes = chunk.immediate();
      deleted += changes;
      if (changes < PURGE_CHUNK) break;
      await nextTurn();
    }
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM request_rollup WHERE hour < ?').run(cutoff);
      // Feedback whose request never arrived goes by its own time.
      this.db
        .prepare('DELETE FROM feedback WHERE at < ? AND NOT EXISTS (SELECT 1 FROM requests r WHERE r.request_id = feedback.request_id)')
        .run(cutoff);
    }).immediate();
    return deleted;
  }
}

function storedOf(row: RequestRowRead): StoredRequest {
  return { record: decodeRequest(row), premiumCostUsd: row.premium_cost_usd, tags: decodeTags(row.tags) };
}
