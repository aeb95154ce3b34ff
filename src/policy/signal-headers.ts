// Parsers for the request headers and metadata entries that feed routing signals. Each one
// rejects a malformed value with RungError('invalid_request') whose `param` names the header
// (or `metadata.<key>`), so a client learns exactly what to fix; nothing is silently dropped,
// because a dropped tag could let a request skip a rule meant for it.
import { TAG_NAME_PATTERN } from '../config/policy-schema.ts';
import { RungError } from '../errors/rung-error.ts';

export const TAGS_HEADER = 'x-rung-tags';
export const REGION_HEADER = 'x-rung-region';
export const TASK_HEADER = 'x-rung-task';
export const TEMPLATE_HEADER = 'x-rung-template';
export const TEMPLATE_VERSION_HEADER = 'x-rung-template-version';

export const MAX_HEADER_TAGS = 32;
export const MAX_TAG_VALUE_LENGTH = 256;

const REGION_PATTERN = /^[A-Za-z0-9_.-]{1,64}$/;
const TASK_PATTERN = /^[A-Za-z0-9_.-]{1,64}$/;
const TEMPLATE_ID_PATTERN = /^[A-Za-z0-9_.:/-]{1,128}$/;
const TEMPLATE_VERSION_PATTERN = /^[A-Za-z0-9_.:+-]{1,64}$/;
/** Control characters have no place in a tag value that may end up in logs. */
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f]/;

/** Header values as node gives them: lowercase names; a repeated header may arrive as an array. */
export type HeaderBag = Readonly<Record<string, string | readonly string[] | undefined>>;

/** One header's value, trimmed; undefined when absent or blank. Repeats are joined with ",". */
export function headerValue(headers: HeaderBag, name: string): string | undefined {
  const raw = headers[name];
  const joined = typeof raw === 'string' ? raw : raw?.join(',');
  const trimmed = joined?.trim();
  return trimmed === undefined || trimmed === '' ? undefined : trimmed;
}

function invalid(param: string, reason: string): RungError {
  return new RungError('invalid_request', `Invalid value for '${param}': ${reason}`, { param });
}

function shown(value: string): string {
  return value.length <= 40 ? `"${value}"` : `"${value.slice(0, 37)}..."`;
}

/**
 * `k=v,k2=v2` → a null-prototype map, so a tag named "constructor" or "__proto__" is only data.
 * Whitespace around names and values is ignored; an empty segment, a missing "=", an empty or
 * over-long value, a bad name or a repeated name is an error.
 */
export function parseTagsHeader(raw: string | undefined, param = TAGS_HEADER): Record<string, string> {
  const tags: Record<string, string> = Object.create(null) as Record<string, string>;
  if (raw === undefined || raw.trim() === '') return tags;
  const segments = raw.split(',');
  if (segments.length > MAX_HEADER_TAGS) throw invalid(param, `expected at most ${MAX_HEADER_TAGS} tags, got ${segments.length}.`);
  for (const segment of segments) {
    const equals = segment.indexOf('=');
    if (segment.trim() === '') throw invalid(param, 'expected comma-separated name=value pairs, found an empty entry.');
    if (equals < 0) throw invalid(param, `expected comma-separated name=value pairs; ${shown(segment.trim())} has no "=".`);
    const name = segment.slice(0, equals).trim();
    const value = segment.slice(equals + 1).trim();
    if (!TAG_NAME_PATTERN.test(name)) throw invalid(param, `tag name ${shown(name)} must be 1-64 letters, digits, "_", "-" or ".".`);
    if (value === '') throw invalid(param, `tag "${name}" has an empty value.`);
    if (value.length > MAX_TAG_VALUE_LENGTH) throw invalid(param, `tag "${name}" is longer than ${MAX_TAG_VALUE_LENGTH} characters.`);
    if (CONTROL_CHARACTER.test(value)) throw invalid(param, `tag "${name}" contains a control character.`);
    if (Object.hasOwn(tags, name)) throw invalid(param, `tag "${name}" is given twice.`);
    tags[name] = value;
  }
  return tags;
}

export function parseRegionHeader(raw: string | undefined): string | null {
  if (raw === undefined) return null;
  if (!REGION_PATTERN.test(raw)) throw invalid(REGION_HEADER, `expected one region name (letters, digits, "_", "-", "."), got ${shown(raw)}.`);
  return raw;
}

export function parseTaskHeader(raw: string | undefined): string | null {
  if (raw === undefined) return null;
  if (!TASK_PATTERN.test(raw)) throw invalid(TASK_HEADER, `expected a task name (letters, digits, "_", "-", "."), got ${shown(raw)}.`);
  return raw;
}

export interface TemplateSignal {
  id: string | null;
  version: string | null;
}

/**
 * The template id and version, from the headers when the id header is present, else from the
 * metadata pair. A version without an id is rejected: it cannot mean anything on its own.
 */
export function parseTemplate(headers: HeaderBag, metadata: Readonly<Record<string, string>>): TemplateSignal {
  const headerId = headerValue(headers, TEMPLATE_HEADER);
  const headerVersion = headerValue(headers, TEMPLATE_VERSION_HEADER);
  if (headerId !== undefined || headerVersion !== undefined) {
    if (headerId === undefined) throw invalid(TEMPLATE_VERSION_HEADER, `'${TEMPLATE_VERSION_HEADER}' needs '${TEMPLATE_HEADER}'.`);
    return { id: checked(headerId, TEMPLATE_ID_PATTERN, TEMPLATE_HEADER), version: headerVersion === undefined ? null : checked(headerVersion, TEMPLATE_VERSION_PATTERN, TEMPLATE_VERSION_HEADER) };
  }
  const metadataId = Object.hasOwn(metadata, 'template_id') ? metadata['template_id'] : undefined;
  const metadataVersion = Object.hasOwn(metadata, 'template_version') ? metadata['template_version'] : undefined;
  if (metadataId === undefined) {
    if (metadataVersion !== undefined) throw invalid('metadata.template_version', "'metadata.template_version' needs 'metadata.template_id'.");
    return { id: null, version: null };
  }
  return {
    id: checked(metadataId, TEMPLATE_ID_PATTERN, 'metadata.template_id'),
    version: metadataVersion === undefined ? null : checked(metadataVersion, TEMPLATE_VERSION_PATTERN, 'metadata.template_version'),
  };
}

function checked(value: string, pattern: RegExp, param: string): string {
  if (!pattern.test(value)) throw invalid(param, `${shown(value)} is not a valid ${param.includes('version') ? 'template version' : 'template id'}.`);
  return value;
}
