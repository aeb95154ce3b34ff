// Normalises what `RequestLogStore.append` accepts (a plain record or one with writer extras).
import type { RequestRecord } from '../records/request-record.ts';
import type { AppendItem } from './types.ts';

export interface NormalizedItem {
  record: RequestRecord;
  promptText: string | null;
  tags: Readonly<Record<string, string>>;
  premiumCostUsd: number;
}

const NO_TAGS: Readonly<Record<string, string>> = Object.freeze({});

export function normalizeAppendItem(item: AppendItem): NormalizedItem {
  // A RequestRecord never has a `record` field, and an AnnotatedRecord has no `requestId`.
  if ('record' in item && !('requestId' in item)) {
    return {
      record: item.record,
      promptText: item.promptText ?? null,
      tags: item.tags ?? NO_TAGS,
      premiumCostUsd: item.premiumCostUsd ?? item.record.referenceCostUsd,
    };
  }
  const record = item as RequestRecord;
  return { record, promptText: null, tags: NO_TAGS, premiumCostUsd: record.referenceCostUsd };
}
