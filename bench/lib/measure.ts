// Measures one row: start it, probe once, warm up, then the measured window at N connections
// (CPU of the row's process read from /proc around it) and a connections=1 run for latency
// without queueing. Whatever fails becomes the row's `failure`, never an exception: one broken
// row (say, Portkey not starting) must not cost the other rows their results.
import { readCpuMicros, readStatusMb } from './proc-stats.ts';
import { runLoad, type LoadResult } from './load.ts';
import type { BenchEnvironment, RunningTarget, TargetDefinition } from './targets.ts';
import { probeOnce } from './workload.ts';

export interface RowResult {
  name: string;
  description: string;
  /** Set when the row could not be measured; the numbers are then null. */
  failure: string | null;
  notes: string[];
  rps: number | null;
  p50_ms: number | null;
  p90_ms: number | null;
  p99_ms: number | null;
  max_ms: number | null;
  /** non-2xx responses + socket errors/timeouts, in the measured window and the c=1 run. */
  errors: number | null;
  /** CPU time of the row's process in the measured window ÷ responses in it. */
  cpu_us_per_req: number | null;
  /** The same CPU time ÷ wall time (100 = one core busy). */
  cpu_pct: number | null;
  /** CPU of the load driver (this process) ÷ wall time, to see whether the driver was the limit. */
  driver_cpu_pct: number | null;
  /** Peak resident set of the row's process over its life (VmHWM). */
  rss_mb: number | null;
  /** Resident set right after start and one request, before any load. */
  rss_start_mb: number | null;
  p50_ms_c1: number | null;
  /** p50 at c=1 minus the direct row's p50 at c=1; filled in once every row ran. */
  added_p50_ms_c1: number | null;
}

export type Log = (line: string) => void;

/** A row with no figures yet (all null), failed when `failure` is set. */
export function emptyRow(target: Pick<TargetDefinition, 'name' | 'description'>, failure: string | null): RowResult {
  return {
    name: target.name,
    description: target.description,
    failure,
    notes: [],
    rps: null,
    p50_ms: null,
    p90_ms: null,
    p99_ms: null,
    max_ms: null,
    errors: null,
    cpu_us_per_req: null,
    cpu_pct: null,
    driver_cpu_pct: null,
    rss_mb: null,
    rss_start_mb: null,
    p50_ms_c1: null,
    added_p50_ms_c1: null,
  };
}

const errorsOf = (result: LoadResult) => result.non2xx + result.socketErrors;

/** e.g. `12×503, 3 socket errors/timeouts`. */
function describeErrors(result: LoadResult): string {
  const parts = Object.entries(result.statusCounts)
    .filter(([status]) => !status.startsWith('2'))
    .map(([status, count]) => `${count}×${status}`);
  if (result.socketErrors > 0) parts.push(`${result.socketErrors} socket errors/timeouts`);
  return parts.join(', ');
}

export async function measureTarget(target: TargetDefinition, environment: BenchEnvironment, log: Log): Promise<RowResult> {
  const { options } = environment;
  log(`[${target.name}] starting`);
  let running: RunningTarget;
  try {
    running = await target.start(environment);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    log(`[${target.name}] failed to start: ${message}`);
    return emptyRow(target, `failed to start: ${message.slice(0, 400)}`);
  }
  const row = emptyRow(target, null);
  try {
    const problem = await probeOnce(running.request.url, running.request.headers, running.request.bodies[0] ?? '{}');
    if (problem !== undefined) {
      log(`[${target.name}] ${problem}`);
      row.notes.push(problem);
    }
    row.rss_start_mb = readStatusMb(running.pid, 'VmRSS') ?? null;

    log(`[${target.name}] warm-up ${options.warmupSeconds}s at c=${options.connections}`);
    const warmup = await runLoad(running.request, options.connections, options.warmupSeconds);
    if (errorsOf(warmup) > 0) row.notes.push(`warm-up errors: ${errorsOf(warmup)} (${describeErrors(warmup)})`);

    log(`[${target.name}] measuring ${options.durationSeconds}s at c=${options.connections}`);
    const finishObserving = await running.observeWindow?.();
    const cpuBefore = readCpuMicros(running.pid);
    const driverBefore = process.cpuUsage();
    const main = await runLoad(running.request, options.connections, options.durationSeconds);
    const cpuMicros = readCpuMicros(running.pid) - cpuBefore;
    const driverUsage = process.cpuUsage(driverBefore);
    if (finishObserving !== undefined) row.notes.push(await finishObserving());

    log(`[${target.name}] measuring ${options.singleConnectionSeconds}s at c=1`);
    const single = await runLoad(running.request, 1, options.singleConnectionSeconds);

    row.rps = main.rps;
    row.p50_ms = main.latency?.p50 ?? null;
    row.p90_ms = main.latency?.p90 ?? null;
    row.p99_ms = main.latency?.p99 ?? null;
    row.max_ms = main.latency?.max ?? null;
    row.errors = errorsOf(main) + errorsOf(single);
    if (row.errors > 0) row.notes.push(`errors: ${[describeErrors(main), describeErrors(single)].filter((text) => text !== '').join('; ')}`);
    row.cpu_us_per_req = main.responses > 0 ? cpuMicros / main.responses : null;
    row.cpu_pct = (cpuMicros / (main.elapsedSeconds * 1_000_000)) * 100;
    row.driver_cpu_pct = ((driverUsage.user + driverUsage.system) / (main.elapsedSeconds * 1_000_000)) * 100;
    row.rss_mb = readStatusMb(running.pid, 'VmHWM') ?? null;
    row.p50_ms_c1 = single.latency?.p50 ?? null;
    log(`[${target.name}] ${Math.round(main.rps)} req/s, p50 ${row.p50_ms?.toFixed(2)} ms, ${row.errors} errors`);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    log(`[${target.name}] failed: ${message}`);
    row.failure = `failed while measuring: ${message.slice(0, 400)}`;
  } finally {
    await running.stop();
  }
  return row;
}
