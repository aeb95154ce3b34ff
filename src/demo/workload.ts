// The demo's workload: a seeded sample of labelled prompts, each assigned a policy, a streaming
// flag and (for agentic prompts) tool definitions. Pure: the same corpus, size and seed give the
// same items in the same order.
import type { CorpusPrompt } from './corpus.ts';
import { saltedSeed, seededShuffle } from './seeded.ts';
import { toolsFromPrompt, type DemoTool } from './tools-from-prompt.ts';

/** The three ways the demo sends traffic; `POLICY_MODELS` has the model name each one asks for. */
export const DEMO_POLICIES = ['cost_optimized', 'cascade', 'chain'] as const;
export type DemoPolicy = (typeof DEMO_POLICIES)[number];

/** Config policy names (the client sends `rung/<name>` as the model). */
export const POLICY_NAMES: Readonly<Record<DemoPolicy, string>> = {
  cost_optimized: 'cost_optimized',
  cascade: 'cheap-first-cascade',
  chain: 'premium-chain',
};

/** Shares of the workload; the chain gets what is left. Most traffic uses the score-driven policy. */
export const POLICY_SHARES = { cost_optimized: 0.7, cascade: 0.18 } as const;
/** Share of each policy's requests sent with `stream: true`. */
export const STREAM_SHARE = 0.25;

export interface WorkloadItem {
  /** Position in the workload, 0-based; also the key fault plans and outcomes use. */
  index: number;
  id: string;
  prompt: string;
  label: 0 | 1;
  task: string;
  policy: DemoPolicy;
  stream: boolean;
  /** Tool definitions sent with the request; empty for plain chat. */
  tools: DemoTool[];
}

export interface WorkloadOptions {
  requests: number;
  seed: number;
}

export function buildWorkload(corpus: readonly CorpusPrompt[], options: WorkloadOptions): WorkloadItem[] {
  const { requests, seed } = options;
  if (!Number.isInteger(requests) || requests < 1) throw new RangeError(`requests must be a positive integer, got ${requests}`);
  const picked = samplePrompts(corpus, requests, seed);
  const policies = assignPolicies(picked.length, seed);
  const items = picked.map((row, index): WorkloadItem => ({
    index,
    id: row.id,
    prompt: row.prompt,
    label: row.label,
    task: row.task,
    policy: policies[index] ?? 'cost_optimized',
    stream: false,
    tools: row.task === 'agentic_tool_use' ? toolsFromPrompt(row.prompt) : [],
  }));
  // Streaming is chosen within each policy so every policy shows both kinds.
  for (const policy of DEMO_POLICIES) {
    const members = items.filter((item) => item.policy === policy);
    const streamed = Math.ceil(members.length * STREAM_SHARE);
    for (const item of seededShuffle(members, saltedSeed(seed, `stream:${policy}`)).slice(0, streamed)) item.stream = true;
  }
  return items;
}

/**
 * Mixed classes: the prompts of each task class are shuffled, then dealt one class at a time, so
 * even a small workload covers many classes. Prompts are distinct (the corpus has no duplicates).
 */
function samplePrompts(corpus: readonly CorpusPrompt[], requests: number, seed: number): CorpusPrompt[] {
  const byTask = new Map<string, CorpusPrompt[]>();
  for (const row of corpus) {
    const list = byTask.get(row.task) ?? [];
    list.push(row);
    byTask.set(row.task, list);
  }
  const queues = seededShuffle([...byTask.keys()].sort(), saltedSeed(seed, 'tasks')).map((task) =>
    seededShuffle(byTask.get(task) ?? [], saltedSeed(seed, `task:${task}`)),
  );
  const picked: CorpusPrompt[] = [];
  for (let round = 0; picked.length < requests; round += 1) {
    let dealt = false;
    for (const queue of queues) {
      const row = queue[round];
      if (row === undefined || picked.length >= requests) continue;
      picked.push(row);
      dealt = true;
    }
    if (!dealt) break;
  }
  return picked;
}

/** Exact quotas (not independent draws), so the split is the same at every size; each policy gets one request once there are three. */
function assignPolicies(count: number, seed: number): DemoPolicy[] {
  const cascade = count >= 3 ? Math.max(1, Math.round(count * POLICY_SHARES.cascade)) : 0;
  const chain = count >= 3 ? Math.max(1, count - Math.round(count * POLICY_SHARES.cost_optimized) - cascade) : 0;
  const assigned: DemoPolicy[] = new Array<DemoPolicy>(count).fill('cost_optimized');
  const order = seededShuffle(Array.from({ length: count }, (_, index) => index), saltedSeed(seed, 'policy'));
  order.slice(0, cascade).forEach((index) => (assigned[index] = 'cascade'));
  order.slice(cascade, cascade + chain).forEach((index) => (assigned[index] = 'chain'));
  return assigned;
}
