// Every schema step, in order. Append new steps at the end with the next version number.
import { requestLogMigration } from './0001-request-log.ts';
import { outcomesMigration } from './0002-outcomes.ts';
import { budgetLedgerMigration } from './0003-budget-ledger.ts';
import { modelRegistryMigration } from './0004-model-registry.ts';
import { cascadeRequestsMigration } from './0005-cascade-requests.ts';
import type { Migration } from './migration.ts';

export type { Migration } from './migration.ts';

export const MIGRATIONS: readonly Migration[] = [
  requestLogMigration,
  outcomesMigration,
  budgetLedgerMigration,
  modelRegistryMigration,
  cascadeRequestsMigration,
];

export const LATEST_SCHEMA_VERSION = MIGRATIONS.length;
