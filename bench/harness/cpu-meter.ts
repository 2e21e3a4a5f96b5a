import { readdirSync, readFileSync } from 'node:fs';

export const TICK_MS = 10; // USER_HZ is 100 on Linux

export function procTicks(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(f[11]) + Number(f[12]); // utime + stime
  } catch {
    return 0;
  }
}

function machineTicks(): { busy: number; total: number } {
  const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1);
  const n = cpu.map(Number);
  const total = n.reduce((a, b) => a + b, 0);
  return { busy: total - n[3] - (n[4] ?? 0), total };
}

/** A process and its children (an API started with HTTP_WORKERS > 1 forks its workers). */
export function withChildren(pid: number): number[] {
  const out = [pid];
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid) out.push(Number(d));
    } catch {
      // process ended meanwhile
    }
  }
  return out;
}

/** Every process of the shared PostgreSQL server (its other clients' work included). */
export function postgresPids(): number[] {
  const pids: number[] = [];
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      if (readFileSync(`/proc/${d}/comm`, 'utf8').trim() === 'postgres') pids.push(Number(d));
    } catch {
      // process ended meanwhile
    }
  }
  return pids;
}

/**
 * CPU use of named processes between `start()` and `stop()`, in % of one core, plus the whole
 * machine's busy share: says which component saturates while a figure is measured (Linux only).
 */
export class CpuMeter {
  private t0 = 0;
  private m0 = { busy: 0, total: 0 };
  private readonly before = new Map<number, number>();

  constructor(private readonly procs: () => Record<string, number[]>) {}

  start(): this {
    this.t0 = performance.now();
    this.m0 = machineTicks();
    for (const pids of Object.values(this.withPostgres()))
      for (const pid of pids) this.before.set(pid, procTicks(pid));
    return this;
  }

  /** e.g. `machine 97% busy; ingest 61%, redis 38%, postgres 55%, broker 9%` (of one core). */
  stop(): string {
    const ms = performance.now() - this.t0;
    const m = machineTicks();
    const machine = (100 * (m.busy - this.m0.busy)) / Math.max(1, m.total - this.m0.total);
    const parts = Object.entries(this.withPostgres()).map(([name, pids]) => {
      // per process: one that ended meanwhile drops out, one that started counts from zero
      const ticks = sum(pids.map((pid) => procTicks(pid) - (this.before.get(pid) ?? 0)));
      return `${name} ${Math.round((100 * ticks * TICK_MS) / ms)}%`;
    });
    return `CPU: machine ${Math.round(machine)}% busy; ${parts.join(', ')} (of one core)`;
  }

  private withPostgres(): Record<string, number[]> {
    return { ...this.procs(), postgres: postgresPids() };
  }
}

const sum = (a: number[]) => a.reduce((x, y) => x + y, 0);
