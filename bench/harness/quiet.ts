import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';

/** Whole-machine CPU counters from /proc/stat (jiffies), for busy and steal shares. */
interface CpuCounters {
  total: number;
  idle: number;
  steal: number;
}

function counters(): CpuCounters | undefined {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0];
    // cpu user nice system idle iowait irq softirq steal guest guest_nice
    const v = line.trim().split(/\s+/).slice(1).map(Number);
    const total = v.slice(0, 8).reduce((a, b) => a + b, 0);
    return { total, idle: v[3] + v[4], steal: v[7] ?? 0 };
  } catch {
    return undefined;
  }
}

export interface Conditions {
  /** 1-minute load average before and after. */
  loadBefore: number;
  loadAfter: number;
  /** Machine CPU busy (all processes) during a 1 s sample taken before the scenario, 0..1 of all cores. */
  busyBefore?: number;
  /** CPU steal over the scenario (the hypervisor gave our cores to someone else), 0..1. */
  steal?: number;
  /** Why the run does not count as quiet, if it does not. */
  warning?: string;
}

const round = (v: number, d = 2) => Math.round(v * 10 ** d) / 10 ** d;
const share = (a: CpuCounters, b: CpuCounters, pick: (c: CpuCounters) => number) =>
  b.total > a.total ? (pick(b) - pick(a)) / (b.total - a.total) : 0;

/** Foreign load above this share of all cores, while the bench's stack idles, is not quiet. */
export const BUSY_LIMIT = 0.15;
/** More steal than this over a scenario is not quiet either. */
export const STEAL_LIMIT = 0.03;

/**
 * Samples the machine around a scenario: before it, one second with the bench's own processes
 * idle (what is busy then is someone else's load); after it, the steal over the whole scenario.
 */
export class QuietMeter {
  private start?: CpuCounters;
  private busy?: number;
  private load0 = 0;

  async before(): Promise<void> {
    this.load0 = round(loadavg()[0]);
    const a = counters();
    await new Promise((r) => setTimeout(r, 1000));
    const b = counters();
    this.busy = a && b ? round(1 - share(a, b, (c) => c.idle), 3) : undefined;
    this.start = b;
  }

  after(): Conditions {
    const end = counters();
    const steal =
      this.start && end
        ? round(
            share(this.start, end, (c) => c.steal),
            4,
          )
        : undefined;
    const c: Conditions = {
      loadBefore: this.load0,
      loadAfter: round(loadavg()[0]),
      busyBefore: this.busy,
      steal,
    };
    const why: string[] = [];
    if (c.busyBefore !== undefined && c.busyBefore > BUSY_LIMIT)
      why.push(
        `${Math.round(c.busyBefore * 100)}% of ${cpus().length} cores busy before it started (limit ${BUSY_LIMIT * 100}%)`,
      );
    if (c.steal !== undefined && c.steal > STEAL_LIMIT)
      why.push(`${(c.steal * 100).toFixed(1)}% CPU steal (limit ${STEAL_LIMIT * 100}%)`);
    if (why.length) c.warning = `machine not quiet: ${why.join('; ')}`;
    return c;
  }
}

export function describeConditions(c: Conditions): string {
  const parts = [
    `load ${c.loadBefore} -> ${c.loadAfter}`,
    c.busyBefore === undefined ? '' : `busy before ${Math.round(c.busyBefore * 100)}%`,
    c.steal === undefined ? '' : `steal ${(c.steal * 100).toFixed(1)}%`,
  ].filter(Boolean);
  return parts.join(', ') + (c.warning ? ` — WARNING ${c.warning}` : '');
}
