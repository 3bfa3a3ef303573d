/**
 * What Linux says about a process (our server or the reference server, each its own process):
 * CPU time from /proc/<pid>/stat (utime + stime) and memory from /proc/<pid>/status.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

function clockTicksPerSecond(): number {
  try {
    const ticks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
    return Number.isFinite(ticks) && ticks > 0 ? ticks : 100;
  } catch {
    return 100;
  }
}

const TICKS_PER_SECOND = clockTicksPerSecond();

/** User + system CPU seconds the process has used so far. */
export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) is in parentheses and may hold spaces: count from after it.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  return (utime + stime) / TICKS_PER_SECOND;
}

function statusField(pid: number, field: string): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = new RegExp(`^${field}:\\s+(\\d+) kB$`, 'm').exec(status);
  if (!match?.[1]) throw new Error(`no ${field} in /proc/${pid}/status`);
  return Number(match[1]) * 1024;
}

/** Resident memory now, in bytes. */
export function rssBytes(pid: number): number {
  return statusField(pid, 'VmRSS');
}

/** CPU use of a process over a window, as a percentage of one core. */
export class CpuMeter {
  private readonly startedCpu: number;
  private readonly startedAt = performance.now();

  constructor(private readonly pid: number) {
    this.startedCpu = cpuSeconds(pid);
  }

  percentOfOneCore(): number {
    const seconds = (performance.now() - this.startedAt) / 1000;
    return seconds > 0 ? ((cpuSeconds(this.pid) - this.startedCpu) / seconds) * 100 : Number.NaN;
  }
}

/** Samples a process's RSS every interval and keeps the highest value seen. */
export class RssSampler {
  private highest = 0;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly pid: number,
    intervalMs = 500,
  ) {
    this.sample();
    this.timer = setInterval(() => this.sample(), intervalMs);
  }

  private sample(): void {
    try {
      this.highest = Math.max(this.highest, rssBytes(this.pid));
    } catch {
      // the process is gone; keep what was seen
    }
  }

  /** Stops sampling; the highest RSS seen, including one last sample. */
  stop(): number {
    clearInterval(this.timer);
    this.sample();
    return this.highest;
  }
}
