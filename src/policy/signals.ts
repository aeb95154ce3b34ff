// Everything a routing rule or guardrail may look at, gathered once per request so rules never
// re-read headers or the body. Header formats are checked here (bad ones are client errors);
// afterwards every signal is plain data and evaluating conditions cannot fail.
import type { ChatRequest } from '../chat/types.ts';
import type { BudgetState } from '../config/policy-schema.ts';
import {
  headerValue,
  parseRegionHeader,
  parseTagsHeader,
  parseTaskHeader,
  parseTemplate,
  REGION_HEADER,
  TAGS_HEADER,
  TASK_HEADER,
  type HeaderBag,
} from './signal-headers.ts';

export interface KeySignals {
  readonly id: string | null;
  readonly workspace: string | null;
  readonly department: string | null;
  readonly agent: string | null;
  readonly project: string | null;
}

export interface RequiredCapabilities {
  readonly tools: boolean;
  readonly vision: boolean;
  readonly json_schema: boolean;
}

export interface RequestSignals {
  /** From request `metadata`, then `x-rung-tags` (the header wins on a clash). Null prototype. */
  readonly tags: Readonly<Record<string, string>>;
  readonly key: KeySignals;
  /** The request's `user` field. */
  readonly user: string | null;
  readonly template: { readonly id: string | null; readonly version: string | null };
  /** `x-rung-task`, else the scorer's task class, else null. */
  readonly task: string | null;
  /** Estimated prompt tokens. */
  readonly tokens: number;
  /** The model, alias or policy name the client asked for. */
  readonly model: string;
  /** What the request needs from a deployment. */
  readonly capabilities: RequiredCapabilities;
  readonly budget: BudgetState;
  /** `x-rung-region`, when sent. Whether it is honoured is the residency guardrail's call. */
  readonly region: string | null;
  /** The scorer's complexity score, when it ran. */
  readonly score: number | null;
}

/** The authenticated key as the gateway knows it; absent fields read as null. */
export interface KeyInput {
  id: string;
  workspace?: string | null;
  department?: string | null;
  agent?: string | null;
  project?: string | null;
}

export interface SignalSources {
  headers: HeaderBag;
  /** The client's `metadata` map (already checked as string → string by the body parser). */
  metadata?: Readonly<Record<string, string>>;
  /** Null for an unauthenticated (auth disabled) request. */
  key: KeyInput | null;
  request: Pick<ChatRequest, 'messages' | 'tools' | 'responseFormat' | 'user'>;
  model: string;
  tokens: number;
  /** The scorer's output, when it ran. */
  scorer?: { score: number; taskClass?: string } | null;
  budget?: BudgetState;
}

export const NO_KEY: KeySignals = Object.freeze({ id: null, workspace: null, department: null, agent: null, project: null });

/** Reads every signal; throws RungError('invalid_request') naming the header at fault. */
export function gatherSignals(sources: SignalSources): RequestSignals {
  const metadata = sources.metadata ?? {};
  return {
    tags: mergeTags(metadata, parseTagsHeader(headerValue(sources.headers, TAGS_HEADER))),
    key: keySignals(sources.key),
    user: sources.request.user ?? null,
    template: parseTemplate(sources.headers, metadata),
    task: parseTaskHeader(headerValue(sources.headers, TASK_HEADER)) ?? sources.scorer?.taskClass ?? null,
    tokens: sources.tokens,
    model: sources.model,
    capabilities: requiredCapabilities(sources.request),
    budget: sources.budget ?? 'ok',
    region: parseRegionHeader(headerValue(sources.headers, REGION_HEADER)),
    score: sources.scorer?.score ?? null,
  };
}

export function keySignals(key: KeyInput | null): KeySignals {
  if (key === null) return NO_KEY;
  return {
    id: key.id,
    workspace: key.workspace ?? null,
    department: key.department ?? null,
    agent: key.agent ?? null,
    project: key.project ?? null,
  };
}

/** Metadata entries first, then header tags over them, in a null-prototype map. */
export function mergeTags(metadata: Readonly<Record<string, string>>, headerTags: Readonly<Record<string, string>>): Record<string, string> {
  const tags: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const name of Object.keys(metadata)) {
    const value = metadata[name];
    if (value !== undefined) tags[name] = value;
  }
  for (const name of Object.keys(headerTags)) {
    const value = headerTags[name];
    if (value !== undefined) tags[name] = value;
  }
  return tags;
}

/** Tools when any are defined, vision when a user message carries an image, json_schema for a schema response format. */
export function requiredCapabilities(request: Pick<ChatRequest, 'messages' | 'tools' | 'responseFormat'>): RequiredCapabilities {
  let vision = false;
  for (const message of request.messages) {
    if (message.role === 'user' && message.content.some((part) => part.type === 'image')) {
      vision = true;
      break;
    }
  }
  return {
    tools: (request.tools?.length ?? 0) > 0,
    vision,
    json_schema: request.responseFormat?.type === 'json_schema',
  };
}
