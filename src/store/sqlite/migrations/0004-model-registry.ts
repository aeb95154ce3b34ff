// v4: scorer model versions, their promotions and rollbacks, and the evaluation history.
import type { Migration } from './migration.ts';

export const modelRegistryMigration: Migration = {
  version: 4,
  name: 'model registry and eval history',
  up(db) {
    db.exec(`
      CREATE TABLE model_versions (
        seq INTEGER PRIMARY KEY,
        version TEXT NOT NULL UNIQUE,
        dir TEXT NOT NULL,
        manifest_sha TEXT NOT NULL,
        metrics TEXT NOT NULL,
        created_at INTEGER NOT NULL
      );
      CREATE TABLE model_activations (
        seq INTEGER PRIMARY KEY,
        version TEXT NOT NULL,
        previous TEXT,
        kind TEXT NOT NULL,
        at INTEGER NOT NULL
      );
      CREATE TABLE eval_runs (
        seq INTEGER PRIMARY KEY,
        at INTEGER NOT NULL,
        model_version TEXT NOT NULL,
        dataset TEXT NOT NULL,
        apgr REAL,
        auc REAL,
        cpt50 REAL,
        cpt80 REAL,
        accepted INTEGER NOT NULL,
        notes TEXT NOT NULL
      );
      CREATE INDEX eval_runs_by_time ON eval_runs (at, seq);
    `);
  },
};
