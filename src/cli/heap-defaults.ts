// Heap sizing of `rung serve`. Left to its defaults, V8 lets a busy gateway's old space grow to
// about four times its live data (~25 MB live, ~100 MB before each full collection) and keeps
// 16 MB semi-spaces: peak RSS of 210–240 MB in `npm run bench:gateway` where the live heap is a
// tenth of that. Capping the old-space growth factor alone brings the peak to ~165 MB; with the
// smaller young generation of `npm start` (--max-semi-space-size=4, which V8 only accepts at
// process start) it stays near 140 MB. The price is CPU: about 10–20 % more per request in that
// benchmark (medians of interleaved rounds), from more frequent collections.
//
// The growth cap is applied at run time (V8 reads it at every full collection), so `rung serve`
// gets it however it is started. An explicit --heap-growing-percent, on the command line or in
// NODE_OPTIONS, wins; `--heap-growing-percent=0` restores V8's own dynamic factor.
import { setFlagsFromString } from 'node:v8';

/** Old space may grow to (1 + this / 100) × live data before the next full collection. */
export const SERVE_HEAP_GROWING_PERCENT = 75;

const GROWING_FLAG = /(^|\s)--heap[-_]growing[-_]percent(=|\s|$)/;

/**
 * The V8 flag `rung serve` sets, or null when the operator already chose one. Pure, so the rule
 * is testable without touching the running process.
 */
export function serveHeapFlag(execArgv: readonly string[], nodeOptions: string | undefined): string | null {
  const chosen = execArgv.some((argument) => GROWING_FLAG.test(argument)) || (nodeOptions !== undefined && GROWING_FLAG.test(nodeOptions));
  return chosen ? null : `--heap-growing-percent=${SERVE_HEAP_GROWING_PERCENT}`;
}

/** Applies the serve heap defaults to this process; returns the flag set, or null. */
export function applyServeHeapDefaults(): string | null {
  const flag = serveHeapFlag(process.execArgv, process.env.NODE_OPTIONS);
  if (flag !== null) setFlagsFromString(flag);
  return flag;
}
