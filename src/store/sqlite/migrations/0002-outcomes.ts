// v2: feedback and the scorer's text of each request (for retraining).
//
// Feedback is keyed by request id, not row id, because it may arrive before the batched writer has
// stored the request. Prompt texts live apart from `requests` so scans of the log stay small.
import type { Migration } from './migration.ts';

export const outcomesMigration: Migration = {
  version: 2,
  name: 'outcomes',
  up(db) {
    db.exec(`
      CREATE TABLE feedback (
        request_id TEXT PRIMARY KEY,
        score REAL NOT NULL,
        comment TEXT,
        at INTEGER NOT NULL
      );
      CREATE TABLE request_prompts (
        request_row INTEGER PRIMARY KEY,
        text TEXT NOT NULL
      );
      CREATE INDEX requests_with_cascade ON requests (received_at) WHERE cascade_outcome IS NOT NULL;
    `);
  },
};
