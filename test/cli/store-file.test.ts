// A missing store file is a usage error, not a new empty store; the store is closed however the
// work ends.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { UsageError } from '../../src/cli/command-error.ts';
import { requireDatabase, withStore } from '../../src/cli/store-file.ts';
import type { SqliteStore } from '../../src/store/sqlite/open-sqlite-store.ts';

const folder = mkdtempSync(join(tmpdir(), 'rung-cli-store-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('requireDatabase', () => {
  it('throws `no database at PATH` (exit 2, no usage) for a missing file, and creates nothing', () => {
    const path = join(folder, 'missing.db');
    expect(() => requireDatabase(path)).toThrow(new UsageError(`no database at ${path}`));
    expect(existsSync(path)).toBe(false);
  });

  it('accepts an existing file', async () => {
    const path = join(folder, 'present.db');
    await withStore(path, () => Promise.resolve());
    expect(() => requireDatabase(path)).not.toThrow();
  });
});

describe('withStore', () => {
  it('returns what the work returns and closes the store', async () => {
    let opened: SqliteStore | undefined;
    const result = await withStore(join(folder, 'a.db'), (store) => {
      opened = store;
      return Promise.resolve(store.database.open);
    });
    expect(result).toBe(true);
    expect(opened?.database.open).toBe(false);
  });

  it('closes the store when the work throws, and passes the error on', async () => {
    let opened: SqliteStore | undefined;
    const failure = new Error('report failed');
    await expect(
      withStore(join(folder, 'b.db'), (store) => {
        opened = store;
        return Promise.reject(failure);
      }),
    ).rejects.toBe(failure);
    expect(opened?.database.open).toBe(false);
  });
});
