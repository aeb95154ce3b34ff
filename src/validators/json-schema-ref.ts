// Resolves a local `$ref` ("#", "#/$defs/Name", "#/definitions/Name", any "#/json/pointer") against
// the root schema. Remote references and `$id` anchors are out of scope: tool and response schemas
// sent to LLM providers are self-contained.
import { isPlainObject } from './json-values.ts';

export type RefResolution = { ok: true; schema: unknown } | { ok: false; message: string };

export function resolveLocalRef(root: unknown, ref: string): RefResolution {
  if (!ref.startsWith('#')) return { ok: false, message: `$ref ${JSON.stringify(ref)} is not local (only "#/..." references are supported)` };
  const pointer = ref.slice(1);
  if (pointer === '') return { ok: true, schema: root };
  if (!pointer.startsWith('/')) return { ok: false, message: `$ref ${JSON.stringify(ref)} uses an anchor, which is not supported` };
  let current: unknown = root;
  for (const raw of pointer.slice(1).split('/')) {
    let segment: string;
    try {
      segment = decodeURIComponent(raw).replaceAll('~1', '/').replaceAll('~0', '~');
    } catch {
      return { ok: false, message: `$ref ${JSON.stringify(ref)} is not a valid URI fragment` };
    }
    if (Array.isArray(current) && /^(0|[1-9][0-9]*)$/.test(segment)) {
      current = current[Number(segment)];
    } else if (isPlainObject(current) && Object.hasOwn(current, segment)) {
      current = current[segment];
    } else {
      return { ok: false, message: `$ref ${JSON.stringify(ref)} does not resolve` };
    }
  }
  if (current === undefined) return { ok: false, message: `$ref ${JSON.stringify(ref)} does not resolve` };
  return { ok: true, schema: current };
}
