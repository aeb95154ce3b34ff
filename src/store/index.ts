// The store module's public surface (see README.md).
export type {
  AggregateGroup,
  AggregateQuery,
  AggregateTotals,
  AnnotatedRecord,
  AppendItem,
  EvalHistoryStore,
  EvalRun,
  Feedback,
  FeedbackInput,
  GroupBy,
  LabelledOutcome,
  LabelledOutcomeQuery,
  ModelActivation,
  ModelRegistryStore,
  ModelVersion,
  ModelVersionInput,
  OutcomeStore,
  RecordExtras,
  RequestFilters,
  RequestLogStore,
  RequestPage,
  RequestQuery,
  Store,
  StoredRequest,
  ValidatorVerdict,
} from './types.ts';
export { DEFAULT_LABELLED_LIMIT, DEFAULT_PAGE_SIZE, GROUP_BY, MAX_PAGE_SIZE } from './types.ts';
export {
  BatchingRecordSink,
  DEFAULT_FLUSH_INTERVAL_MS,
  DEFAULT_MAX_BATCH,
  type BatchingRecordSinkOptions,
  type BatchingRecordSinkStats,
  type RecordDetails,
} from './batch-writer.ts';
export { mostExpensivePrice, premiumCostUsd, type TokenPrice } from './counterfactual.ts';
export { OVERKILL_SCORE, STRONG_TIER } from './metrics.ts';
export { openConfiguredStore, StoreConfigSchema, type OpenStoreDeps, type StoreConfig } from './config.ts';
export { createMemoryStore, DEFAULT_MEMORY_MAX_REQUESTS, type MemoryStoreOptions } from './memory/create-memory-store.ts';
export { openSqliteStore, type SqliteStore, type SqliteStoreOptions } from './sqlite/open-sqlite-store.ts';
export { SqliteBudgetStore, type SqliteBudgetStoreOptions } from './sqlite/budget-ledger.ts';
export { LATEST_SCHEMA_VERSION } from './sqlite/migrations/index.ts';
