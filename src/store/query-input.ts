// Checks and defaults for the query arguments both stores accept, and the page cursor. The inputs
// can come straight from an admin API, so a bad value is a RungError `invalid_request` naming it.
import { RungError } from '../errors/rung-error.ts';
import { DEFAULT_PAGE_SIZE, GROUP_BY, MAX_PAGE_SIZE, type AggregateQuery, type RequestFilters, type RequestQuery } from './types.ts';

/** Where the previous page stopped: its last request's `receivedAt` and append sequence number. */
export interface PagePosition {
  receivedAt: number;
  sequence: number;
}

export interface NormalizedRequestQuery {
  from: number;
  to: number;
  limit: number;
  after: PagePosition | null;
  filters: RequestFilters;
}

const EARLIEST = Number.MIN_SAFE_INTEGER;
const LATEST = Number.MAX_SAFE_INTEGER;

function invalid(param: string, message: string): RungError {
  return new RungError('invalid_request', message, { param });
}

function checkTime(value: number | undefined, param: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value)) throw invalid(param, `${param} must be a finite epoch-millisecond time.`);
  return value;
}

export function normalizeRequestQuery(query: RequestQuery): NormalizedRequestQuery {
  const limit = query.limit ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) {
    throw invalid('limit', `limit must be an integer from 1 to ${MAX_PAGE_SIZE}.`);
  }
  return {
    from: checkTime(query.from, 'from', EARLIEST),
    to: checkTime(query.to, 'to', LATEST),
    limit,
    after: query.cursor === undefined || query.cursor === null ? null : decodeCursor(query.cursor),
    filters: query.filters ?? {},
  };
}

export function checkAggregateQuery(query: AggregateQuery): void {
  checkTime(query.from, 'from', EARLIEST);
  checkTime(query.to, 'to', LATEST);
  if (!(GROUP_BY as readonly string[]).includes(query.groupBy)) {
    throw invalid('groupBy', `groupBy must be one of ${GROUP_BY.join(', ')}.`);
  }
  if (query.groupBy === 'tag' && (query.tag === undefined || query.tag === '')) {
    throw invalid('tag', 'groupBy "tag" needs the tag name in `tag`.');
  }
}

export function checkLimit(limit: number, param = 'limit'): void {
  if (!Number.isInteger(limit) || limit < 1) throw invalid(param, `${param} must be a positive integer.`);
}

export function encodeCursor(position: PagePosition): string {
  return Buffer.from(`${position.receivedAt}:${position.sequence}`, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): PagePosition {
  const parts = Buffer.from(cursor, 'base64url').toString('utf8').split(':');
  const receivedAt = parts.length === 2 && parts[0] !== '' ? Number(parts[0]) : Number.NaN;
  const sequence = parts.length === 2 && parts[1] !== '' ? Number(parts[1]) : Number.NaN;
  if (!Number.isFinite(receivedAt) || !Number.isSafeInteger(sequence)) {
    throw invalid('cursor', 'cursor is not one this store returned.');
  }
  return { receivedAt, sequence };
}

/** True when a request at (receivedAt, sequence) comes after `position` in newest-first order. */
export function isAfter(receivedAt: number, sequence: number, position: PagePosition | null): boolean {
  if (position === null) return true;
  return receivedAt < position.receivedAt || (receivedAt === position.receivedAt && sequence < position.sequence);
}
