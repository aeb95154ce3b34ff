// A `kill -9` of a process writing through the BatchingRecordSink: the file must open cleanly and
// hold every committed batch, whole, in order; only records written since the last flush may be lost.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/store/sqlite/open-sqlite-store.ts';
import { tempFolder } from './fixtures/records.ts';

const folder = tempFolder('rung-crash-');
afterAll(() => folder.remove());

const WRITER = fileURLToPath(new URL('./fixtures/crash-writer.ts', import.meta.url));
const REPOSITORY = fileURLToPath(new URL('../..', import.meta.url));
const MAX_BATCH = 50;
const PER_TURN = 7;
const KILL_AFTER_COMMITTED = 2_000;

describe('BatchingRecordSink under kill -9', () => {
  it('leaves a database that opens cleanly with every committed batch and no partial one', async () => {
    const path = folder.file('crash.db');
    const child = spawn(process.execPath, ['--import', 'tsx', WRITER, path, String(MAX_BATCH), String(PER_TURN)], {
      cwd: REPOSITORY,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    let written = 0;
    let committed = 0;
    const exited = once(child, 'exit');
    for await (const line of createInterface({ input: child.stdout })) {
      const [what, count] = line.split(' ');
      if (what === 'written') written = Number(count);
      if (what === 'committed') committed = Number(count);
      if (committed >= KILL_AFTER_COMMITTED) {
        child.kill('SIGKILL');
        break;
      }
    }
    const [code, signal] = (await exited) as [number | null, NodeJS.Signals | null];
    expect(stderr).toBe('');
    expect({ code, signal }).toEqual({ code: null, signal: 'SIGKILL' });
    expect(written).toBeGreaterThanOrEqual(committed);

    const store = await openSqliteStore({ path });
    const db = store.database;
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    const rows = (db.prepare('SELECT COUNT(*) AS n FROM requests').get() as { n: number }).n;
    // Nothing reported committed is lost, and at most what was buffered since the last flush is.
    expect(rows).toBeGreaterThanOrEqual(committed);
    expect(rows).toBeGreaterThanOrEqual(written - (MAX_BATCH + PER_TURN));
    // Whole batches only, in write order, each with its prompts and its rollup increments.
    expect(rows % MAX_BATCH).toBe(0);
    const ids = db.prepare('SELECT request_id FROM requests ORDER BY id').pluck().all() as string[];
    expect(ids).toEqual(Array.from({ length: rows }, (_, index) => `rec-${String(index).padStart(7, '0')}`));
    expect((db.prepare('SELECT COUNT(*) AS n FROM request_prompts').get() as { n: number }).n).toBe(rows);
    expect((db.prepare("SELECT SUM(requests) AS n FROM request_rollup WHERE kind = 'all'").get() as { n: number }).n).toBe(rows);
    expect((db.prepare("SELECT SUM(requests) AS n FROM request_rollup WHERE kind = 'tag:batch'").get() as { n: number }).n).toBe(rows);
    await store.close();
  });
});
