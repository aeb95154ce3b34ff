// The commands that read a SQLite store file (report, ab, models, drift). Opening a path that does
// not exist would silently create an empty store and report on nothing, so a missing file is a
// usage error; and the store is closed however the command's work ends.
import { existsSync } from 'node:fs';
import { openSqliteStore, type SqliteStore } from '../store/sqlite/open-sqlite-store.ts';
import { UsageError } from './command-error.ts';

/** Exit 2 with `no database at PATH` unless the store file exists. */
export function requireDatabase(path: string): void {
  if (!existsSync(path)) throw new UsageError(`no database at ${path}`);
}

/** Opens the store at `path`, runs `use`, and closes the store afterwards, also when `use` throws. */
export async function withStore<T>(path: string, use: (store: SqliteStore) => Promise<T>): Promise<T> {
  const store = await openSqliteStore({ path });
  try {
    return await use(store);
  } finally {
    await store.close();
  }
}
