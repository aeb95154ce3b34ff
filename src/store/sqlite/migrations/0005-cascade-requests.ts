// v5: `request_rollup.cascade_requests`, the requests that ran a cascade (whatever its outcome): the
// denominator of the escalation rate. v1 counted `escalations` but not the cascades they are a
// share of, so the rate could only be taken over all requests.
//
// The backfill recounts the column from the stored requests. Each request with a cascade outcome
// adds 1 to the rollup rows `rollupKeysOf` names for it, read through `metricInputOfRow` and
// counted with `isCascade`: the same code the writer (rollup.ts, metrics.ts) uses, so a backfilled
// row holds exactly what the writer would have written had it counted cascades from the start.
// Reusing live code in a released step is deliberate: should the rollup keys ever change, that
// change needs its own step to rebuild the rows anyway, and this one only updates rows that exist.
//
// Hours whose requests were already purged by retention cannot be backfilled: their requests are
// gone. Today a purge drops an hour's rollup rows together with its requests, so such rows only
// remain after a purge interrupted between the two (the next purge removes them) or after rows were
// deleted by hand. Those rows get their own `escalations` as `cascade_requests`: every escalation
// was a cascade request, so it is a true lower bound, and it keeps escalations <= cascade requests
// (a rate of at most 1) in every range; the escalation rate over such hours reads too high.
import { isCascade } from '../../metrics.ts';
import { floorHour } from '../../time-buckets.ts';
import { METRIC_SELECT, metricInputOfRow, type MetricRow } from '../metric-row.ts';
import { rollupKeysOf, type RollupKey } from '../rollup.ts';
import type { Migration } from './migration.ts';

interface Cell {
  hour: number;
  key: RollupKey;
  count: number;
}

export const cascadeRequestsMigration: Migration = {
  version: 5,
  name: 'cascade requests in rollups',
  up(db) {
    db.exec(`
      ALTER TABLE request_rollup ADD COLUMN cascade_requests INTEGER NOT NULL DEFAULT 0;
      UPDATE request_rollup SET cascade_requests = escalations;
    `);
    // Counted in memory first: better-sqlite3 runs no other statement while an iterator is open,
    // and there are far fewer rollup cells (hours × dimension values) than requests.
    const cells = new Map<string, Cell>();
    const cascades = db.prepare(
      `SELECT ${METRIC_SELECT} FROM requests r LEFT JOIN feedback f ON f.request_id = r.request_id WHERE r.cascade_outcome IS NOT NULL`,
    );
    for (const row of cascades.iterate() as IterableIterator<MetricRow>) {
      const input = metricInputOfRow(row);
      if (!isCascade(input)) continue;
      const hour = floorHour(input.receivedAt);
      for (const key of rollupKeysOf(input)) {
        const name = `${key.kind}\u0000${hour}\u0000${key.value}`;
        const cell = cells.get(name);
        if (cell === undefined) cells.set(name, { hour, key, count: 1 });
        else cell.count += 1;
      }
    }
    // MAX: in a whole hour the count is never below the escalations it contains; in an hour that
    // lost requests to a purge the lower bound set above may be the better figure.
    const update = db.prepare('UPDATE request_rollup SET cascade_requests = MAX(?, escalations) WHERE kind = ? AND hour = ? AND value = ?');
    for (const { hour, key, count } of cells.values()) update.run(count, key.kind, hour, key.value);
  },
};
