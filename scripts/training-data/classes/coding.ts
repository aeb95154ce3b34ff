// Writing code. Easy: small, well-known functions or queries in one language. Hard: concurrency,
// data-structure design with complexity bounds, type-level programming, parsers, distributed
// patterns, or refactors with several constraints. Label policy: single-function tasks with a
// standard solution -> 0; tasks needing design decisions, concurrency/consistency reasoning,
// non-trivial algorithms or several simultaneous constraints -> 1.
import type { Rng } from '../lib/prng.ts';
import type { Draft, DraftMaker } from '../lib/types.ts';
import { pickDifficulty } from '../lib/types.ts';
import { ENTITIES } from '../lib/vocab.ts';
import type { Entity } from '../lib/vocab.ts';
import { dress } from '../lib/style.ts';

const GENERAL = ['Python', 'TypeScript', 'Go', 'Rust', 'Java', 'C#', 'Kotlin', 'Ruby', 'JavaScript'] as const;

const EASY: readonly ((rng: Rng, lang: string, e: Entity) => string)[] = [
  (_r, l) => `Write a ${l} function that reverses a string.`,
  (_r, l, e) => `${l}: function to sum the ${e.field} of a list of ${e.many}.`,
  (_r, l) => `how do i check if a number is prime in ${l}`,
  (_r, l) => `Write a ${l} function that returns the largest number in an array.`,
  (r, l) => `Give me a ${l} snippet to read a ${r.pick(['CSV', 'JSON', 'text'])} file and print each line.`,
  (_r, _l, e) => `SQL query: count ${e.many} per day from a table ${e.many}(id, created_at, ${e.field}).`,
  (r, _l, e) => `Write a SQL query to get the top ${r.int(3, 10)} ${e.many} by ${e.field}.`,
  (r) => `bash one-liner to find all .${r.pick(['log', 'tmp', 'bak', 'csv'])} files older than ${r.int(2, 30)} days and delete them`,
  (_r, _l, e) => `TypeScript interface for a ${e.one} with id (string), ${e.field} (number), createdAt (Date) and optional tags.`,
  (_r, l) => `In ${l}, how do I remove duplicates from a list while keeping order?`,
  (_r, l, e) => `Write a ${l} function that filters ${e.many} whose ${e.field} is above a threshold.`,
  (_r, l) => `FizzBuzz in ${l} please`,
  (r, l) => `Convert this loop to idiomatic ${l}: for i from 0 to ${r.int(5, 20)}, if i is even, append i*i to a list.`,
  (_r, l) => `${l} function to count word frequencies in a sentence.`,
  (r) => `Regex to match a ${r.pick(['5-digit US zip code', 'hex colour like #a1b2c3', 'date in YYYY-MM-DD format', 'simple username of 3-16 lowercase letters or digits'])}.`,
  (_r, l, e) => `Write a ${l} class for a ${e.one} with a constructor and a toString method.`,
  (_r, l) => `How do I make an HTTP GET request in ${l} and parse the JSON?`,
  (_r, _l, e) => `Write a Go struct for ${e.one} with JSON tags.`,
  (r) => `Dockerfile for a small ${r.pick(['Node 20', 'Python 3.12', 'Go 1.22'])} web app, nothing fancy.`,
  (_r, l) => `${l}: check whether two strings are anagrams.`,
];

