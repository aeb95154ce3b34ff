// Offline A/B replay: what a candidate scorer would have done with logged traffic.
// For each logged request with its prompt text, the candidate's score against the manifest's
// threshold for the policy picks cheap (score < threshold) or strong; the logged tier says what
// actually served it (cheap = a tier of the label rule's `cheapTiers`).
//
// Cost approximation (documented in the report): a request whose side does not change keeps its
// logged cost. One that moves is priced at the mean logged price per token of the side it moves
// to: Σ costUsd / Σ usage.totalTokens over logged requests served `ok` by that side without a
// cascade (a cascade's cost covers several calls). A move up with no logged strong traffic uses
// the record's `referenceCostUsd` (its usage at the policy's most expensive deployment); a move
// without usage or without a price keeps its logged cost and is counted as `unpriced`.
//
// Quality risk: requests the candidate would send cheap whose outcome label (rule in
// outcome-labels.ts) says the strong tier was needed; `newRisk` counts those the log served strong.
import type { SqliteStore } from '../store/sqlite/open-sqlite-store.ts';
import type { RequestRecord } from '../records/request-record.ts';
import { MAX_PAGE_SIZE } from '../store/types.ts';
import type { PolicyName } from '../scorer/thresholds.ts';
import { scoreWithModel } from './model-eval.ts';
import { isCheapTier, labelRuleOf, type LabelRule } from './outcome-labels.ts';
import { labelsFromStore } from './outcome-source.ts';

export const DEFAULT_REPLAY_LIMIT = 10_000;

export interface ReplayInput {
  candidateDir: string;
  policy?: PolicyName;
  /** Epoch ms window on `receivedAt`. */
  from?: number;
  to?: number;
  /** At most this many requests, newest first. */
  limit?: number;
  labelRule?: Partial<LabelRule>;
}

export interface ReplayReport {
  candidate: string;
  policy: PolicyName;
  threshold: number;
  requests: { read: number; replayed: number; skippedNoPrompt: number; skippedUnserved: number };
  tiers: { loggedStrong: number; candidateStrong: number; up: number; down: number; unchanged: number };
  cost: { loggedUsd: number; estimatedUsd: number; deltaUsd: number; deltaShare: number | null; unpriced: number; pricePerToken: { cheap: number | null; strong: number | null } };
  quality: { labelled: number; loggedRisk: number; candidateRisk: number; newRisk: number; avoidedRisk: number };
  approximation: string;
}

const APPROXIMATION =
  'moved requests priced at the mean logged $/token of the side they move to (ok, non-cascade requests); unchanged requests keep their logged cost';

/** Prompt texts by request id, straight from the SQLite tables (the store interface does not return them). */
function promptTexts(store: SqliteStore, requestIds: readonly string[]): Map<string, string> {
  const statement = store.database.prepare('SELECT p.text AS text FROM request_prompts p JOIN requests r ON r.id = p.request_row WHERE r.request_id = ?');
  const texts = new Map<string, string>();
  for (const id of requestIds) {
    const row = statement.get(id) as { text: string } | undefined;
    if (row !== undefined && row.text.trim() !== '') texts.set(id, row.text);
  }
  return texts;
}

async function readRecords(store: SqliteStore, input: ReplayInput): Promise<RequestRecord[]> {
  const limit = input.limit ?? DEFAULT_REPLAY_LIMIT;
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`limit must be a positive integer, got ${limit}`);
  const records: RequestRecord[] = [];
  let cursor: string | null = null;
  do {
    const page = await store.requests.query({
      ...(input.from === undefined ? {} : { from: input.from }),
      ...(input.to === undefined ? {} : { to: input.to }),
      limit: Math.min(MAX_PAGE_SIZE, limit - records.length),
      cursor,
    });
    records.push(...page.requests.map((stored) => stored.record));
    cursor = page.nextCursor;
  } while (cursor !== null && records.length < limit);
  return records;
}

function pricePerToken(records: readonly RequestRecord[]): number | null {
  let cost = 0;
  let tokens = 0;
  for (const record of records) {
    if (record.status !== 'ok' || record.cascade !== null || record.usage === null || record.usage.totalTokens <= 0) continue;
    cost += record.costUsd;
    tokens += record.usage.totalTokens;
  }
  return tokens > 0 ? cost / tokens : null;
}

export async function replayCandidate(store: SqliteStore, input: ReplayInput): Promise<ReplayReport> {
  const policy = input.policy ?? 'cost_optimized';
  const rule = labelRuleOf(input.labelRule);
  const read = await readRecords(store, input);
  const texts = promptTexts(store, read.map((r) => r.requestId));
  const served = read.filter((r) => r.tier !== null);
  const replayed = served.filter((r) => texts.has(r.requestId));
  const { scores, manifest } = await scoreWithModel(input.candidateDir, replayed.map((r) => texts.get(r.requestId) ?? ''));
  const threshold = manifest.thresholds[policy];
  const { labels } = await labelsFromStore(store.outcomes, rule, {
    ...(input.from === undefined ? {} : { from: input.from }),
    ...(input.to === undefined ? {} : { to: input.to }),
  });

  const cheapPrice = pricePerToken(served.filter((r) => isCheapTier(r.tier, rule)));
  const strongPrice = pricePerToken(served.filter((r) => !isCheapTier(r.tier, rule)));
  const tiers = { loggedStrong: 0, candidateStrong: 0, up: 0, down: 0, unchanged: 0 };
  const quality = { labelled: 0, loggedRisk: 0, candidateRisk: 0, newRisk: 0, avoidedRisk: 0 };
  let loggedUsd = 0;
  let estimatedUsd = 0;
  let unpriced = 0;
  replayed.forEach((record, i) => {
    const loggedStrong = !isCheapTier(record.tier, rule);
    const candidateStrong = (scores[i] ?? 0) >= threshold;
    if (loggedStrong) tiers.loggedStrong++;
    if (candidateStrong) tiers.candidateStrong++;
    loggedUsd += record.costUsd;
    if (loggedStrong === candidateStrong) {
      tiers.unchanged++;
      estimatedUsd += record.costUsd;
    } else {
      if (candidateStrong) tiers.up++;
      else tiers.down++;
      const tokens = record.usage?.totalTokens ?? 0;
      const price = candidateStrong ? strongPrice : cheapPrice;
      if (tokens > 0 && price !== null) estimatedUsd += tokens * price;
      else if (candidateStrong && record.referenceCostUsd > 0) estimatedUsd += record.referenceCostUsd;
      else {
        unpriced++;
        estimatedUsd += record.costUsd;
      }
    }
    const label = labels.get(record.requestId);
    if (label === undefined) return;
    quality.labelled++;
    if (label === 1 && !loggedStrong) quality.loggedRisk++;
    if (label === 1 && !candidateStrong) {
      quality.candidateRisk++;
      if (loggedStrong) quality.newRisk++;
    }
    if (label === 1 && candidateStrong && !loggedStrong) quality.avoidedRisk++;
  });

  return {
    candidate: `${manifest.name} (${manifest.encoder.id})`,
    policy,
    threshold,
    requests: { read: read.length, replayed: replayed.length, skippedNoPrompt: served.length - replayed.length, skippedUnserved: read.length - served.length },
    tiers,
    cost: {
      loggedUsd,
      estimatedUsd,
      deltaUsd: estimatedUsd - loggedUsd,
      deltaShare: loggedUsd > 0 ? (estimatedUsd - loggedUsd) / loggedUsd : null,
      unpriced,
      pricePerToken: { cheap: cheapPrice, strong: strongPrice },
    },
    quality,
    approximation: APPROXIMATION,
  };
}
