// The SQLite ModelRegistryStore and EvalHistoryStore.
import type { Clock } from '../../resilience/clock.ts';
import { checkEvalLimit, checkModelVersion, duplicateVersion, nextActivation, unknownVersion } from '../model-rules.ts';
import type { EvalHistoryStore, EvalRun, ModelActivation, ModelRegistryStore, ModelVersion, ModelVersionInput } from '../types.ts';
import type { SqliteDatabase } from './database.ts';

interface VersionRow {
  version: string;
  dir: string;
  manifest_sha: string;
  metrics: string;
  created_at: number;
}

interface EvalRow {
  at: number;
  model_version: string;
  dataset: string;
  apgr: number | null;
  auc: number | null;
  cpt50: number | null;
  cpt80: number | null;
  accepted: number;
  notes: string;
}

export class SqliteModelRegistry implements ModelRegistryStore {
  private readonly statements;
  private readonly activate;

  constructor(db: SqliteDatabase, private readonly clock: Clock) {
    const s = {
      insert: db.prepare('INSERT INTO model_versions (version, dir, manifest_sha, metrics, created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (version) DO NOTHING'),
      list: db.prepare('SELECT version, dir, manifest_sha, metrics, created_at FROM model_versions ORDER BY seq'),
      one: db.prepare('SELECT version, dir, manifest_sha, metrics, created_at FROM model_versions WHERE version = ?'),
      history: db.prepare('SELECT version, previous, kind, at FROM model_activations ORDER BY seq'),
      current: db.prepare('SELECT version FROM model_activations ORDER BY seq DESC LIMIT 1').pluck(),
      record: db.prepare('INSERT INTO model_activations (version, previous, kind, at) VALUES (@version, @previous, @kind, @at)'),
    };
    this.statements = s;
    this.activate = db.transaction((version: string): ModelActivation | null => {
      if (s.one.get(version) === undefined) throw unknownVersion(version);
      const activation = nextActivation(s.history.all() as ModelActivation[], version, this.clock.now());
      if (activation !== null) s.record.run(activation);
      return activation;
    });
  }

  async register(input: ModelVersionInput): Promise<void> {
    checkModelVersion(input);
    const result = this.statements.insert.run(input.version, input.dir, input.manifestSha, JSON.stringify(input.metrics), input.createdAt);
    if (result.changes === 0) throw duplicateVersion(input.version);
  }

  async list(): Promise<ModelVersion[]> {
    return (this.statements.list.all() as VersionRow[]).map(versionOf);
  }

  async setActive(version: string): Promise<ModelActivation | null> {
    return this.activate.immediate(version);
  }

  async active(): Promise<ModelVersion | null> {
    const current = this.statements.current.get() as string | undefined;
    const row = current === undefined ? undefined : (this.statements.one.get(current) as VersionRow | undefined);
    return row === undefined ? null : versionOf(row);
  }

  async history(): Promise<ModelActivation[]> {
    return this.statements.history.all() as ModelActivation[];
  }
}

function versionOf(row: VersionRow): ModelVersion {
  return { version: row.version, dir: row.dir, manifestSha: row.manifest_sha, metrics: JSON.parse(row.metrics) as Record<string, number>, createdAt: row.created_at };
}

export class SqliteEvalHistory implements EvalHistoryStore {
  private readonly insert;
  private readonly newest;

  constructor(db: SqliteDatabase) {
    this.insert = db.prepare(
      `INSERT INTO eval_runs (at, model_version, dataset, apgr, auc, cpt50, cpt80, accepted, notes)
       VALUES (@at, @modelVersion, @dataset, @apgr, @auc, @cpt50, @cpt80, @accepted, @notes)`,
    );
    this.newest = db.prepare('SELECT at, model_version, dataset, apgr, auc, cpt50, cpt80, accepted, notes FROM eval_runs ORDER BY at DESC, seq DESC LIMIT ?');
  }

  async append(run: EvalRun): Promise<void> {
    this.insert.run({ ...run, accepted: run.accepted ? 1 : 0 });
  }

  async list(limit?: number): Promise<EvalRun[]> {
    return (this.newest.all(checkEvalLimit(limit)) as EvalRow[]).map((row) => ({
      at: row.at,
      modelVersion: row.model_version,
      dataset: row.dataset,
      apgr: row.apgr,
      auc: row.auc,
      cpt50: row.cpt50,
      cpt80: row.cpt80,
      accepted: row.accepted === 1,
      notes: row.notes,
    }));
  }
}