const HARD: readonly ((rng: Rng, lang: string, e: Entity) => string)[] = [
  (r, _l, e) => `Implement a thread-safe LRU cache in Go with per-entry TTL, O(1) get/put, a background janitor that can be stopped via context, and metrics for hits/misses/evictions. Keys are ${e.one} IDs. Include table-driven tests and explain the lock granularity trade-off. Capacity ${r.int(1, 9)}0k entries.`,
  (r) => `Write a Redis-backed sliding-window rate limiter as a Lua script plus a ${r.pick(['TypeScript', 'Python', 'Go'])} client wrapper. Requirements: ${r.int(50, 500)} req/min per API key, atomic under concurrency, accurate at window boundaries (no fixed-window burst), returns remaining quota and retry-after. Explain why the naive INCR+EXPIRE approach fails.`,
  (_r, _l, e) => `TypeScript type-level challenge: write \`DeepPaths<T>\` that produces a union of dot-separated paths to every leaf of T (arrays as \`\${number}\`), and a \`get<T, P extends DeepPaths<T>>(obj: T, path: P)\` whose return type is the type at that path. Must work for a ${e.one} type with nested optional objects and arrays of objects. No any.`,
  (r, l) => `Write a recursive-descent parser in ${l} for arithmetic expressions with +, -, *, /, ^ (right-assoc), unary minus, parentheses and function calls like max(a, b, ...). Produce an AST, then an evaluator. Error messages must include the column. Give ${r.int(8, 15)} test cases including precedence edge cases.`,
  (_r, _l, e) => `SQL (PostgreSQL): table ${e.many}_events(${e.one}_id, status, changed_at). For each ${e.one}, compute continuous periods ("islands") in status 'active', merging gaps shorter than 10 minutes, and return total active time per ${e.one} per calendar day, splitting periods that cross midnight in Europe/Berlin time. Use window functions, no procedural code.`,
  (r, _l, e) => `Rust: implement an iterator adapter \`windows_by<K, F>\` that groups consecutive ${e.many} by a key function, yielding borrowed slices without allocation. It must compile with the borrow checker for \`&[T]\`, implement DoubleEndedIterator, and have doc tests. Explain the lifetime annotations. Bonus: make it work for ${r.pick(['Vec<T>', 'VecDeque<T> via as_slices', 'chunked input'])}.`,
  (r, l, e) => `Design and implement, in ${l}, an idempotent ${e.one}-processing consumer for an at-least-once queue: dedupe by message id with a ${r.int(1, 7)}-day window, handle poison messages with a DLQ after ${r.int(3, 6)} attempts with exponential backoff and jitter, and guarantee that a crash between DB write and ack cannot double-apply the effect. Show the schema, the code and a failure-case walkthrough.`,
  (r, l) => `Implement a B+ tree in ${l} with insert, delete (with rebalancing/merging), point lookup and range scan, order ${r.int(4, 64)}. Include an invariant checker used in property-based tests.`,
  (r, l, e) => `We need an O(n log n) solution: given ${r.int(1, 5)}00k ${e.many} with [start, end) time intervals and weights, find the maximum total weight of non-overlapping intervals and return the chosen set. Write it in ${l}, prove correctness briefly, and handle ties deterministically.`,
  (r) => `Write a ${r.pick(['Python asyncio', 'Node.js', 'Go'])} web crawler with: bounded concurrency (${r.int(4, 32)}), per-host politeness delay, robots.txt respect, URL normalisation and dedup, graceful shutdown on SIGINT that drains in-flight requests, and a max depth. Structure it into testable units.`,
  (_r, l, e) => `Refactor request: our ${e.one} pricing module is a 400-line switch over customer type × region × promo. Propose a design in ${l} (strategy + rule table or similar), write the core types and two rules fully, show how to migrate incrementally behind a feature flag with a shadow-compare, and explain how you'd prove behavioural equivalence.`,
  (r, l) => `Implement a lock-free single-producer single-consumer ring buffer in ${l === 'Go' ? 'Go' : r.pick(['Rust', 'C++', 'Go'])} with capacity a power of two, correct memory orderings (explain each Acquire/Release), and a benchmark. Then explain why MPMC needs a different design.`,
  (r, _l, e) => `Build a CRDT for a collaborative ${r.pick(['todo list', 'shopping list', 'kanban board'])} of ${e.many} in TypeScript: support add, remove, reorder, and concurrent edits from ${r.int(2, 10)} replicas, converge without a server. Pick the CRDT types, justify them, implement merge, and write a randomized convergence test.`,
  (r, l) => `Write a ${l} function that computes the edit script (not just distance) between two sequences using Myers' O(ND) algorithm, returning insert/delete/keep ops, and test it on inputs up to ${r.int(5, 50)}k items.`,
  (r, _l, e) => `Bash: write a robust script that rotates ${e.one} export files: compress files older than ${r.int(1, 7)} days, keep ${r.int(7, 30)} days of archives, never delete the newest archive even if old, handle filenames with spaces/newlines, use set -euo pipefail, lock against concurrent runs with flock, and log to syslog. Explain every non-obvious line.`,
  (r, l) => `Implement a consistent-hashing ring with virtual nodes in ${l}: add/remove nodes, lookup, and a function reporting key movement when membership changes. Show that with ${r.int(50, 200)} vnodes the load std-dev is within 10% for ${r.int(5, 20)} nodes using a simulation.`,
];

function build(rng: Rng): Draft {
  const difficulty = pickDifficulty(rng, 0.42, 0.18);
  const language = rng.pick(GENERAL);
  const entity = rng.pick(ENTITIES);
  let prompt: string;
  if (difficulty === 'hard') prompt = rng.pick(HARD)(rng, language, entity);
  else {
    prompt = rng.pick(EASY)(rng, language, entity);
    if (difficulty === 'medium') prompt += rng.pick([' Add type hints and a docstring.', ' Include a couple of unit tests.', ' Handle empty input.', ' Explain the time complexity.', ' Make it handle null/None values too.']);
  }
  return { prompt: dress(rng, prompt), label: difficulty === 'hard' ? 1 : 0, difficulty };
}

export const coding: DraftMaker = build;
