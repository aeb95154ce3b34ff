// `GET /api/v1/analytics/requests`: the latest request records, newest first, page by page.
// `before` takes either the `next_before` of the previous page (an opaque cursor, exact even when
// many requests share a millisecond) or an ISO time (requests received strictly before it).
import { RungError } from '../errors/rung-error.ts';
import type { RecordStatus } from '../records/request-record.ts';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, type RequestFilters, type RequestLogStore, type RequestQuery } from '../store/types.ts';
import { choiceParam, integerParam, parseInstant, textParam, type QueryValues } from './query-values.ts';
import { toRequestView, type RequestView } from './request-view.ts';

export const RECORD_STATUSES: readonly RecordStatus[] = ['ok', 'error', 'stream_error', 'client_closed'];

export interface RequestList {
  requests: RequestView[];
  /** Pass as `before` for the next (older) page; null on the last page. */
  next_before: string | null;
}

/** Cursors are base64url and never contain ':', which every ISO date-time has. */
function isIsoTime(text: string): boolean {
  return text.includes(':') || /^\d{4}-\d{2}-\d{2}$/.test(text);
}

export function parseRequestListQuery(query: QueryValues): RequestQuery {
  const limit = integerParam(query, 'limit', 1, MAX_PAGE_SIZE) ?? DEFAULT_PAGE_SIZE;
  const before = textParam(query, 'before');
  const filters: RequestFilters = {};
  const policy = textParam(query, 'policy');
  const model = textParam(query, 'model');
  const tier = textParam(query, 'tier');
  const status = choiceParam(query, 'status', RECORD_STATUSES);
  if (policy !== undefined) filters.policy = policy;
  if (model !== undefined) filters.model = model;
  if (tier !== undefined) filters.tier = tier;
  if (status !== undefined) filters.status = status;
  const page: RequestQuery = { limit, filters };
  if (before === undefined) return page;
  return isIsoTime(before) ? { ...page, to: parseInstant(before, 'before') } : { ...page, cursor: before };
}

export async function listRequests(log: Pick<RequestLogStore, 'query'>, query: RequestQuery): Promise<RequestList> {
  let page;
  try {
    page = await log.query(query);
  } catch (error) {
    // The store names its own argument; the client sent it as `before`.
    if (error instanceof RungError && error.param === 'cursor') throw new RungError('invalid_request', '`before` is neither an ISO time nor a `next_before` this server returned.', { param: 'before' });
    throw error;
  }
  return { requests: page.requests.map(toRequestView), next_before: page.nextCursor };
}
