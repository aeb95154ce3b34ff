// Opening the SQLite file with the settings every part of the store relies on.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { RungError } from '../../errors/rung-error.ts';

export type SqliteDatabase = Database.Database;

export const IN_MEMORY_PATH = ':memory:';

/**
 * WAL lets readers (a dashboard, the CLI) run while the gateway writes. `synchronous = NORMAL`
 * in WAL mode keeps every committed transaction across a process crash (kill -9); only an OS
 * crash or power loss may lose the last few commits, never corrupt the file.
 */
export function openDatabase(path: string): SqliteDatabase {
  try {
    if (path !== IN_MEMORY_PATH) mkdirSync(dirname(path), { recursive: true });
    const db = new Database(path);
    if (path !== IN_MEMORY_PATH) {
      const mode = db.pragma('journal_mode = WAL', { simple: true });
      if (mode !== 'wal') throw new Error(`journal_mode is ${String(mode)}, not wal`);
    }
    db.pragma('synchronous = NORMAL');
    // Another process holding the write lock (a CLI purge, a second reader) is waited for.
    db.pragma('busy_timeout = 5000');
    return db;
  } catch (error) {
    throw new RungError('internal_error', `store: cannot open the SQLite database at ${path}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}
