// Brings a database to the current schema: reads `schema_migrations`, runs each missing step in
// order, each in one transaction with its bookkeeping row, so a crash mid-upgrade leaves the file
// at the last completed step and the next open resumes from there.
import { RungError } from '../../errors/rung-error.ts';
import type { SqliteDatabase } from './database.ts';
import { LATEST_SCHEMA_VERSION, MIGRATIONS, type Migration } from './migrations/index.ts';

export function schemaVersion(db: SqliteDatabase): number {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)');
  const row = db.prepare('SELECT MAX(version) AS version FROM schema_migrations').get() as { version: number | null };
  return row.version ?? 0;
}

/**
 * Applies the steps after the database's version, up to `target` (default: the latest).
 * Refuses a database written by a newer Rung rather than guess at its schema.
 */
export function migrate(db: SqliteDatabase, options: { target?: number; now?: number; migrations?: readonly Migration[] } = {}): number {
  const migrations = options.migrations ?? MIGRATIONS;
  const latest = options.migrations === undefined ? LATEST_SCHEMA_VERSION : migrations.length;
  const target = options.target ?? latest;
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) throw new RungError('internal_error', `store: migration ${migration.name} has version ${migration.version}, expected ${index + 1}`);
  });
  const current = schemaVersion(db);
  if (current > latest) {
    throw new RungError('internal_error', `store: the database is at schema version ${current}, newer than this Rung knows (${latest}); upgrade Rung or use another file`);
  }
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  for (const migration of migrations) {
    if (migration.version <= current || migration.version > target) continue;
    db.transaction(() => {
      migration.up(db);
      record.run(migration.version, migration.name, options.now ?? Date.now());
    }).immediate();
  }
  return schemaVersion(db);
}
