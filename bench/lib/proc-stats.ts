// CPU time and memory of another process, read from Linux /proc. CPU comes from utime+stime of
// /proc/<pid>/stat, which covers every thread of the process (libuv pool, GC helpers), in clock
// ticks (usually 10 ms): over a multi-second window at high load the rounding is well under 1%.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

let ticksPerSecond: number | undefined;

/** `getconf CLK_TCK`; 100 on every mainstream Linux when getconf is missing. */
export function clockTicksPerSecond(): number {
  if (ticksPerSecond === undefined) {
    try {
      const value = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
      ticksPerSecond = Number.isFinite(value) && value > 0 ? value : 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

/**
 * Parses the utime+stime fields of a /proc/<pid>/stat line. The command name (field 2) is in
 * parentheses and may itself contain spaces or ')', so fields are counted after the LAST ')'.
 */
export function parseStatTicks(statLine: string): number {
  const rest = statLine.slice(statLine.lastIndexOf(')') + 2).split(' ');
  // After the name, index 0 is field 3 (state); utime is field 14, stime field 15.
  const utime = Number(rest[11]);
  const stime = Number(rest[12]);
  if (!Number.isFinite(utime) || !Number.isFinite(stime)) throw new Error(`unexpected /proc stat line: ${statLine.slice(0, 120)}`);
  return utime + stime;
}

/** CPU time the process has used so far, microseconds. */
export function readCpuMicros(pid: number): number {
  const ticks = parseStatTicks(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  return (ticks * 1_000_000) / clockTicksPerSecond();
}

/** A `Name:   1234 kB` field of /proc/<pid>/status, in MB (MiB); undefined when absent. */
export function readStatusMb(pid: number, field: 'VmHWM' | 'VmRSS'): number | undefined {
  const text = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = new RegExp(`^${field}:\\s+(\\d+)\\s+kB`, 'm').exec(text);
  return match?.[1] === undefined ? undefined : Number(match[1]) / 1024;
}

/** Machine facts for the report header. */
export function describeMachine(): { cpus: number; cpuModel: string; memoryGb: number } {
  const cpuinfo = readFileSync('/proc/cpuinfo', 'utf8');
  const cpus = (cpuinfo.match(/^processor\s*:/gm) ?? []).length;
  const cpuModel = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1]?.trim() ?? 'unknown';
  const memoryKb = Number(/^MemTotal:\s+(\d+)\s+kB/m.exec(readFileSync('/proc/meminfo', 'utf8'))?.[1] ?? 0);
  return { cpus, cpuModel, memoryGb: Math.round((memoryKb / 1024 / 1024) * 10) / 10 };
}
