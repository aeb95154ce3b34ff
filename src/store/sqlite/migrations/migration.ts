// One step of the schema. Steps are append-only: a released step is never edited, a change is a
// new step. Each runs in its own transaction together with its row in `schema_migrations`.
import type { SqliteDatabase } from '../database.ts';

export interface Migration {
  version: number;
  name: string;
  up(db: SqliteDatabase): void;
}
