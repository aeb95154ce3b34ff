// v1: the request log and its hourly rollups.
//
// `requests` holds one row per request. Nested lists are compact JSON arrays without key names
// (see request-row.ts), so a typical row stays a few hundred bytes. `id` (the row id) is the
// append order and breaks ties between equal `received_at` for paging.
//
// `request_rollup` holds the aggregate metrics per UTC hour and per grouping dimension (`kind`:
// all, model, policy, key, tier, tag:<name>; `value`: the dimension's value, '' for none). A
// 30-day aggregate reads at most 720 rows per value instead of every request (see aggregate.ts).
import type { Migration } from './migration.ts';

export const requestLogMigration: Migration = {
  version: 1,
  name: 'request log',
  up(db) {
    db.exec(`
      CREATE TABLE requests (
        id INTEGER PRIMARY KEY,
        request_id TEXT NOT NULL,
        received_at INTEGER NOT NULL,
        key_id TEXT,
        workspace TEXT,
        department TEXT,
        agent TEXT,
        requested TEXT NOT NULL,
        route_kind TEXT NOT NULL,
        policy TEXT,
        strategy TEXT NOT NULL,
        reason TEXT NOT NULL,
        control TEXT,
        rule TEXT,
        project TEXT,
        score REAL,
        scorer TEXT,
        task_class TEXT,
        tier TEXT,
        stream INTEGER NOT NULL,
        attempts TEXT NOT NULL,
        final_deployment TEXT,
        final_provider TEXT,
        final_model TEXT,
        status TEXT NOT NULL,
        http_status INTEGER NOT NULL,
        error_code TEXT,
        prompt_tokens INTEGER,
        completion_tokens INTEGER,
        total_tokens INTEGER,
        cost_usd REAL NOT NULL,
        reference_deployment TEXT,
        reference_cost_usd REAL NOT NULL,
        cost_delta_usd REAL NOT NULL,
        premium_cost_usd REAL NOT NULL,
        latency_ms REAL NOT NULL,
        fallback_latency_ms REAL NOT NULL,
        fallback INTEGER NOT NULL,
        cascade_outcome TEXT,
        cascade TEXT,
        experiment TEXT,
        tags TEXT
      );
      CREATE UNIQUE INDEX requests_by_request_id ON requests (request_id);
      CREATE INDEX requests_by_time ON requests (received_at);
      CREATE INDEX requests_by_key ON requests (key_id, received_at);
      CREATE INDEX requests_by_policy ON requests (policy, received_at);
      CREATE INDEX requests_by_model ON requests (final_deployment, received_at);
      CREATE INDEX requests_failed ON requests (received_at) WHERE status <> 'ok';

      CREATE TABLE request_rollup (
        kind TEXT NOT NULL,
        hour INTEGER NOT NULL,
        value TEXT NOT NULL,
        requests INTEGER NOT NULL,
        errors INTEGER NOT NULL,
        cost_usd REAL NOT NULL,
        reference_cost_usd REAL NOT NULL,
        premium_cost_usd REAL NOT NULL,
        fallback_count INTEGER NOT NULL,
        fallback_success_count INTEGER NOT NULL,
        fallback_latency_ms_sum REAL NOT NULL,
        latency_ms_sum REAL NOT NULL,
        strong_tier_count INTEGER NOT NULL,
        escalations INTEGER NOT NULL,
        overkill INTEGER NOT NULL,
        cost_routed INTEGER NOT NULL,
        feedback_sum REAL NOT NULL,
        feedback_count INTEGER NOT NULL,
        PRIMARY KEY (kind, hour, value)
      ) WITHOUT ROWID;
    `);
  },
};
