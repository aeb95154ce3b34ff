// Summarises a V8 .cpuprofile (from `npm run bench:gateway -- --profile DIR`) as text: where the
// gateway's CPU goes, by function (self time), by package or source file (self time), and by
// function including callees. Startup (module loading, tsx compiling) is left out: counting
// starts at the first sample with a frame whose URL contains --from (default: Rung's request
// routes), or at the first sample with --all (for other servers, e.g. Portkey's minified build).
//   npx tsx bench/lib/profile-summary.ts DIR/rung.cpuprofile [--top 25] [--from TEXT | --all]
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

// Rung runs compiled (dist/) in the benchmark; dist/ mirrors src/, so both name the same file.
const REQUEST_PATH_MARKERS = ['/src/gateway/routes/', '/dist/gateway/routes/'];

function frameName(node: ProfileNode): string {
  const { functionName, url, lineNumber } = node.callFrame;
  const file = url.replace(/^file:\/\//, '').replace(/^.*\/node_modules\//, '').replace(/^.*\/(src|dist)\//, 'src/');
  return `${functionName === '' ? '(anonymous)' : functionName} ${file === '' ? '' : `${file}:${lineNumber + 1}`}`.trim();
}

/** A package name, `src/<area>/<file>`, `node:<internal>`, or the V8 pseudo-frame's own name. */
function ownerOf(node: ProfileNode): string {
  const url = node.callFrame.url;
  if (url === '') return node.callFrame.functionName === '' ? '(native)' : node.callFrame.functionName;
  const packageMatch = /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url);
  if (packageMatch?.[1] !== undefined) return packageMatch[1];
  const sourceMatch = /\/(?:src|dist)\/(.+)$/.exec(url);
  if (sourceMatch?.[1] !== undefined) return `src/${sourceMatch[1]}`;
  if (url.startsWith('node:')) return `node:${url.slice(5).split('/').slice(0, 2).join('/')}`;
  return url;
}

/** Coarse buckets that answer "is it the server framework, the upstream client, Rung, or GC?". */
const AREAS: readonly [string, RegExp][] = [
  ['garbage collection', /^\(garbage collector\)$/],
  ['upstream HTTP client (undici, llhttp wasm)', /^(undici|wasm:)/],
  ['inbound HTTP framework (fastify and its deps)', /^(fastify|@fastify\/|find-my-way|secure-json-parse|toad-cache|light-my-request|avvio|fast-json-stringify|abstract-logging|process-warning|rfdc|fast-querystring)/],
  ['node http server/parser', /^node:_http_/],
  ['sockets, streams, writev (node core I/O)', /^(node:net|node:internal\/streams|node:internal\/stream_base_commons|node:stream|writev|writeUtf8String|writeBuffer|close|node:internal\/net)/],
  ['promises, ticks, timers, events, AbortSignal', /^(node:internal\/process|runMicrotasks|node:internal\/timers|node:timers|node:events|node:internal\/event_target|node:internal\/abort_controller|node:internal\/async_hooks|node:async_hooks)/],
  ['crypto (key hashing, request ids)', /^node:internal\/crypto/],
  ['zod', /^zod/],
  ['Rung gateway (src/gateway)', /^src\/gateway\//],
  ['Rung providers and transport (src/providers)', /^src\/providers\//],
  ['Rung chat wire/tokens (src/chat)', /^src\/chat\//],
  ['Rung other src', /^src\//],
];

function areaOf(owner: string): string {
  return AREAS.find(([, pattern]) => pattern.test(owner))?.[0] ?? 'other (buffers, JSON, V8 builtins, ...)';
}

function table(title: string, totals: Map<string, number>, all: number, top: number): string {
  const rows = [...totals.entries()].sort((a, b) => b[1] - a[1]).slice(0, top);
  return [`${title}`, ...rows.map(([name, micros]) => `${((micros / all) * 100).toFixed(1).padStart(6)}%  ${name}`)].join('\n');
}

function main(): void {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      top: { type: 'string', default: '25' },
      all: { type: 'boolean', default: false },
      from: { type: 'string' },
    },
  });
  const path = positionals[0];
  if (path === undefined) throw new Error('usage: profile-summary.ts FILE.cpuprofile [--top N] [--from TEXT | --all]');
  const markers = values.from === undefined ? REQUEST_PATH_MARKERS : [values.from];
  const top = Number(values.top);
  const profile = JSON.parse(readFileSync(path, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const stackOf = (id: number): ProfileNode[] => {
    const stack: ProfileNode[] = [];
    for (let current: number | undefined = id; current !== undefined; current = parent.get(current)) {
      const node = byId.get(current);
      if (node !== undefined) stack.push(node);
    }
    return stack;
  };

  const self = new Map<string, number>();
  const owners = new Map<string, number>();
  const inclusive = new Map<string, number>();
  const areas = new Map<string, number>();
  let counted = 0;
  let idle = 0;
  let started = values.all;
  profile.samples.forEach((id, index) => {
    const delta = profile.timeDeltas[index] ?? 0;
    const stack = stackOf(id);
    if (!started) started = stack.some((node) => markers.some((marker) => node.callFrame.url.includes(marker)));
    if (!started) return;
    const leaf = stack[0];
    if (leaf === undefined) return;
    if (leaf.callFrame.functionName === '(idle)') {
      idle += delta;
      return;
    }
    counted += delta;
    self.set(frameName(leaf), (self.get(frameName(leaf)) ?? 0) + delta);
    owners.set(ownerOf(leaf), (owners.get(ownerOf(leaf)) ?? 0) + delta);
    areas.set(areaOf(ownerOf(leaf)), (areas.get(areaOf(ownerOf(leaf))) ?? 0) + delta);
    for (const name of new Set(stack.map(frameName))) inclusive.set(name, (inclusive.get(name) ?? 0) + delta);
  });
  console.log(`busy ${(counted / 1000).toFixed(0)} ms, idle ${(idle / 1000).toFixed(0)} ms (percentages are of busy time)\n`);
  console.log(table('self time by area', areas, counted, top));
  console.log(`\n${table('self time by function', self, counted, top)}`);
  console.log(`\n${table('self time by package / source file', owners, counted, top)}`);
  console.log(`\n${table('inclusive time by function', inclusive, counted, top)}`);
}

main();
